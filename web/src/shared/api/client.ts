// The one way the console talks to the server: fetch under /api with the session cookie.
// Contract: unsafe methods carry X-CSRF-Token (kept in sessionStorage so a reload keeps it until /api/me
// refreshes it); any non-2xx answer becomes an ApiError carrying api.md's {code, message, field}; a 401 on
// anything but sign-in calls the handler set with onUnauthenticated (the app sends the user to sign-in).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    // Table-import errors: [{row, column, message}] next to `error` (contract.md).
    readonly rows: { row: number; column: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  // True when the endpoint or object is not there (yet): pages show "No data" instead of an error.
  get isMissing(): boolean {
    return this.status === 404 || this.status === 501 || this.code === 'bad_response';
  }
}

const CSRF_KEY = 'civic.csrf';
let unauthenticatedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  // Raw bytes or text sent as is with this Content-Type (photos, CSV) instead of JSON.
  raw?: { data: Blob | string; type: string };
  // A 401 here is an answer, not a lost session (sign-in, the initial /api/me probe).
  expectUnauthenticated?: boolean;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    const token = sessionStorage.getItem(CSRF_KEY);
    if (token) headers['X-CSRF-Token'] = token;
  }
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.type;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const answer = json as
      | { error?: { code?: string; message?: string; field?: string | null }; errors?: unknown }
      | undefined;
    const err = answer?.error;
    const e = new ApiError(
      res.status,
      err?.code ?? (res.status === 404 ? 'not_found' : `http_${res.status}`),
      err?.message ?? res.statusText ?? `HTTP ${res.status}`,
      err?.field || null,
      Array.isArray(answer?.errors) ? (answer.errors as ApiError['rows']) : [],
    );
    if (res.status === 401 && !opts.expectUnauthenticated && unauthenticatedHandler) unauthenticatedHandler();
    throw e;
  }
  if (text && json === undefined) {
    // An HTML page (e.g. the SPA fallback) where JSON was expected: the endpoint is not there.
    throw new ApiError(res.status, 'bad_response', 'The server did not answer with JSON');
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
  // Raw upload (photos: image/jpeg|png; CSV: text/csv).
  upload: <T>(path: string, data: Blob | string, type: string, query?: Query, opts: { expectUnauthenticated?: boolean } = {}) =>
    request<T>('POST', path, { ...opts, query, raw: { data, type } }),
};
