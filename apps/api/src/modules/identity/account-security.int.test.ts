import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import {
  bearer,
  browser,
  cookiesOf,
  lastMailTo,
  loginUser,
  makeStaff,
  PASSWORD,
  registerUser,
  tokenFrom,
  uniqueEmail,
} from '../../../test/identity-helpers.js';
import { ensureAdmin } from './bootstrap.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });

describe('the first admin with a generated password', () => {
  async function generatedAdmin() {
    await h.pool.query(`UPDATE users SET roles = array_remove(roles, 'admin')`);
    const created = await ensureAdmin(h.db, { email: uniqueEmail('first'), password: undefined });
    return { email: created!.email, password: created!.generatedPassword! };
  }

  it('must change it before anything else: other calls answer 403 PASSWORD_CHANGE_REQUIRED', async () => {
    const { email, password } = await generatedAdmin();
    const admin = await loginUser(h, email, password);

    expect((await get('/api/auth/me', bearer(admin))).json()).toMatchObject({
      email,
      roles: expect.arrayContaining(['admin']),
      mustChangePassword: true,
    });
    for (const url of ['/api/admin/users', '/api/admin/policies', '/api/admin/products', '/api/users/me/sessions']) {
      const res = await get(url, bearer(admin));
      expect(res.statusCode, url).toBe(403);
      expect(res.json(), url).toMatchObject({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    }

    const changed = await post(
      '/api/users/me/password',
      { currentPassword: password, newPassword: 'My-own-admin-pass-2026' },
      browser(admin),
    );
    expect(changed.statusCode).toBe(204);
    // The browser gets an access token for the same session without the pending change.
    const cookie = `access_token=${cookiesOf(changed).access_token}; refresh_token=${admin.refreshToken}`;
    expect((await get('/api/admin/users', { cookie })).statusCode).toBe(200);
    expect((await get('/api/auth/me', { cookie })).json()).toMatchObject({ mustChangePassword: false });

    // Signing in again with the new password: no pending change either.
    const again = await loginUser(h, email, 'My-own-admin-pass-2026');
    expect((await get('/api/admin/users', bearer(again))).statusCode).toBe(200);
  });

  it('is not asked again after a refresh once changed, and a reset clears the pending change too', async () => {
    const { email, password } = await generatedAdmin();
    const admin = await loginUser(h, email, password);
    const refreshed = await post('/api/auth/refresh', {}, browser(admin));
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().user.mustChangePassword).toBe(true);
    expect((await get('/api/admin/users', { authorization: `Bearer ${refreshed.json().accessToken}` })).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );

    await post('/api/auth/password/forgot', { email });
    const token = tokenFrom((await lastMailTo(h, email))!.text, '/reset-password');
    expect((await post('/api/auth/password/reset', { token, newPassword: 'Reset-admin-pass-2026' })).statusCode).toBe(204);
    const after = await loginUser(h, email, 'Reset-admin-pass-2026');
    expect((await get('/api/admin/users', bearer(after))).statusCode).toBe(200);
  });

  it('an admin whose password was configured (ADMIN_PASSWORD) is not asked to change it', async () => {
    await h.pool.query(`UPDATE users SET roles = array_remove(roles, 'admin')`);
    const email = uniqueEmail('configured');
    await ensureAdmin(h.db, { email, password: 'Operator-chose-this-2026' });
    const admin = await loginUser(h, email, 'Operator-chose-this-2026');
    expect((await get('/api/auth/me', bearer(admin))).json().mustChangePassword).toBe(false);
    expect((await get('/api/admin/users', bearer(admin))).statusCode).toBe(200);
  });
});

describe('a new password equal to the current one', () => {
  it('is refused on change with a field error, and the password stays', async () => {
    const user = await registerUser(h);
    const res = await post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD }, bearer(user));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'body.newPassword', code: 'password_unchanged' })],
    });
    expect((await lastMailTo(h, user.email))?.template).not.toBe('password_changed');
  });

  it('is refused on reset without using up the link', async () => {
    const user = await registerUser(h);
    await post('/api/auth/password/forgot', { email: user.email });
    const token = tokenFrom((await lastMailTo(h, user.email))!.text, '/reset-password');
    const same = await post('/api/auth/password/reset', { token, newPassword: PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'body.newPassword', code: 'password_unchanged' })],
    });
    expect((await get('/api/auth/me', bearer(user))).statusCode).toBe(200); // sessions were not ended
    expect((await post('/api/auth/password/reset', { token, newPassword: 'A-different-one-2026' })).statusCode).toBe(204);
  });
});

describe('a session’s "last used"', () => {
  const lastUsed = async (headers: Record<string, string>) => {
    const res = await get('/api/users/me/sessions', headers);
    return (res.json().items as Array<{ current: boolean; lastUsedAt: string }>).find((s) => s.current)!.lastUsedAt;
  };

  it('moves when the session is used, to the minute', async () => {
    const user = await registerUser(h);
    const first = await lastUsed(bearer(user));

    h.clock.advance(5 * 60_000);
    const later = await lastUsed(bearer(user));
    expect(Date.parse(later)).toBeGreaterThan(Date.parse(first));
    expect(Date.parse(later)).toBe(h.clock.now().getTime());

    // Used again within the minute: not written again.
    h.clock.advance(20_000);
    expect(await lastUsed(bearer(user))).toBe(later);
    h.clock.advance(60_000);
    expect(Date.parse(await lastUsed(bearer(user)))).toBe(h.clock.now().getTime());
  });
});

describe('GET /api/admin/me', () => {
  const sections = async (headers: Record<string, string>) => (await get('/api/admin/me', headers)).json().sections as string[];

  it('lists the console sections the caller’s policies allow', async () => {
    const admin = await makeStaff(h, ['admin']);
    const ops = await makeStaff(h, ['ops']);
    const support = await makeStaff(h, ['support']);
    const customer = await registerUser(h);

    expect(await sections(bearer(admin))).toEqual([
      'orders',
      'users',
      'products',
      'review',
      'categories',
      'brands',
      'attributes',
      'stock',
      'promotions',
      'shipping',
      'store',
      'policies',
      'mailbox',
      'outbox',
    ]);
    expect(await sections(bearer(ops))).toEqual([
      'orders',
      'products',
      'categories',
      'brands',
      'attributes',
      'stock',
      'promotions',
      'shipping',
    ]);
    expect(await sections(bearer(support))).toEqual(['orders', 'users']);
    expect(await sections(bearer(customer))).toEqual([]);
    expect((await get('/api/admin/me')).statusCode).toBe(401);
  });

  it('follows a policy change: ops allowed to read users get the users section', async () => {
    const admin = await makeStaff(h, ['admin']);
    const ops = await makeStaff(h, ['ops'], uniqueEmail('ops-reader'));
    const created = await post(
      '/api/admin/policies',
      {
        name: 'ops-read-users',
        effect: 'allow',
        actions: ['read'],
        resourceTypes: ['user'],
        conditions: [{ attr: 'subject.roles', op: 'contains', value: 'ops' }],
      },
      bearer(admin),
    );
    expect(created.statusCode).toBe(201);
    expect(await sections(bearer(ops))).toContain('users');
    expect((await get('/api/admin/users', bearer(ops))).statusCode).toBe(200);
  });
});
