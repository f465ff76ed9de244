import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_JWT_SECRET, type Harness } from '../../test/harness.js';
import { bearer, lastMailTo, PASSWORD, registerUser, uniqueEmail } from '../../test/identity-helpers.js';

const post = (h: Harness, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('links and hosts', () => {
  let h: Harness;
  let pinned: Harness;
  beforeAll(async () => {
    h = await createHarness({ env: { PORT: '3000' } });
    pinned = await createHarness({
      env: { PUBLIC_URL: 'https://shop.example.tw/', ALLOWED_HOSTS: 'shop.example.tw, www.shop.example.tw' },
    });
  });
  afterAll(async () => {
    await h.close();
    await pinned.close();
  });

  it('mails reset and verification links on the shop’s own address, whatever Host the request names', async () => {
    const user = await registerUser(h);
    const forgot = await post(h, '/api/auth/password/forgot', { email: user.email }, { host: 'evil.example' });
    expect(forgot.statusCode).toBe(202);
    const reset = await lastMailTo(h, user.email);
    expect(reset?.text).toContain('http://localhost:3000/reset-password?token=');
    expect(reset?.text).not.toContain('evil.example');

    const email = uniqueEmail('host');
    await post(h, '/api/auth/register', { email, password: PASSWORD, displayName: '小明' }, { host: 'evil.example' });
    const verify = await lastMailTo(h, email);
    expect(verify?.text).toContain('http://localhost:3000/verify-email?token=');
    expect(verify?.text).not.toContain('evil.example');
  });

  it('uses PUBLIC_URL for links and as the OpenAPI server', async () => {
    const user = await registerUser(pinned, { email: uniqueEmail('pinned') });
    await post(pinned, '/api/auth/password/forgot', { email: user.email }, { host: 'www.shop.example.tw' });
    expect((await lastMailTo(pinned, user.email))?.text).toContain('https://shop.example.tw/reset-password?token=');
    const spec = await pinned.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.json().servers).toEqual([{ url: 'https://shop.example.tw' }]);
  });

  it('answers a Host outside ALLOWED_HOSTS with 421 HOST_NOT_ALLOWED, and serves listed and loopback hosts', async () => {
    const evil = await pinned.app.inject({ method: 'GET', url: '/api/health', headers: { host: 'evil.example' } });
    expect(evil.statusCode).toBe(421);
    expect(evil.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(evil.json()).toMatchObject({ status: 421, code: 'HOST_NOT_ALLOWED' });
    const forgot = await post(pinned, '/api/auth/password/forgot', { email: 'a@example.tw' }, { host: 'evil.example' });
    expect(forgot.statusCode).toBe(421);
    for (const host of ['shop.example.tw', 'www.shop.example.tw', 'WWW.Shop.Example.TW:443', '127.0.0.1:3000', 'localhost']) {
      expect((await pinned.app.inject({ method: 'GET', url: '/api/health', headers: { host } })).statusCode, host).toBe(200);
    }
  });
});

describe('security headers', () => {
  let h: Harness;
  let mediaDir: string;
  const key = `ab/${'c'.repeat(40)}.png`;
  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'shop-media-'));
    await mkdir(path.join(mediaDir, 'ab'));
    await writeFile(path.join(mediaDir, key), Buffer.from('89504e470d0a1a0a', 'hex'));
    h = await createHarness({
      env: { MEDIA_DIR: mediaDir, TRUST_PROXY: 'true' },
      // Stands in for the SvelteKit build: it writes the page itself, as adapter-node does.
      web: (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end('<!doctype html><p>page</p>');
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const framingAndSniffing = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };

  it('sends nosniff, no framing and no referrer on API answers, and keeps the catalog cacheable', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/products' });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject(framingAndSniffing);
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['cache-control']).not.toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers every /api/auth call and every answer about a user with Cache-Control: no-store', async () => {
    const user = await registerUser(h);
    const login = await post(h, '/api/auth/login', { identifier: user.email, password: PASSWORD });
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.headers).toMatchObject(framingAndSniffing);
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(user) });
    expect(me.headers['cache-control']).toBe('no-store');
    const profile = await h.app.inject({ method: 'GET', url: '/api/users/me/profile', headers: bearer(user) });
    expect(profile.headers['cache-control']).toBe('no-store');
    const failed = await post(h, '/api/auth/login', { identifier: user.email, password: 'not-the-password' });
    expect(failed.headers['cache-control']).toBe('no-store');
  });

  it('sends the same headers on images, which other sites may embed', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/media/${key}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ ...framingAndSniffing, 'cross-origin-resource-policy': 'cross-origin' });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends HSTS only over https, pages included, and leaves the pages’ other headers to the web app', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const api = await h.app.inject({ method: 'GET', url: '/api/products', headers: https });
    expect(api.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const page = await h.app.inject({ method: 'GET', url: '/products', headers: https });
    expect(page.body).toContain('<p>page</p>');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(page.headers['content-security-policy']).toBeUndefined();
    const plain = await h.app.inject({ method: 'GET', url: '/products' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('API docs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it.each(['/api/docs', '/api/docs/'])('serves %s with assets that load', async (url) => {
    const page = await h.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const css = /href="([^"]+swagger-ui\.css)"/.exec(page.body)?.[1];
    const js = /src="([^"]+swagger-ui-bundle\.js)"/.exec(page.body)?.[1];
    for (const asset of [css, js]) {
      const resolved = new URL(asset!, `http://localhost${url}`).pathname;
      const res = await h.app.inject({ method: 'GET', url: resolved });
      expect(res.statusCode, resolved).toBe(200);
    }
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('access tokens', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const key = new TextEncoder().encode(TEST_JWT_SECRET);
  const me = (token: string) => h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

  it('answers a validly signed token whose session id is not a uuid with 401, not 500', async () => {
    const user = await registerUser(h);
    const now = Math.floor(h.clock.now().getTime() / 1000);
    const token = await new SignJWT({ roles: ['customer'], sid: 'not-a-uuid' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
    const res = await me(token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, code: 'AUTH_UNAUTHORIZED' });
  });

  it('refuses a validly signed token without an expiry', async () => {
    const user = await registerUser(h);
    const { sid } = decodeJwt(user.accessToken);
    const token = await new SignJWT({ roles: ['customer'], sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(Math.floor(h.clock.now().getTime() / 1000))
      .sign(key);
    expect((await me(user.accessToken)).statusCode).toBe(200);
    const res = await me(token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, code: 'AUTH_UNAUTHORIZED' });
  });
});

describe('sign-in and sign-up from other sites (login CSRF)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ env: { PUBLIC_URL: 'http://localhost:3000' } });
  });
  afterAll(() => h.close());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

  it('refuses a sign-in posted by another site’s page and sets no cookie', async () => {
    const user = await registerUser(h);
    const body = form({ identifier: user.email, password: PASSWORD });
    for (const origin of ['https://evil.example', 'null']) {
      const res = await post(h, '/api/auth/login', body, { ...formHeaders, origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
      expect(res.cookies).toEqual([]);
    }
    const json = await post(h, '/api/auth/login', { identifier: user.email, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(json.statusCode).toBe(403);
    const referer = await post(h, '/api/auth/login', body, { ...formHeaders, referer: 'https://evil.example/win-a-prize' });
    expect(referer.statusCode).toBe(403);
  });

  it('refuses a form post that names no origin at all, but not a JSON client', async () => {
    const user = await registerUser(h);
    const res = await post(h, '/api/auth/login', form({ identifier: user.email, password: PASSWORD }), formHeaders);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect((await post(h, '/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a sign-up posted by another site', async () => {
    const res = await post(
      h,
      '/api/auth/register',
      { email: uniqueEmail('csrf'), password: PASSWORD, displayName: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
  });

  it('accepts the shop’s own pages: same origin, the public URL, and the web app’s server-side calls to loopback', async () => {
    const user = await registerUser(h);
    const body = form({ identifier: user.email, password: PASSWORD });
    const own = await post(h, '/api/auth/login', body, { ...formHeaders, host: 'localhost:3000', origin: 'http://localhost:3000' });
    expect(own.statusCode).toBe(200);
    // SvelteKit's form action calls the API at its listen address with the page's origin.
    const server = await post(h, '/api/auth/logout', {}, { host: '127.0.0.1:3000', origin: 'http://localhost:3000', cookie: user.cookie });
    expect(server.statusCode).toBe(204);
  });
});

describe('secrets in logs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    // A database failure during sign-up, after the password was hashed: the insert breaks a rule.
    await h.pool.query(`ALTER TABLE users ADD CONSTRAINT test_refuses_this_name CHECK (display_name <> 'Broken Name')`);
  });
  afterAll(() => h.close());

  it('logs a failed sign-up query without its email, phone, password hash or password', async () => {
    const email = uniqueEmail('leak');
    const res = await post(h, '/api/auth/register', { email, password: PASSWORD, displayName: 'Broken Name', phone: '0912777888' });
    expect(res.statusCode).toBe(500);
    const errors = h.logs().filter((l) => l.level >= 50);
    expect(errors.length).toBeGreaterThan(0);
    const text = JSON.stringify(errors);
    expect(text).toContain('test_refuses_this_name');
    for (const secret of [email, '0912777888', '$argon2', PASSWORD]) expect(text, secret).not.toContain(secret);
  });
});
