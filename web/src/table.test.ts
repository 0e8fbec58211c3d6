import { describe, expect, it } from 'vitest';
import { ago, format, page, sortRows } from './table';

describe('the answer table', () => {
  const rows = [['a', 3], ['b', null], ['c', 10], ['d', 1]];

  it('sorts numbers by value with nulls last, either way', () => {
    expect(sortRows(rows, { column: 1, descending: true }).map((r) => r[0])).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, { column: 1, descending: false }).map((r) => r[0])).toEqual(['d', 'a', 'c', 'b']);
  });

  it('leaves the order as answered when no column is chosen', () => {
    expect(sortRows(rows, null)).toBe(rows);
  });

  it('pages and keeps the page index within bounds', () => {
    const many = Array.from({ length: 45 }, (_, i) => i);
    expect(page(many, 2, 20)).toEqual({ rows: [40, 41, 42, 43, 44], pages: 3, index: 2 });
    expect(page(many, 9, 20).index).toBe(2);
    expect(page([], 0, 20)).toEqual({ rows: [], pages: 1, index: 0 });
  });

  it('shows ratios as percentages and says how long ago the data is', () => {
    expect(format(0.125, 'ratio')).toBe('12.5%');
    expect(format(null)).toBe('–');
    expect(format(1234)).toBe('1,234');
    expect(ago('2026-11-29T12:00:00Z', Date.parse('2026-11-29T12:00:42Z'))).toBe('42 s ago');
    expect(ago(null)).toBe('no data');
  });
});
