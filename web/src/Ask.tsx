import { FormEvent, useEffect, useRef, useState } from 'react';
import { Answer, ApiError, Refusal, SearchAnswer, ask, catalog } from './api';
import { AnswerView } from './AnswerView';

type Turn = { id: number; question: string; answer?: Answer | SearchAnswer | Refusal; error?: string };

/** Example questions drawn from the catalog: one per category, worded as people ask. */
export function examplesFrom(metrics: any[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of metrics) {
    if (m.deprecated || seen.has(m.category)) continue;
    seen.add(m.category);
    const per = m.grain === 'sprint' ? 'per sprint' : `per ${(m.default_dimensions?.[0] ?? 'project').replace(/_/g, ' ')}`;
    out.push(m.time_axis ? `${m.display_name} ${per} last quarter` : `${m.display_name} ${per} right now`);
  }
  return out.slice(0, 6);
}

/** A conversation: each question gets its reading, a chart, the rows, and where they came from. */
export function Ask({ initial, onUsed, onUnauthorized }: { initial: string | null; onUsed: () => void; onUnauthorized: () => void }) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [examples, setExamples] = useState<string[]>([]);
  const next = useRef(1);
  useEffect(() => {
    catalog().then((c) => setExamples(examplesFrom(c.metrics))).catch(() => setExamples([]));
  }, []);
  const submit = async (question: string) => {
    const q = question.trim();
    if (!q || busy) return;
    const id = next.current++;
    setTurns((t) => [...t, { id, question: q }]);
    setText('');
    setBusy(true);
    try {
      const answer = await ask(q);
      setTurns((t) => t.map((x) => (x.id === id ? { ...x, answer } : x)));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onUnauthorized();
      setTurns((t) => t.map((x) => (x.id === id ? { ...x, error: (e as Error).message } : x)));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (initial) {
      onUsed();
      void submit(initial);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(text);
  };
  return (
    <section className="ask" aria-label="Ask">
      {turns.length === 0 && (
        <div className="examples">
          <h2>Ask about your sprints in plain words</h2>
          <ul>
            {examples.map((q) => (
              <li key={q}><button className="suggestion" onClick={() => submit(q)}>{q}</button></li>
            ))}
          </ul>
        </div>
      )}
      <ol className="turns" aria-live="polite">
        {turns.map((t) => (
          <li key={t.id} className="turn">
            <p className="question">{t.question}</p>
            {t.error && <p role="alert" className="error">{t.error}</p>}
            {!t.answer && !t.error && <p className="muted">Reading the question…</p>}
            {t.answer && <AnswerView answer={t.answer} onAsk={submit} />}
          </li>
        ))}
      </ol>
      <form className="asker" onSubmit={onSubmit}>
        <label htmlFor="question" className="visually-hidden">Your question</label>
        <input id="question" value={text} onChange={(e) => setText(e.target.value)} maxLength={500}
               placeholder="e.g. which sprints in ALPHA spilled over most last quarter?" autoComplete="off" />
        <button type="submit" disabled={busy || text.trim() === ''}>Ask</button>
      </form>
    </section>
  );
}
