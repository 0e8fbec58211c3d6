import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SpecEditor } from './SpecEditor';

afterEach(() => { cleanup(); vi.restoreAllMocks(); });

describe('the spec editor', () => {
  it('shows the validation errors of the API at their pointer', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({
      status: 400, detail: 'unknown metric', errors: [{ pointer: '/metrics/0', detail: "unknown metric 'spilover_ratio'", suggestion: 'spillover_ratio' }],
    }), { status: 400 }));
    render(<SpecEditor spec={{ metrics: ['spilover_ratio'] }} onResult={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run this spec' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('/metrics/0'));
    expect(screen.getByRole('alert').textContent).toContain('did you mean spillover_ratio');
  });

  it('says when the text is not JSON, before asking the API', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    render(<SpecEditor spec={{}} onResult={() => {}} />);
    fireEvent.change(screen.getByLabelText(/Spec/), { target: { value: '{"metrics": [' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run this spec' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not JSON'));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('hands the rows of a valid spec back', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ columns: [], rows: [[1]] }), { status: 200 }));
    const onResult = vi.fn();
    render(<SpecEditor spec={{ metrics: ['velocity'] }} onResult={onResult} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run this spec' }));
    await waitFor(() => expect(onResult).toHaveBeenCalledWith({ columns: [], rows: [[1]] }, { metrics: ['velocity'] }));
  });
});
