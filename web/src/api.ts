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

export async function ask(question: string): Promise<Answer | Refusal> {
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
