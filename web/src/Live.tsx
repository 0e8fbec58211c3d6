import { useEffect, useState } from 'react';
import { session } from './api';
import { stream } from './sse';
import { FIGURES, LiveState, applyEvent, drivers } from './live';
import { format } from './table';

const LABELS: Record<string, string> = {
  planned_sp: 'committed', completed_sp: 'completed', added_after_start_sp: 'added', removed_sp: 'removed',
  spillover_ratio: 'spillover', scope_churn_ratio: 'churn', blocked_hours: 'blocked h', issue_count: 'issues', bug_count: 'bugs',
  sprint_problematic_score: 'problem score',
};
const UNITS: Record<string, string> = { spillover_ratio: 'ratio', scope_churn_ratio: 'ratio' };
const HIGHLIGHT_MS = 4000;

/**
 * The caller's active sprints, changing as the pipeline writes them: a changed figure is highlighted and says
 * how long after the change was committed in Jira's tables it reached this screen. No polling: the server
 * pushes a sprint when the database tells it the tenant's figures changed.
 */
export function Live({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [state, setState] = useState<LiveState>({ rows: [], changes: {} });
  const [status, setStatus] = useState('connecting');
  const [, tick] = useState(0);
  useEffect(() => {
    const key = session.key();
    if (!key) return;
    const abort = new AbortController();
    let stopped = false;
    const run = async () => {
      while (!stopped) {
        try {
          const code = await stream('/analytics/live/sprints', key, (e) => {
            setStatus('live');
            setState((s) => applyEvent(s, e.event, JSON.parse(e.data), Date.now()));
          }, abort.signal);
          if (code === 401) { onUnauthorized(); return; }
        } catch {
          if (stopped) return;
        }
        setStatus('reconnecting');
        await new Promise((r) => setTimeout(r, 2000));
      }
    };
    void run();
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => { stopped = true; abort.abort(); clearInterval(timer); };
  }, [onUnauthorized]);
  const now = Date.now();
  return (
    <section className="live" aria-label="Live sprints">
      <h2>Active sprints, live <span className={`status ${status}`}>{status}</span></h2>
      {state.rows.length === 0 ? (
        <p className="muted">{status === 'live' ? 'No sprint is active.' : 'Connecting…'}</p>
      ) : (
        <table>
          <thead>
            <tr><th>sprint</th>{FIGURES.map((f) => <th key={f} className="num">{LABELS[f]}</th>)}<th>why the score</th><th>last change</th></tr>
          </thead>
          <tbody>
            {state.rows.map((r) => {
              const change = state.changes[r.sprint_id];
              const fresh = change && now - change.at < HIGHLIGHT_MS;
              return (
                <tr key={r.sprint_id} data-sprint={r.sprint_name}>
                  <th scope="row">{r.sprint_name}</th>
                  {FIGURES.map((f) => (
                    <td key={f} data-figure={f} className={`num${fresh && change.fields.includes(f) ? ' changed' : ''}`}>
                      {format(r[f], UNITS[f])}
                    </td>
                  ))}
                  <td className="why">{drivers(r)}</td>
                  <td className="delay">
                    {change && change.delayMs != null ? `${(change.delayMs / 1000).toFixed(1)} s after the commit` : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
