import { Problem } from '@shop/contracts/problem';
import type { z } from 'zod';

/**
 * The one way the web app talks to the API: JSON in/out, a trace id per call,
 * retries of idempotent calls on transient failures, one session refresh on 401, and
 * problem documents turned into `ApiError`s. Works in the browser (same-origin, default
 * `fetch`) and on the server (see `$lib/server/api/http.ts`).
 */

/** A failed API call: the problem document the API sent (or one made up for it), its HTTP status and trace id. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly problem: Problem;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly traceId: string;
  /**
   * The error body as the API sent it, for members `Problem` does not describe (IMPORT_INVALID's
   * `errors: [{ row, path, message }]`); undefined when no body came.
   */
  readonly document: unknown;

  constructor(problem: Problem, status: number = problem.status, document?: unknown) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.status = status;
    this.traceId = problem.traceId;
    this.document = document;
  }

  /** Stable upper-snake code (`CART_EMPTY`, `NETWORK_ERROR`, …) to switch on and to pick user copy by. */
  get code(): string {
    return this.problem.code;
  }
}

export interface RetryPolicy {
  /** Extra attempts after the first one. */
  maxRetries: number;
  /** Backoff before retry n (0-based) is `baseDelayMs * 2^n`, ±20 % jitter. */
  baseDelayMs: number;
  /** A `Retry-After` longer than this is not waited for; the call fails instead. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 2, baseDelayMs: 200, maxRetryAfterMs: 5_000 };

export interface ApiClientOptions {
  /** Origin the `/api/…` paths are resolved against; `''` (default) means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Extra headers for every attempt, read afresh each time (the server forwards the session here). */
  headers?: () => Record<string, string>;
  /** Sees every response, the refresh call's included (the server passes `Set-Cookie` on from here). */
  onResponse?: (response: Response) => void;
  /** Makes the trace id of a new logical call; its retries keep it. */
  traceId?: () => string;
  refreshPath?: string;
  retry?: Partial<RetryPolicy>;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<S extends z.ZodType | undefined = undefined> {
  query?: Record<string, QueryValue>;
  /**
   * Sent as JSON; a `FormData` is sent as multipart/form-data; a string is sent as it is when
   * `headers` name its `content-type` (a CSV file: `text/csv`).
   */
  body?: unknown;
  headers?: Record<string, string>;
  /** Makes a non-idempotent call (POST, PATCH) safe to retry; the API deduplicates by it. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Validates the 2xx body; the call resolves to its output. */
  schema?: S;
  /** Refresh the session and retry once on 401. Default: on, except for `/api/auth/*` (a failed login is not an expired session). */
  refreshOn401?: boolean;
}

export type Result<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : unknown;

export interface ApiClient {
  request<S extends z.ZodType | undefined = undefined>(method: string, path: string, options?: RequestOptions<S>): Promise<Result<S>>;
  get<S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>): Promise<Result<S>>;
  post<S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>): Promise<Result<S>>;
  put<S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>): Promise<Result<S>>;
  patch<S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>): Promise<Result<S>>;
  delete<S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>): Promise<Result<S>>;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const ACCEPT = 'application/json, application/problem+json';

/** 32 hex digits (W3C trace-id shape). `getRandomValues` also works on plain-http pages, unlike `randomUUID`. */
export function newTraceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as milliseconds (delta-seconds or HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function problemCodeForStatus(status: number): string {
  switch (status) {
    case 401:
      return 'AUTH_UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'RATE_LIMITED';
    default:
      return 'INTERNAL';
  }
}

function syntheticProblem(status: number, code: string, traceId: string, detail?: string): Problem {
  return { type: 'about:blank', title: code, status, code, traceId, ...(detail ? { detail } : {}) };
}

/** The body as JSON; the raw text when it is not JSON; undefined when empty (204). */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Reads a non-2xx response as a problem document; anything else becomes a synthetic one by status. */
export async function problemFromResponse(response: Response, sentTraceId: string): Promise<Problem> {
  return toProblem(response, await readBody(response).catch(() => undefined), sentTraceId);
}

const ProblemWithOtherErrors = Problem.omit({ errors: true });

function toProblem(response: Response, body: unknown, sentTraceId: string): Problem {
  const parsed = Problem.safeParse(body);
  if (parsed.success) return parsed.data;
  // A problem whose `errors` are not field errors (IMPORT_INVALID lists rows) keeps its code;
  // the rows stay in `ApiError.document`.
  const other = ProblemWithOtherErrors.safeParse(body);
  if (other.success) return other.data;
  return syntheticProblem(response.status, problemCodeForStatus(response.status), response.headers.get('x-request-id') ?? sentTraceId);
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const makeTraceId = options.traceId ?? newTraceId;
  const refreshPath = options.refreshPath ?? '/api/auth/refresh';
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };

  function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
    let url = `${baseUrl}${path}`;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null) params.set(key, String(value));
      }
      const qs = params.toString();
      if (qs) url += (url.includes('?') ? '&' : '?') + qs;
    }
    return url;
  }

  function backoff(retry: number): number {
    const jitter = 0.8 + Math.random() * 0.4;
    return Math.round(policy.baseDelayMs * 2 ** retry * jitter);
  }

  /** How long to wait before retrying this response, or undefined when it must not be retried. */
  function retryDelay(response: Response, retry: number): number | undefined {
    const { status } = response;
    if (status !== 429 && status !== 502 && status !== 503 && status !== 504) return undefined;
    const retryAfter = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    if (retryAfter !== undefined) return retryAfter <= policy.maxRetryAfterMs ? retryAfter : undefined;
    // Without Retry-After a 429 is not retried: the server did not say when it would be welcome.
    return status === 429 ? undefined : backoff(retry);
  }

  /** One logical call: the first attempt plus up to `maxRetries` retries, all with the same trace id. */
  async function send(method: string, url: string, init: RequestOptions<z.ZodType | undefined>, traceId: string): Promise<Response> {
    // FormData (a multipart upload) goes as it is; fetch sets its content type with the boundary.
    const multipart = typeof FormData !== 'undefined' && init.body instanceof FormData;
    const callHeaders = new Headers(init.headers);
    const asIs = multipart || (typeof init.body === 'string' && callHeaders.has('content-type'));
    const body = init.body === undefined ? undefined : asIs ? (init.body as FormData | string) : JSON.stringify(init.body);
    if (init.idempotencyKey) callHeaders.set('idempotency-key', init.idempotencyKey);
    const retryable = IDEMPOTENT_METHODS.has(method) || callHeaders.has('idempotency-key');

    // Built per attempt: a session refresh in between may have changed the forwarded cookies.
    const headersForAttempt = () => {
      const headers = new Headers(options.headers?.());
      headers.set('accept', ACCEPT);
      if (body !== undefined && !asIs) headers.set('content-type', 'application/json');
      callHeaders.forEach((value, name) => headers.set(name, value));
      headers.set('x-request-id', traceId);
      return headers;
    };

    for (let retry = 0; ; retry++) {
      let response: Response;
      try {
        response = await doFetch(url, { method, headers: headersForAttempt(), body, signal: init.signal });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        if (retryable && retry < policy.maxRetries) {
          await sleep(backoff(retry));
          continue;
        }
        const detail = error instanceof Error ? error.message : String(error);
        throw new ApiError(syntheticProblem(0, 'NETWORK_ERROR', traceId, detail), 0);
      }
      options.onResponse?.(response);
      const delay = retryable && retry < policy.maxRetries ? retryDelay(response, retry) : undefined;
      if (delay === undefined) return response;
      await response.body?.cancel();
      await sleep(delay);
    }
  }

  let refreshing: Promise<boolean> | undefined;

  /** Refreshes the session once for all callers that hit 401 meanwhile. Resolves whether it worked. */
  function refreshSession(): Promise<boolean> {
    refreshing ??= (async () => {
      try {
        const response = await send('POST', buildUrl(refreshPath, undefined), {}, makeTraceId());
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function request<S extends z.ZodType | undefined = undefined>(
    rawMethod: string,
    path: string,
    init: RequestOptions<S> = {},
  ): Promise<Result<S>> {
    const method = rawMethod.toUpperCase();
    const url = buildUrl(path, init.query);
    const traceId = makeTraceId();
    const refreshOn401 = init.refreshOn401 ?? !path.startsWith('/api/auth/');

    let response = await send(method, url, init, traceId);
    if (response.status === 401 && refreshOn401) {
      const unauthorized = await problemFromResponse(response, traceId);
      if (!(await refreshSession())) {
        throw new ApiError({ ...unauthorized, code: 'AUTH_UNAUTHORIZED' }, 401);
      }
      response = await send(method, url, init, traceId);
    }
    if (!response.ok) {
      const document = await readBody(response).catch(() => undefined);
      throw new ApiError(toProblem(response, document, traceId), response.status, document);
    }

    const data = await readBody(response);
    if (!init.schema) return data as Result<S>;
    const parsed = init.schema.safeParse(data);
    if (!parsed.success) {
      throw new ApiError(
        syntheticProblem(response.status, 'INTERNAL', traceId, `unexpected response from ${method} ${path}`),
        response.status,
      );
    }
    return parsed.data as Result<S>;
  }

  return {
    request,
    get: (path, init) => request('GET', path, init),
    post: (path, init) => request('POST', path, init),
    put: (path, init) => request('PUT', path, init),
    patch: (path, init) => request('PATCH', path, init),
    delete: (path, init) => request('DELETE', path, init),
  };
}
