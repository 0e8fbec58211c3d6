import { FormEvent, useState } from 'react';
import { ApiError, SearchHit, SearchMeta, SearchMode, search } from './api';
import { SearchResults } from './SearchResults';

const TYPES = ['', 'Bug', 'Story', 'Task', 'Epic', 'Sub-task'];

/** Find issues by what they are about: words as people type them, filters that hold inside the search. */
export function Search({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<SearchMode>('hybrid');
  const [project, setProject] = useState('');
  const [type, setType] = useState('');
  const [result, setResult] = useState<{ hits: SearchHit[]; meta: SearchMeta } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!query.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await search(query.trim(), mode, { project: project.trim().toUpperCase(), issue_type: type }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnauthorized();
      setError((err as Error).message);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="search" aria-label="Issue search">
      <form className="searcher" onSubmit={onSubmit} role="search">
        <label htmlFor="search-query" className="visually-hidden">Search issues</label>
        <input id="search-query" value={query} onChange={(e) => setQuery(e.target.value)} maxLength={1000}
               placeholder="e.g. customers charged twice at checkout" autoComplete="off" />
        <label>
          Project <input className="short" value={project} onChange={(e) => setProject(e.target.value)} maxLength={50} placeholder="any" />
        </label>
        <label>
          Type{' '}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {TYPES.map((t) => <option key={t} value={t}>{t === '' ? 'any' : t}</option>)}
          </select>
        </label>
        <label>
          Ranking{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as SearchMode)}>
            <option value="hybrid">by meaning and words</option>
            <option value="semantic">by meaning</option>
            <option value="keyword">by words</option>
          </select>
        </label>
        <button type="submit" disabled={busy || query.trim() === ''}>Search</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {result && <SearchResults hits={result.hits} meta={result.meta} />}
    </section>
  );
}
