import { describe, expect, it } from 'vitest';
import { parseSse } from './sse';
import { applyEvent, drivers } from './live';

describe('the live stream', () => {
  it('parses events split across chunks and skips comments', () => {
    const a = parseSse('event: snapshot\ndata: [1]\n\n: keep-alive\n\nevent: spr');
    expect(a.events).toEqual([{ event: 'snapshot', data: '[1]' }]);
    const b = parseSse(a.rest + 'int\ndata: {"x":1}\n\n');
    expect(b.events).toEqual([{ event: 'sprint', data: '{"x":1}' }]);
    expect(b.rest).toBe('');
  });

  it('marks only the figures that changed and how long after the commit they arrived', () => {
    let s = applyEvent({ rows: [], changes: {} }, 'snapshot', [{ sprint_id: 'a', planned_sp: 10, completed_sp: 3 }], 0);
    s = applyEvent(s, 'sprint', { sprint_id: 'a', planned_sp: 13, completed_sp: 3, source_ts: '2026-11-29T12:00:00.000Z' },
      Date.parse('2026-11-29T12:00:00.700Z'));
    expect(s.rows[0].planned_sp).toBe(13);
    expect(s.changes.a.fields).toEqual(['planned_sp']);
    expect(s.changes.a.delayMs).toBe(700);
  });

  it('drops a sprint that is no longer active and adds one that became active', () => {
    let s = applyEvent({ rows: [], changes: {} }, 'snapshot', [{ sprint_id: 'a' }], 0);
    s = applyEvent(s, 'sprint', { sprint_id: 'b', planned_sp: 5 }, 0);
    s = applyEvent(s, 'gone', { sprint_id: 'a' }, 0);
    expect(s.rows.map((r) => r.sprint_id)).toEqual(['b']);
  });
});

describe('the problematic score', () => {
  it('is explained by its two largest factors', () => {
    expect(drivers({ sprint_id: 'a', spillover_ratio_contribution: 0.9, scope_churn_ratio_contribution: -0.4,
      blocked_hours_contribution: 0.01 })).toBe('spillover ratio +0.90, scope churn ratio −0.40');
  });
});
