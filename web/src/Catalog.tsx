import { useEffect, useState } from 'react';
import { catalog, metric } from './api';

/** A metric's versions, read when asked for: what changed its computation, and when. */
function Versions({ name }: { name: string }) {
  const [versions, setVersions] = useState<any[] | null>(null);
  if (!versions) {
    return <button className="link" onClick={() => metric(name).then((m) => setVersions(m.versions ?? []))}>Versions</button>;
  }
  return (
    <ul className="versions">
      {versions.map((v) => (
        <li key={v.version}>
          {v.version}{v.current ? ' (current)' : ''}{v.deprecated ? ' (deprecated)' : ''}, since {new Date(v.created_at).toLocaleDateString()}
        </li>
      ))}
    </ul>
  );
}

/** The metrics by category, searchable by name and synonym; "try it" asks a sensible default question. */
export function Catalog({ onTry }: { onTry: (question: string) => void }) {
  const [metrics, setMetrics] = useState<any[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    catalog().then((c) => setMetrics(c.metrics)).catch((e) => setError(e.message));
  }, []);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!metrics) return <p className="muted">Loading the catalog…</p>;
  const q = query.trim().toLowerCase();
  const shown = metrics.filter((m) => !q || [m.name, m.display_name, m.description, ...(m.synonyms ?? [])]
    .some((s: string) => String(s).toLowerCase().includes(q)));
  const categories = [...new Set(shown.map((m) => m.category))];
  return (
    <section className="catalog" aria-label="Catalog">
      <label htmlFor="search">Search metrics</label>
      <input id="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. carryover, cycle time" />
      {categories.map((c) => (
        <div key={c}>
          <h2>{c}</h2>
          <ul className="metrics">
            {shown.filter((m) => m.category === c).map((m) => (
              <li key={m.name} className="metric">
                <h3>{m.display_name} <code>{m.name}</code></h3>
                <p>{m.description}</p>
                <p className="muted">
                  unit: {m.unit}{m.better ? `, ${m.better} is better` : ''}; by {(m.dimensions ?? []).join(', ')}; version {m.version}
                  {m.deprecated ? ' (deprecated)' : ''}
                </p>
                {m.synonyms?.length > 0 && <p className="muted">also called: {m.synonyms.join(', ')}</p>}
                <p className="formula">formula: <code>{m.sql_template}</code></p>
                <Versions name={m.name} />
                <button onClick={() => onTry(`${m.display_name} per ${m.grain === 'sprint' ? 'sprint' : (m.default_dimensions?.[0] ?? 'project').replace(/_/g, ' ')}`)}>
                  Try it
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
