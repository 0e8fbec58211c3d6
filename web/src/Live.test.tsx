import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { Live } from './Live';

afterEach(() => { cleanup(); vi.restoreAllMocks(); sessionStorage.clear(); });

/** A response whose body streams the given SSE text in two chunks, then stays open. */
function streaming(parts: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const p of parts) {
        controller.enqueue(new TextEncoder().encode(p));
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('the live sprints table', () => {
  it('shows the snapshot, then highlights the figure that changed with its delay from the commit', async () => {
    sessionStorage.setItem('spiral.apiKey', 'k');
    const committed = new Date(Date.now() - 600).toISOString();
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(streaming([
      'event: snapshot\ndata: [{"sprint_id":"s1","sprint_name":"ALPHA Sprint 7","planned_sp":10,"completed_sp":4}]\n\n',
      `event: sprint\ndata: {"sprint_id":"s1","sprint_name":"ALPHA Sprint 7","planned_sp":13,"completed_sp":4,"source_ts":"${committed}"}\n\n`,
    ]));
    render(<Live onUnauthorized={() => {}} />);
    await waitFor(() => expect(screen.getByText('13')).toBeTruthy());
    const cell = screen.getByText('13');
    expect(cell.className).toContain('changed');
    expect(screen.getByText('4').className).not.toContain('changed');
    expect(screen.getByText(/s after the commit/).textContent).toMatch(/^0\.\d s after the commit$/);
    expect(fetch.mock.calls[0][1]?.headers).toMatchObject({ Authorization: 'Bearer k' });
  });

  it('tells the app when the key is refused', async () => {
    sessionStorage.setItem('spiral.apiKey', 'bad');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{"status":401}', { status: 401 }));
    const onUnauthorized = vi.fn();
    render(<Live onUnauthorized={onUnauthorized} />);
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
  });
});
