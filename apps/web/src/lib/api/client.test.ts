import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getTranslator } from '$lib/i18n';
import { sendJson, sequence, startLocalServer, type LocalServer } from '$lib/testing/local-server';
import { ApiError, createApiClient, parseRetryAfter, type ApiClientOptions } from './client';
import { problemCopy } from './problem-copy';

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const client = (options: ApiClientOptions = {}) => createApiClient({ baseUrl: server.origin, retry: { baseDelayMs: 1 }, ...options });

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  type: `https://errors.example/${code.toLowerCase()}`,
  title: code,
  status,
  code,
  traceId: 'api-trace-1',
  ...extra,
});

const unavailable = (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 503, problem(503, 'SERVICE_UNAVAILABLE'));
const ok = (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, { ok: true });

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const calls = (method: string, path: string) => server.received.filter((r) => r.method === method && r.path.split('?')[0] === path);

describe('requests', () => {
  it('sends JSON with a trace id and returns the parsed JSON', async () => {
    server.on('POST', '/api/echo', (req, res) => sendJson(res, 201, { got: JSON.parse(req.body) as unknown }));

    const result = await client().post('/api/echo', { body: { name: '茶葉', qty: 2 } });

    expect(result).toEqual({ got: { name: '茶葉', qty: 2 } });
    const [req] = calls('POST', '/api/echo');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['accept']).toContain('application/json');
    expect(req?.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends a string body as it is when the call names its content type', async () => {
    server.on('POST', '/api/import', (req, res) => sendJson(res, 201, { got: req.body }));
    const csv = 'name_zh,price\r\n"茶葉, 罐裝",390\r\n';

    const result = await client().post('/api/import', { body: csv, headers: { 'content-type': 'text/csv' } });

    expect(result).toEqual({ got: csv });
    expect(calls('POST', '/api/import')[0]?.headers['content-type']).toBe('text/csv');
  });

  it('validates the body with a schema and adds query parameters', async () => {
    server.on('GET', '/api/products', (req, res) =>
      sendJson(res, 200, { items: [], page: Number(new URL(req.path, 'http://x').searchParams.get('page')) }),
    );
    const Page = z.object({ items: z.array(z.string()), page: z.number() });

    const result = await client().get('/api/products', { schema: Page, query: { page: 2, q: undefined } });

    expect(result.page).toBe(2);
    expect(calls('GET', '/api/products')[0]?.path).toBe('/api/products?page=2');
  });

  it('fails with INTERNAL when a 2xx body does not match the schema', async () => {
    server.on('GET', '/api/health', (_req, res) => sendJson(res, 200, { status: 'weird' }));

    const error = await caught(client().get('/api/health', { schema: z.object({ status: z.literal('ok') }) }));

    expect(error.code).toBe('INTERNAL');
  });

  it('returns undefined for 204 No Content', async () => {
    server.on('DELETE', '/api/cart/items/1', (_req, res) => res.writeHead(204).end());

    await expect(client().delete('/api/cart/items/1')).resolves.toBeUndefined();
  });

  it('gives each logical call its own trace id', async () => {
    server.on('GET', '/api/a', ok);
    const api = client();

    await api.get('/api/a');
    await api.get('/api/a');

    const [first, second] = calls('GET', '/api/a');
    expect(first?.headers['x-request-id']).not.toBe(second?.headers['x-request-id']);
  });
});

describe('retries', () => {
  it('retries a GET on 503 and keeps the trace id across attempts', async () => {
    server.on('GET', '/api/catalog', sequence(2, unavailable, ok));

    await expect(client().get('/api/catalog')).resolves.toEqual({ ok: true });

    const attempts = calls('GET', '/api/catalog');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['x-request-id'])).size).toBe(1);
  });

  it.each([502, 504])('retries a GET on %i', async (status) => {
    server.on(
      'GET',
      '/api/catalog',
      sequence(1, (_req, res) => res.writeHead(status).end('bad gateway'), ok),
    );

    await expect(client().get('/api/catalog')).resolves.toEqual({ ok: true });
    expect(calls('GET', '/api/catalog')).toHaveLength(2);
  });

  it('gives up after two retries with the last problem', async () => {
    server.on('GET', '/api/catalog', unavailable);

    const error = await caught(client().get('/api/catalog'));

    expect(calls('GET', '/api/catalog')).toHaveLength(3);
    expect(error.status).toBe(503);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('does not retry a POST without an Idempotency-Key', async () => {
    server.on('POST', '/api/orders', sequence(1, unavailable, ok));

    const error = await caught(client().post('/api/orders', { body: { cartId: 'c1' } }));

    expect(error.status).toBe(503);
    expect(calls('POST', '/api/orders')).toHaveLength(1);
  });

  it('retries a POST that carries an Idempotency-Key, sending the same key', async () => {
    server.on('POST', '/api/orders', sequence(1, unavailable, ok));

    await expect(client().post('/api/orders', { body: { cartId: 'c1' }, idempotencyKey: 'checkout-42' })).resolves.toEqual({ ok: true });

    const attempts = calls('POST', '/api/orders');
    expect(attempts.map((a) => a.headers['idempotency-key'])).toEqual(['checkout-42', 'checkout-42']);
    expect(attempts.map((a) => a.body)).toEqual(['{"cartId":"c1"}', '{"cartId":"c1"}']);
  });

  it('retries a GET whose connection dropped', async () => {
    server.on(
      'GET',
      '/api/catalog',
      sequence(1, (_req, res) => res.socket?.destroy(), ok),
    );

    await expect(client().get('/api/catalog')).resolves.toEqual({ ok: true });
    expect(calls('GET', '/api/catalog')).toHaveLength(2);
  });

  it('waits for a short Retry-After on 429 and retries', async () => {
    server.on(
      'GET',
      '/api/search',
      sequence(1, (_req, res) => sendJson(res, 429, problem(429, 'RATE_LIMITED'), { 'retry-after': '0' }), ok),
    );

    await expect(client().get('/api/search')).resolves.toEqual({ ok: true });
    expect(calls('GET', '/api/search')).toHaveLength(2);
  });

  it('does not wait for a Retry-After beyond the cap', async () => {
    server.on('GET', '/api/search', (_req, res) => sendJson(res, 429, problem(429, 'RATE_LIMITED'), { 'retry-after': '3600' }));

    const started = Date.now();
    const error = await caught(client().get('/api/search'));

    expect(error.code).toBe('RATE_LIMITED');
    expect(calls('GET', '/api/search')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('session refresh on 401', () => {
  /** A browser-like cookie jar: the API rotates `access` on refresh. */
  function sessionClient() {
    let cookie = 'access=expired';
    return createApiClient({
      baseUrl: server.origin,
      retry: { baseDelayMs: 1 },
      headers: () => ({ cookie }),
      onResponse: (response) => {
        const [setCookie] = response.headers.getSetCookie();
        if (setCookie) cookie = setCookie.split(';')[0] ?? cookie;
      },
    });
  }

  function protectedRoute(path: string) {
    server.on('GET', path, (req, res) =>
      req.headers.cookie === 'access=fresh' ? sendJson(res, 200, { path }) : sendJson(res, 401, problem(401, 'AUTH_TOKEN_EXPIRED')),
    );
  }

  it('refreshes once and retries the original call with the new session', async () => {
    protectedRoute('/api/me');
    server.on('POST', '/api/auth/refresh', (_req, res) =>
      sendJson(res, 200, { ok: true }, { 'set-cookie': 'access=fresh; Path=/; HttpOnly' }),
    );

    await expect(sessionClient().get('/api/me')).resolves.toEqual({ path: '/api/me' });

    expect(calls('POST', '/api/auth/refresh')).toHaveLength(1);
    const attempts = calls('GET', '/api/me');
    expect(attempts.map((a) => a.headers.cookie)).toEqual(['access=expired', 'access=fresh']);
    expect(attempts[0]?.headers['x-request-id']).toBe(attempts[1]?.headers['x-request-id']);
  });

  it('refreshes only once for parallel calls that all got 401', async () => {
    protectedRoute('/api/me');
    protectedRoute('/api/cart');
    protectedRoute('/api/orders');
    server.on('POST', '/api/auth/refresh', (_req, res) => {
      setTimeout(() => sendJson(res, 200, { ok: true }, { 'set-cookie': 'access=fresh; Path=/' }), 50);
    });
    const api = sessionClient();

    const results = await Promise.all([api.get('/api/me'), api.get('/api/cart'), api.get('/api/orders')]);

    expect(results).toEqual([{ path: '/api/me' }, { path: '/api/cart' }, { path: '/api/orders' }]);
    expect(calls('POST', '/api/auth/refresh')).toHaveLength(1);
  });

  it('fails with AUTH_UNAUTHORIZED when the refresh is refused, without retrying the call', async () => {
    protectedRoute('/api/me');
    server.on('POST', '/api/auth/refresh', (_req, res) => sendJson(res, 401, problem(401, 'AUTH_REFRESH_INVALID')));

    const error = await caught(sessionClient().get('/api/me'));

    expect(error.code).toBe('AUTH_UNAUTHORIZED');
    expect(error.status).toBe(401);
    expect(problemCopy(getTranslator('zh-TW'), error)).toBe('請先登入後再進行操作');
    expect(calls('GET', '/api/me')).toHaveLength(1);
  });

  it('does not try a refresh when a login is refused', async () => {
    server.on('POST', '/api/auth/login', (_req, res) => sendJson(res, 401, problem(401, 'INVALID_CREDENTIALS')));

    const error = await caught(sessionClient().post('/api/auth/login', { body: { email: 'a@b.tw', password: 'nope' } }));

    expect(error.code).toBe('INVALID_CREDENTIALS');
    expect(calls('POST', '/api/auth/refresh')).toHaveLength(0);
  });
});

describe('errors', () => {
  it('throws the problem document the API sent', async () => {
    const errors = [{ path: 'body.quantity', message: 'must be at least 1', code: 'too_small' }];
    server.on('POST', '/api/cart/items', (_req, res) =>
      sendJson(res, 422, problem(422, 'VALIDATION_FAILED', { detail: 'quantity is too small', errors })),
    );

    const error = await caught(client().post('/api/cart/items', { body: { quantity: 0 } }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.traceId).toBe('api-trace-1');
    expect(error.message).toBe('quantity is too small');
    expect(error.problem.errors).toEqual(errors);
  });

  it('keeps the code of a problem whose errors are not field errors, and the document as sent', async () => {
    const errors = [{ row: 3, path: 'price', message: 'Expected a number.' }];
    server.on('POST', '/api/import', (_req, res) => sendJson(res, 400, problem(400, 'IMPORT_INVALID', { errors })));

    const error = await caught(client().post('/api/import', { body: [] }));

    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.problem.errors).toBeUndefined();
    expect(error.document).toMatchObject({ code: 'IMPORT_INVALID', errors });
  });

  it('makes an INTERNAL problem of a body that is not a problem document, with the trace id it sent', async () => {
    server.on('POST', '/api/checkout', (_req, res) =>
      res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>'),
    );

    const error = await caught(client().post('/api/checkout'));

    expect(error.status).toBe(500);
    expect(error.code).toBe('INTERNAL');
    expect(error.traceId).toBe(calls('POST', '/api/checkout')[0]?.headers['x-request-id']);
    expect(problemCopy(getTranslator('zh-TW'), error)).toBe('系統發生錯誤，請稍後再試');
  });

  it('derives the code from the status when a proxy answers instead of the API', async () => {
    // The test server answers unknown routes with a 404 that is not a problem document.
    const error = await caught(client().get('/api/nowhere'));

    expect(error.status).toBe(404);
    expect(error.code).toBe('NOT_FOUND');
  });

  it('reports NETWORK_ERROR when nothing answers', async () => {
    const closed = await startLocalServer();
    const origin = closed.origin;
    await closed.close();

    const error = await caught(createApiClient({ baseUrl: origin, retry: { baseDelayMs: 1 } }).get('/api/health'));

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
    expect(error.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(problemCopy(getTranslator('zh-TW'), error)).toBe('連線異常，請稍後重試');
  });
});
