import { useState } from 'react';
import { Column } from './api';
import { Sort, format, page, sortRows } from './table';

const PAGE = 20;

/** The rows of an answer: click a header to sort (again to reverse), pages of 20. */
export function ResultTable({ columns, rows }: { columns: Column[]; rows: unknown[][] }) {
  const [sort, setSort] = useState<Sort>(null);
  const [index, setIndex] = useState(0);
  if (rows.length === 0) {
    return <p className="muted">No rows: nothing matches in your data.</p>;
  }
  // a dimension's id column (sprint_id beside sprint) keeps rows apart but says nothing to a reader
  const shown = columns.map((c, i) => i).filter((i) => !(columns[i].name.endsWith('_id')
    && columns[i - 1]?.name === columns[i].name.slice(0, -3)));
  const sorted = sortRows(rows, sort);
  const p = page(sorted, index, PAGE);
  const toggle = (c: number) => setSort(sort && sort.column === c ? { column: c, descending: !sort.descending } : { column: c, descending: true });
  return (
    <div className="table">
      <table>
        <thead>
          <tr>
            {shown.map((i) => (
              <th key={columns[i].name} aria-sort={sort?.column === i ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button onClick={() => toggle(i)}>{columns[i].name.replace(/_/g, ' ')}</button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r, i) => (
            <tr key={i}>
              {shown.map((j) => <td key={j} className={typeof r[j] === 'number' ? 'num' : undefined}>{format(r[j], columns[j]?.unit)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {p.pages > 1 && (
        <nav className="pager" aria-label="Pages">
          <button disabled={p.index === 0} onClick={() => setIndex(p.index - 1)}>Previous</button>
          <span>page {p.index + 1} of {p.pages} ({rows.length} rows)</span>
          <button disabled={p.index === p.pages - 1} onClick={() => setIndex(p.index + 1)}>Next</button>
        </nav>
      )}
    </div>
  );
}
