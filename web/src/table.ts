// Sorting and paging of an answer's rows: numbers by value (nulls last), text by locale.
export type Sort = { column: number; descending: boolean } | null;

export function sortRows(rows: unknown[][], sort: Sort): unknown[][] {
  if (!sort) return rows;
  const { column, descending } = sort;
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
}

export function page<T>(rows: T[], index: number, size: number): { rows: T[]; pages: number; index: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const i = Math.min(Math.max(0, index), pages - 1);
  return { rows: rows.slice(i * size, i * size + size), pages, index: i };
}

export function format(value: unknown, unit?: string | null): string {
  if (value == null) return '–';
  if (typeof value === 'number') {
    if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
    return Number.isInteger(value) ? value.toLocaleString('en') : value.toLocaleString('en', { maximumFractionDigits: 2 });
  }
  return String(value);
}

/** "data as of" in words: how long ago the newest figure's source change was committed. */
export function ago(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'no data';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}
