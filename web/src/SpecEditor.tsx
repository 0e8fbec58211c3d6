import { useState } from 'react';
import { ApiError, run } from './api';

type Problem = { pointer: string; detail: string; suggestion?: string };

/** Edit an answer's spec by hand and run it again; the API's errors are shown at the pointer they name. */
export function SpecEditor({ spec, onResult }: { spec: unknown; onResult: (result: any, spec: unknown) => void }) {
  const [text, setText] = useState(JSON.stringify(spec, null, 2));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setProblems([]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setProblems([{ pointer: '', detail: `not JSON: ${(e as Error).message}` }]);
      setBusy(false);
      return;
    }
    try {
      onResult(await run(parsed), parsed);
    } catch (e) {
      const errors = e instanceof ApiError ? e.body?.errors : null;
      setProblems(errors?.length ? errors : [{ pointer: '', detail: (e as Error).message }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="spec-editor">
      <label htmlFor="spec-text">Spec (AnalyticsSpec JSON)</label>
      <textarea id="spec-text" rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      <button onClick={submit} disabled={busy}>Run this spec</button>
      {problems.length > 0 && (
        <ul className="problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}><code>{p.pointer || '/'}</code>: {p.detail}{p.suggestion ? ` (did you mean ${p.suggestion}?)` : ''}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
