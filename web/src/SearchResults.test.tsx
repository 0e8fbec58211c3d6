import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SearchResults } from './SearchResults';
import type { SearchHit } from './api';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const hit = (key: string, summary: string): SearchHit => ({
  issue_key: key, summary, snippet: 'Logs show `504 Gateway Timeout`.', score: 0.03, project: 'ALPHA', issue_type: 'Bug',
  status: 'In Progress', assignee: null, priority: 'High',
});
const meta = { took_ms: 12.5, model: 'all-minilm-l6-v2', index_as_of: '2026-11-29T12:00:00Z', notes: [] };

describe('search results', () => {
  it('show each issue with why it matched, where it stands and how fresh the index is', () => {
    render(<SearchResults hits={[hit('ALPHA-7', 'Login times out')]} meta={meta} now={Date.parse('2026-11-29T12:00:05Z')} />);
    expect(screen.getByText('ALPHA-7')).toBeTruthy();
    expect(screen.getByText(/504 Gateway Timeout/)).toBeTruthy();
    expect(screen.getByText(/unassigned/)).toBeTruthy();
    expect(screen.getByText(/5 s ago/)).toBeTruthy();
  });

  it('say so when nothing matches, and pass on the notes of the search', () => {
    render(<SearchResults hits={[]} meta={{ ...meta, notes: ['ranked by keywords only'] }} />);
    expect(screen.getByText(/No issue matches/)).toBeTruthy();
    expect(screen.getByText('ranked by keywords only')).toBeTruthy();
  });

  it('open the issues most like one on demand', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({
      hits: [hit('BETA-3', 'Sign-in hangs and then times out')], meta,
    }), { status: 200 }));
    render(<SearchResults hits={[hit('ALPHA-7', 'Login times out')]} meta={meta} />);
    fireEvent.click(screen.getByRole('button', { name: 'Similar issues' }));
    await waitFor(() => expect(screen.getByText('BETA-3')).toBeTruthy());
    expect(String(fetchMock.mock.calls[0][0])).toContain('/analytics/issues/ALPHA-7/similar');
  });
});
