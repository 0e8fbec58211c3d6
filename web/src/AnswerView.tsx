import { useState } from 'react';
import { Answer, Refusal, SearchAnswer } from './api';
import { SearchResults } from './SearchResults';
import { ago } from './table';
import { ChartView } from './ChartView';
import { ResultTable } from './ResultTable';
import { Export } from './Export';
import { SpecEditor } from './SpecEditor';

/** One answer: the reading taken, the chart, the rows, how fresh they are, and the spec and SQL behind them. */
export function AnswerView({ answer, onAsk, now }: { answer: Answer | SearchAnswer | Refusal; onAsk: (q: string) => void; now?: number }) {
  const [showSql, setShowSql] = useState(false);
  const [edited, setEdited] = useState<any | null>(null);
  if ('refused' in answer) {
    return (
      <div className="answer refused">
        <p><strong>I can't answer that:</strong> {answer.detail}</p>
        {answer.suggestions.length > 0 && (
          <>
            <p>Questions I can answer:</p>
            <ul className="suggestions">
              {answer.suggestions.map((s) => (
                <li key={s}><button className="suggestion" onClick={() => onAsk(s)}>{s}</button></li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }
  if ('kind' in answer && answer.kind === 'search') {
    return (
      <div className="answer">
        <p className="explanation">
          {answer.similar_to ? `Issues similar to ${answer.similar_to}` : `Issues about “${answer.search?.query}”`}
          {answer.search && Object.keys(answer.search.filters).length > 0 &&
            ` (${Object.entries(answer.search.filters).map(([k, v]) => `${k.replace('_', ' ')} ${Array.isArray(v) ? v.join(', ') : v}`).join('; ')})`}
        </p>
        <SearchResults hits={answer.hits} meta={answer.meta} now={now} />
      </div>
    );
  }
  // an answer re-run from a hand-edited spec replaces the rows shown, keeping the question it came from
  const shown: Answer = edited
    ? { ...answer, ...edited.result, meta: { ...answer.meta, ...edited.result.meta, translator: 'your edited spec' }, spec: edited.spec,
        explanation: 'Edited spec: ' + JSON.stringify(edited.spec) }
    : answer;
  const m = shown.meta;
  return (
    <div className="answer">
      <p className="reading">{shown.explanation}</p>
      <p className="meta">
        <span>data as of {m.data_as_of ? new Date(m.data_as_of).toLocaleString() : '–'} ({ago(m.data_as_of, now)})</span>
        <span>{m.cached ? 'from cache' : `${m.query_time_ms} ms`}</span>
        {m.translator && <span>read by {m.translator}</span>}
      </p>
      {m.rows_cut && <p className="note">{m.rows_cut.detail}</p>}
      {shown.rows.length > 0 && shown.rows.length <= 5000 && <ChartView columns={shown.columns} rows={shown.rows} />}
      <ResultTable columns={shown.columns} rows={shown.rows} />
      <Export spec={shown.spec} />
      <button className="link" aria-expanded={showSql} onClick={() => setShowSql(!showSql)}>
        {showSql ? 'Hide' : 'Show'} the spec and SQL
      </button>
      {showSql && (
        <div className="sql">
          <h3>Spec</h3>
          <pre>{JSON.stringify(shown.spec, null, 2)}</pre>
          <h3>SQL</h3>
          <pre>{shown.sql}</pre>
          <SpecEditor spec={shown.spec} onResult={(result, spec) => setEdited({ result, spec })} />
        </div>
      )}
    </div>
  );
}
