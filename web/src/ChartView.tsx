import { useEffect, useRef, useState } from 'react';
import { Chart, Column, chart } from './api';

/**
 * The recommended chart and a switcher to the other types that fit; drawn by vega-embed, loaded on first use.
 * Vega's expressions run through its interpreter, so the page needs no 'unsafe-eval' in its policy.
 */
export function ChartView({ columns, rows }: { columns: Column[]; rows: unknown[][] }) {
  const [spec, setSpec] = useState<Chart | null>(null);
  const [type, setType] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const target = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    chart({ columns, rows }, type).then((c) => live && setSpec(c)).catch((e) => live && setError(e.message));
    return () => { live = false; };
  }, [columns, rows, type]);
  useEffect(() => {
    if (!spec || !target.current) return;
    let view: { finalize: () => void } | undefined;
    let live = true;
    Promise.all([import('vega-embed'), import('vega-interpreter')]).then(([embed, interp]) => {
      if (!live || !target.current) return;
      return embed.default(target.current, spec.vega_lite as any, {
        actions: false, renderer: 'svg', ast: true, expr: (interp as any).expressionInterpreter,
      }).then((r) => { view = r; });
    }).catch((e) => setError(String(e)));
    return () => { live = false; view?.finalize(); };
  }, [spec]);
  if (error) return <p className="error">The chart could not be drawn: {error}</p>;
  const types = spec ? [spec.chart_type, ...spec.alternatives.map((a) => a.chart_type).filter((t) => t !== spec.chart_type)] : [];
  return (
    <figure className="chart">
      {spec && (
        <div className="switcher" role="group" aria-label="Chart type">
          {types.map((t) => (
            <button key={t} aria-pressed={t === spec.chart_type} onClick={() => setType(t)}>{t.replace(/_/g, ' ')}</button>
          ))}
        </div>
      )}
      <div ref={target} className="vega" data-chart-type={spec?.chart_type} />
      {spec && <figcaption>{spec.reason}</figcaption>}
    </figure>
  );
}
