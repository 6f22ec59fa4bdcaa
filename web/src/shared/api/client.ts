// The one way the console talks to the server: fetch under /api with the session cookie.
// Contract: unsafe methods carry X-CSRF-Token (kept in sessionStorage so a reload keeps it until /api/me
// refreshes it); any non-2xx answer becomes an ApiError carrying api.md's error object — code, message,
// field, and the stable message key with its args (errorText.ts turns those into the user's language); a 401
// on anything but sign-in calls the handler set with onUnauthenticated (the app sends the user to sign-in).
// JSON requests and raw uploads (photos, files, CSV/XLSX tables) both go through `request`.

// One problem the server names: the whole request's (`error`) or one row of an imported table (`errors`).
export interface ErrorDetail {
  code?: string;
  key?: string | null;
  field?: string;
  args?: Record<string, unknown>;
  message: string;
}

// A refused table row: where it is, and what is wrong with it.
export interface RowError extends ErrorDetail {
  row: number;
  column: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly key: string | null;
  readonly args: Record<string, unknown>;
  readonly field: string | null;
  constructor(
    readonly status: number,
    detail: {
      code: string;
      message: string;
      key?: string | null;
      args?: Record<string, unknown>;
      field?: string | null;
    },
    // Table imports: the refused rows, next to `error` in the answer.
    readonly rows: RowError[] = [],
  ) {
    super(detail.message);
    this.name = 'ApiError';
    this.code = detail.code;
    this.key = detail.key || null;
    this.args = detail.args ?? {};
    this.field = detail.field || null;
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
  // Extra request headers (the answering page's X-Device-Token).
  headers?: Record<string, string>;
}

interface ErrorAnswer {
  error?: {
    code?: string;
    key?: string | null;
    args?: Record<string, unknown> | null;
    message?: string;
    field?: string | null;
  };
  errors?: unknown;
}

function errorOf(status: number, statusText: string, answer: ErrorAnswer | undefined): ApiError {
  const err = answer?.error;
  return new ApiError(
    status,
    {
      code: err?.code ?? (status === 404 ? 'not_found' : status >= 500 ? 'internal' : `http_${status}`),
      message: err?.message ?? (statusText || `HTTP ${status}`),
      key: err?.key,
      args: err?.args ?? undefined,
      field: err?.field,
    },
    Array.isArray(answer?.errors) ? (answer.errors as RowError[]) : [],
  );
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json' };
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
    throw new ApiError(0, { code: 'network', message: 'The server cannot be reached' });
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
    if (res.status === 401 && !opts.expectUnauthenticated && unauthenticatedHandler) unauthenticatedHandler();
    throw errorOf(res.status, res.statusText, json as ErrorAnswer | undefined);
  }
  if (text && json === undefined) {
    // An HTML page (e.g. the SPA fallback) where JSON was expected.
    throw new ApiError(res.status, { code: 'bad_response', message: 'The server did not answer with JSON' });
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  del: (path: string) => request<void>('DELETE', path),
  // Raw upload (photos: image/jpeg|png; files; tables: text/csv or XLSX).
  upload: <T>(
    path: string,
    data: Blob | string,
    type: string,
    query?: Query,
    opts: { expectUnauthenticated?: boolean } = {},
  ) => request<T>('POST', path, { ...opts, query, raw: { data, type } }),
};
