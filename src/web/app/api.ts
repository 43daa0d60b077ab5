// The one way the console talks to /api/v1: JSON in and out, the session cookie, and errors as ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server gave for the client to word the error itself (a refusal's reason, amounts in fen). */
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Handlers = {
  /** Called on 401 from any request except the auth probes themselves. */
  onUnauthenticated: () => void;
  /** Shows an error to the user (wired to antd's App message in the shell). */
  onError: (error: ApiError) => void;
};

const handlers: Handlers = { onUnauthenticated: () => {}, onError: () => {} };

export function setApiHandlers(next: Partial<Handlers>): void {
  Object.assign(handlers, next);
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Do not show a message for errors (the caller handles them). */
  silent?: boolean;
  signal?: AbortSignal;
};

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, silent = false, signal } = options;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    const error = new ApiError(0, 'NETWORK', String(cause instanceof Error ? cause.message : cause));
    if (!silent) handlers.onError(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = toApiError(response.status, data);
    if (response.status === 401 && !path.startsWith('/auth/')) handlers.onUnauthenticated();
    else if (!silent) handlers.onError(error);
    throw error;
  }
  return data as T;
}

/** A multipart POST (a file upload): the session cookie, the browser's own content type, errors as ApiError. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const response = await fetch(apiUrl(path), { method: 'POST', body: form, credentials: 'same-origin' });
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    if (response.status === 401) handlers.onUnauthenticated();
    throw toApiError(response.status, data);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, data: unknown): ApiError {
  const envelope = (data as { error?: { code?: unknown; message?: unknown; detail?: unknown } } | undefined)
    ?.error;
  const code = typeof envelope?.code === 'string' ? envelope.code : `HTTP_${status}`;
  const message = typeof envelope?.message === 'string' ? envelope.message : `HTTP ${status}`;
  const detail =
    envelope?.detail && typeof envelope.detail === 'object'
      ? (envelope.detail as Record<string, string | number>)
      : {};
  return new ApiError(status, code, message, detail);
}
