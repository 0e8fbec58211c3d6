// The live table's state: the active sprints' rows, and which figures changed when (to highlight them and to
// say how long after the source commit they reached the screen).
export type SprintRow = Record<string, any> & { sprint_id: string; source_ts?: string };
export type Change = { fields: string[]; at: number; delayMs: number | null };
export type LiveState = { rows: SprintRow[]; changes: Record<string, Change> };

export const FIGURES = ['planned_sp', 'completed_sp', 'added_after_start_sp', 'removed_sp', 'spillover_ratio',
  'scope_churn_ratio', 'blocked_hours', 'issue_count', 'bug_count', 'sprint_problematic_score'];

/** The problematic score's two largest factors, in words: what makes a sprint stand out among the active ones. */
export function drivers(row: SprintRow): string {
  return Object.keys(row).filter((k) => k.endsWith('_contribution') && typeof row[k] === 'number')
    .sort((a, b) => Math.abs(row[b]) - Math.abs(row[a])).slice(0, 2)
    .filter((k) => Math.abs(row[k]) >= 0.05)
    .map((k) => `${k.replace('_contribution', '').replace(/_/g, ' ')} ${row[k] > 0 ? '+' : '−'}${Math.abs(row[k]).toFixed(2)}`)
    .join(', ');
}

export function applyEvent(state: LiveState, event: string, data: any, now: number): LiveState {
  if (event === 'snapshot') return { rows: data as SprintRow[], changes: {} };
  if (event === 'gone') {
    return { rows: state.rows.filter((r) => r.sprint_id !== data.sprint_id), changes: state.changes };
  }
  if (event !== 'sprint') return state;
  const row = data as SprintRow;
  const before = state.rows.find((r) => r.sprint_id === row.sprint_id);
  const fields = before ? FIGURES.filter((f) => before[f] !== row[f]) : FIGURES;
  const delayMs = row.source_ts ? Math.max(0, now - Date.parse(row.source_ts)) : null;
  const rows = before ? state.rows.map((r) => (r.sprint_id === row.sprint_id ? row : r)) : [...state.rows, row];
  return { rows, changes: { ...state.changes, [row.sprint_id]: { fields, at: now, delayMs } } };
}
