import type { Cookies } from '@sveltejs/kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendJson, startLocalServer, type LocalServer } from '$lib/testing/local-server';
import { createServerApi } from './index';

let api: LocalServer;

beforeAll(async () => {
  api = await startLocalServer();
});
afterAll(() => api.close());
beforeEach(() => api.reset());

type CookieOptions = Parameters<Cookies['set']>[2];

/** The browser side of a page request: its headers, and the cookies the response will set. */
function pageRequest(headers: Record<string, string>, pageUrl = 'http://shop.test/orders') {
  const setCookies: Array<{ name: string; value: string; options: CookieOptions }> = [];
  const ctx = {
    request: new Request(pageUrl, { headers }),
    cookies: { set: (name: string, value: string, options: CookieOptions) => setCookies.push({ name, value, options }) },
    requestId: 'req-0123456789abcdef',
    clientAddress: '203.0.113.7',
  };
  return { ctx, setCookies };
}

describe('server-side API client', () => {
  it("forwards the visitor's cookies, Authorization and request id to the API", async () => {
    api.on('GET', '/api/me', (_req, res) => sendJson(res, 200, { id: 'u1' }));
    const { ctx } = pageRequest({ cookie: 'access=a1; lang=en', authorization: 'Bearer tok', 'user-agent': 'Firefox/140' });

    await createServerApi(ctx, api.origin).get('/api/me');

    const [req] = api.received;
    expect(req?.headers.cookie).toBe('access=a1; lang=en');
    expect(req?.headers.authorization).toBe('Bearer tok');
    expect(req?.headers['x-request-id']).toBe('req-0123456789abcdef');
    expect(req?.headers.origin).toBe(api.origin);
    expect(req?.headers['user-agent']).toBe('Firefox/140');
    expect(req?.headers['x-forwarded-for']).toBe('203.0.113.7');
  });

  it('appends the visitor to a proxy chain it came through', async () => {
    api.on('GET', '/api/me', (_req, res) => sendJson(res, 200, {}));
    const { ctx } = pageRequest({ 'x-forwarded-for': '198.51.100.1' });

    await createServerApi(ctx, api.origin).get('/api/me');

    expect(api.received[0]?.headers['x-forwarded-for']).toBe('198.51.100.1, 203.0.113.7');
  });

  it('refreshes with the visitor session, retries with the new one and hands the new cookies to the browser', async () => {
    api.on('GET', '/api/orders', (req, res) =>
      req.headers.cookie?.includes('access=new')
        ? sendJson(res, 200, { items: [] })
        : sendJson(res, 401, { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'AUTH_UNAUTHORIZED', traceId: 't' }),
    );
    api.on('POST', '/api/auth/refresh', (req, res) => {
      if (req.headers.cookie !== 'access=old; refresh=r1') return sendJson(res, 401, { code: 'AUTH_UNAUTHORIZED' });
      res.setHeader('set-cookie', [
        'access=new; Path=/; HttpOnly; SameSite=Lax; Max-Age=900',
        'refresh=r2; Path=/api/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000',
      ]);
      sendJson(res, 200, { ok: true });
    });
    const { ctx, setCookies } = pageRequest({ cookie: 'access=old; refresh=r1' });

    await expect(createServerApi(ctx, api.origin).get('/api/orders')).resolves.toEqual({ items: [] });

    expect(api.received.map((r) => `${r.method} ${r.path} ${r.headers.cookie}`)).toEqual([
      'GET /api/orders access=old; refresh=r1',
      'POST /api/auth/refresh access=old; refresh=r1',
      'GET /api/orders access=new; refresh=r2',
    ]);
    expect(setCookies).toEqual([
      {
        name: 'access',
        value: 'new',
        options: expect.objectContaining({ path: '/', httpOnly: true, secure: false, sameSite: 'lax', maxAge: 900 }),
      },
      {
        name: 'refresh',
        value: 'r2',
        options: expect.objectContaining({ path: '/api/auth', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 2592000 }),
      },
    ]);
  });

  it('stops sending a cookie the API cleared', async () => {
    api.on('POST', '/api/auth/logout', (_req, res) => {
      res.setHeader('set-cookie', 'access=; Path=/; Max-Age=0');
      res.writeHead(204).end();
    });
    api.on('GET', '/api/cart', (_req, res) => sendJson(res, 200, {}));
    const { ctx, setCookies } = pageRequest({ cookie: 'access=a1; lang=en' });
    const client = createServerApi(ctx, api.origin);

    await client.post('/api/auth/logout');
    await client.get('/api/cart');

    expect(api.received[1]?.headers.cookie).toBe('lang=en');
    expect(setCookies[0]).toMatchObject({ name: 'access', value: '', options: { maxAge: 0 } });
  });

  it('calls the API at its configured origin, whatever host the page request names', async () => {
    api.on('GET', '/api/health', (_req, res) => sendJson(res, 200, { status: 'ok' }));
    const { ctx } = pageRequest({}, 'http://evil.example/products');

    await expect(createServerApi(ctx, api.origin).get('/api/health')).resolves.toEqual({ status: 'ok' });
  });

  it('refreshes an expired session for /api/auth/me too, and parses the user with the contract', async () => {
    const user = {
      id: '00000000-0000-4000-8000-000000000005',
      email: 'ann@example.tw',
      displayName: 'Ann',
      phone: null,
      locale: 'en',
      roles: ['customer'],
      emailVerified: false,
      mustVerifyBeforeCheckout: false,
      mustChangePassword: false,
      createdAt: '2026-01-01T00:00:00.000+08:00',
    };
    api.on('GET', '/api/auth/me', (req, res) =>
      req.headers.cookie?.includes('access_token=new')
        ? sendJson(res, 200, { ...user, extra: 'dropped' })
        : sendJson(res, 401, { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'AUTH_UNAUTHORIZED', traceId: 't' }),
    );
    api.on('POST', '/api/auth/refresh', (_req, res) => {
      res.setHeader('set-cookie', ['access_token=new; Path=/; HttpOnly; SameSite=Lax', 'refresh_token=r2; Path=/; HttpOnly; SameSite=Lax']);
      sendJson(res, 200, {});
    });
    const { ctx, setCookies } = pageRequest({ cookie: 'refresh_token=r1' });

    await expect(createServerApi(ctx, api.origin).auth.me()).resolves.toEqual(user);
    expect(setCookies.map((c) => `${c.name}=${c.value}`)).toEqual(['access_token=new', 'refresh_token=r2']);
  });

  it('does not mistake a failed login for an expired session', async () => {
    api.on('POST', '/api/auth/login', (_req, res) =>
      sendJson(res, 401, { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'AUTH_INVALID_CREDENTIALS', traceId: 't' }),
    );
    const { ctx } = pageRequest({ cookie: 'refresh_token=r1' });

    await expect(createServerApi(ctx, api.origin).auth.login({ identifier: 'ann@example.tw', password: 'wrong' })).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
    });
    expect(api.received.map((r) => r.path)).toEqual(['/api/auth/login']);
  });
});
