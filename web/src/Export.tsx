import { useState } from 'react';
import { download, job, submitJob } from './api';

type Format = 'csv' | 'xlsx' | 'json';
const LABEL: Record<Format, string> = { csv: 'CSV', xlsx: 'Excel', json: 'JSON' };

/** Export an answer's full rows through the jobs API: the job runs, its progress shows, then the file downloads. */
export function Export({ spec }: { spec: unknown }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = async (format: Format) => {
    setError(null);
    setProgress(0);
    try {
      // the same spec as the answer: the file holds the rows shown (all of them, past the table's pages)
      let j = await submitJob(spec);
      const until = Date.now() + 120000;
      while (!['completed', 'failed', 'cancelled'].includes(j.status) && Date.now() < until) {
        setProgress(j.progress);
        await new Promise((r) => setTimeout(r, 300));
        j = await job(j.id);
      }
      if (j.status !== 'completed') throw new Error(j.error ?? `the job ${j.status}`);
      setProgress(1);
      await download(j.id, format);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setTimeout(() => setProgress(null), 1500);
    }
  };
  return (
    <div className="export" role="group" aria-label="Export">
      {(Object.keys(LABEL) as Format[]).map((f) => (
        <button key={f} disabled={progress !== null} onClick={() => start(f)}>{LABEL[f]}</button>
      ))}
      {progress !== null && <progress aria-label="Export progress" max={1} value={progress} />}
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}
