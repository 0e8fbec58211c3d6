// Server-Sent Events over fetch: EventSource cannot send an Authorization header, and the key must never ride
// in a URL. Parses the text/event-stream format (event:, data:, blank line ends an event; ':' lines are comments).
export type SseEvent = { event: string; data: string };

export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/** Reads a stream until it ends or the signal aborts; each complete event is handed over as it arrives. */
export async function stream(path: string, key: string, onEvent: (e: SseEvent) => void, signal: AbortSignal): Promise<number> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' }, signal });
  if (!res.ok || !res.body) return res.status;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return res.status;
    buffer += decoder.decode(value, { stream: true });
    const parsed = parseSse(buffer);
    buffer = parsed.rest;
    parsed.events.forEach(onEvent);
  }
}
