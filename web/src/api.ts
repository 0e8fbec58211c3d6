// The one place the app talks to the query API: the key rides in the Authorization header (never a URL), and
// every error comes back as the API's problem+json, turned into a message a person can act on.
const KEY = 'spiral.apiKey';

export type Column = { name: string; type: string; unit?: string | null };
export type RowsCut = { reason: string; shown: number; total_rows: number; detail: string } | null;
export type Answer = {
  question: string;
  spec: unknown;
  explanation: string;
  sql: string;
  params: unknown[];
  columns: Column[];
  rows: unknown[][];
  meta: {
    query_time_ms: number;
    cached: boolean;
    data_as_of: string | null;
    row_count: number;
    truncated: boolean;
    rows_cut: RowsCut;
    translator: string;
    confidence: number;
    shape: string;
  };
};
export type Refusal = { refused: true; detail: string; suggestions: string[] };
export type SearchHit = {
  issue_key: string; summary: string; snippet: string; score: number; project: string | null; issue_type: string | null;
  status: string | null; assignee: string | null; priority: string | null;
};
export type SearchMeta = { took_ms: number; mode?: string; model: string | null; index_as_of: string | null; notes: string[] };
/** A question that asked for issues by what they are about, answered by search. */
export type SearchAnswer = {
  kind: 'search'; question: string; hits: SearchHit[]; meta: SearchMeta;
  search?: { query: string; filters: Record<string, unknown>; mode: string }; similar_to?: string;
};
export type SearchMode = 'hybrid' | 'semantic' | 'keyword';
export type Chart = {
  chart_type: string;
  recommended: string;
  reason: string;
  alternatives: { chart_type: string; reason?: string }[];
  vega_lite: Record<string, unknown>;
};

export class ApiError extends Error {
  constructor(public status: number, message: string, public body?: any) {
    super(message);
  }
}

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

async function call(path: string, init: RequestInit = {}, key = session.key()): Promise<any> {
  const headers = new Headers(init.headers);
  if (key) headers.set('Authorization', `Bearer ${key}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new ApiError(res.status, (body && (body.detail || body.title)) || `the API answered ${res.status}`, body);
  }
  return body;
}

/** Checks a key against the catalog; a 401 says the key is wrong or revoked. */
export async function checkKey(key: string): Promise<void> {
  await call('/analytics/metrics', {}, key);
}

export async function search(query: string, mode: SearchMode, filters: Record<string, string>):
    Promise<{ hits: SearchHit[]; meta: SearchMeta }> {
  const set = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== ''));
  return call('/analytics/search', { method: 'POST', body: JSON.stringify({ query, mode, filters: set, limit: 20 }) });
}

export async function similar(key: string): Promise<{ hits: SearchHit[]; meta: SearchMeta }> {
  return call(`/analytics/issues/${encodeURIComponent(key)}/similar?limit=5`);
}

export async function ask(question: string): Promise<Answer | SearchAnswer | Refusal> {
  try {
    return await call('/analytics/query', { method: 'POST', body: JSON.stringify({ question }) });
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      return { refused: true, detail: e.message, suggestions: e.body?.suggestions ?? [] };
    }
    throw e;
  }
}

export async function chart(result: { columns: Column[]; rows: unknown[][] }, chartType?: string): Promise<Chart> {
  return call('/analytics/charts/render', {
    method: 'POST',
    body: JSON.stringify({ result, ...(chartType ? { chart_type: chartType } : {}) }),
  });
}

export async function catalog(): Promise<{ metrics: any[]; categories: string[] }> {
  return call('/analytics/metrics');
}

export type Job = {
  id: string; user_id: string; status: string; progress: number; spec: unknown; question: string | null;
  error: string | null; row_count: number | null; query_time_ms: number | null; created_at: string; completed_at: string | null;
};

export async function submitJob(spec: unknown): Promise<Job> {
  return call('/analytics/jobs', { method: 'POST', body: JSON.stringify({ spec }) });
}

export async function jobs(): Promise<Job[]> {
  return (await call('/analytics/jobs?limit=50')).jobs;
}

export async function job(id: string): Promise<Job> {
  return call(`/analytics/jobs/${encodeURIComponent(id)}`);
}

export async function cancelJob(id: string): Promise<Job> {
  return call(`/analytics/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

/** Downloads a completed job's rows with the key in a header, then hands the file to the browser. */
export async function download(id: string, format: 'csv' | 'xlsx' | 'json'): Promise<void> {
  const res = await fetch(`/analytics/export/${encodeURIComponent(id)}?format=${format}`,
    { headers: { Authorization: `Bearer ${session.key()}` } });
  if (!res.ok) throw new ApiError(res.status, `the export answered ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `spiral-${id}.${format}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Runs a spec written by hand; a 400 carries errors with JSON pointers into the spec. */
export async function run(spec: unknown): Promise<any> {
  return call('/analytics/run', { method: 'POST', body: JSON.stringify(spec) });
}

export async function metric(name: string): Promise<any> {
  return call(`/analytics/metrics/${encodeURIComponent(name)}`);
}
