import { useEffect, useState } from 'react';
import { Job, cancelJob, download, jobs } from './api';

/** The jobs of this key's tenant: status, progress, cancel while running, download when completed. */
export function Jobs() {
  const [list, setList] = useState<Job[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => jobs().then((j) => live && setList(j)).catch((e) => live && setError(e.message));
    load();
    const timer = setInterval(load, 2000);
    return () => { live = false; clearInterval(timer); };
  }, []);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!list) return <p className="muted">Loading jobs…</p>;
  if (list.length === 0) return <p className="muted">No jobs yet: export an answer to start one.</p>;
  return (
    <section className="jobs" aria-label="Jobs">
      <h2>Jobs</h2>
      <table>
        <thead><tr><th>created</th><th>what</th><th>status</th><th>rows</th><th>actions</th></tr></thead>
        <tbody>
          {list.map((j) => (
            <tr key={j.id} data-job={j.id}>
              <td>{new Date(j.created_at).toLocaleString()}</td>
              <td>{j.question ?? (j.spec as any)?.metrics?.join(', ')}</td>
              <td>
                {j.status}
                {j.status === 'running' && <progress aria-label={`progress of job ${j.id}`} max={1} value={j.progress} />}
                {j.error && <span className="error"> {j.error}</span>}
              </td>
              <td className="num">{j.row_count ?? '–'}</td>
              <td>
                {(j.status === 'queued' || j.status === 'running') && <button onClick={() => cancelJob(j.id)}>Cancel</button>}
                {j.status === 'completed' && (['csv', 'xlsx', 'json'] as const).map((f) => (
                  <button key={f} onClick={() => download(j.id, f)}>{f.toUpperCase()}</button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
