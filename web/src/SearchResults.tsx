import { useState } from 'react';
import { SearchHit, SearchMeta, similar } from './api';
import { ago } from './table';

/** Issues found: key, summary, why it matched, where it stands; each can show the issues most like it. */
export function SearchResults({ hits, meta, now }: { hits: SearchHit[]; meta: SearchMeta; now?: number }) {
  const [open, setOpen] = useState<string | null>(null);
  const [like, setLike] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showSimilar = async (key: string) => {
    if (open === key) {
      setOpen(null);
      return;
    }
    setOpen(key);
    setLike(null);
    setError(null);
    try {
      setLike((await similar(key)).hits);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="search-results">
      <p className="muted">
        {hits.length === 0 ? 'No issue matches.' : `${hits.length} issue${hits.length === 1 ? '' : 's'}`}
        {meta.index_as_of && <> · index as of {ago(meta.index_as_of, now)}</>}
        {meta.model && <> · {meta.model}</>}
        {' '}· {meta.took_ms} ms
      </p>
      {meta.notes?.map((n) => <p key={n} className="note">{n}</p>)}
      <ol className="hits">
        {hits.map((h) => (
          <li key={h.issue_key} className="hit">
            <p>
              <strong className="issue-key">{h.issue_key}</strong> {h.summary}
            </p>
            {h.snippet && h.snippet !== h.summary && <p className="snippet">{h.snippet}</p>}
            <p className="muted">
              {[h.issue_type, h.status, h.priority, h.assignee ?? 'unassigned', h.project].filter(Boolean).join(' · ')}
              {' '}
              <button className="link" aria-expanded={open === h.issue_key} onClick={() => showSimilar(h.issue_key)}>
                {open === h.issue_key ? 'Hide similar' : 'Similar issues'}
              </button>
            </p>
            {open === h.issue_key && (
              <div className="similar" aria-label={`Issues similar to ${h.issue_key}`}>
                {error && <p role="alert" className="error">{error}</p>}
                {!like && !error && <p className="muted">Looking…</p>}
                {like && (
                  <ul>
                    {like.map((s) => <li key={s.issue_key}><strong>{s.issue_key}</strong> {s.summary} <span className="muted">· {s.status}</span></li>)}
                  </ul>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
