import { hash } from '@node-rs/argon2';
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
const withoutTrace = (body: Record<string, unknown>) => ({ ...body, traceId: undefined });

describe('registration', () => {
  it('creates an account, signs it in with httpOnly cookies and mails a verification link', async () => {
    const email = uniqueEmail('reg');
    const res = await post('/api/auth/register', { email, password: PASSWORD, displayName: '王小明', phone: '0912345001', locale: 'en' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({
      email,
      displayName: '王小明',
      phone: '0912345001',
      locale: 'en',
      roles: ['customer'],
      emailVerified: false,
    });
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('refreshToken');
    const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c]));
    expect(cookies.access_token).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.refresh_token).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const mail = await lastMailTo(h, email);
    expect(mail?.template).toBe('verify_email');
    expect(mail?.subject).toMatch(/verify/i);
    expect(tokenFrom(mail!.text, '/verify-email')).toHaveLength(43);
  });

  it('refuses a second account with the same email in any case (409 EMAIL_TAKEN) and the same phone', async () => {
    const email = uniqueEmail('dup');
    await registerUser(h, { email, phone: '0912345002' });
    const again = await post('/api/auth/register', { email: email.toUpperCase(), password: PASSWORD, displayName: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
    const phone = await post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD, displayName: 'x', phone: '0912345002' });
    expect(phone.json()).toMatchObject({ status: 409, code: 'PHONE_TAKEN' });
  });

  it.each([
    ['short', 'Abc12345', 'too_small'],
    ['common', '1234567890', 'password_too_common'],
    ['common with letters', 'password123', 'password_too_common'],
    ['one repeated character', 'aaaaaaaaaaaa', 'password_too_common'],
  ])('refuses a %s password with a field error on password', async (_what, password, code) => {
    const res = await post('/api/auth/register', { email: uniqueEmail(), password, displayName: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'body.password', code })] });
  });

  it('refuses a password made of the email address', async () => {
    const res = await post('/api/auth/register', { email: 'meiling.chen@example.tw', password: 'meiling.chen2026', displayName: 'x' });
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.password', code: 'password_too_common' })]);
  });

  it('answers invalid fields with each bad field named', async () => {
    const res = await post('/api/auth/register', { email: 'not-an-email', password: PASSWORD, displayName: '', phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.displayName', 'body.email', 'body.phone']);
  });
});

describe('sign-in', () => {
  it('signs in by email in any case or by phone; the login log records it', async () => {
    const email = uniqueEmail('login');
    const user = await registerUser(h, { email, phone: '0912345003' });
    expect((await post('/api/auth/login', { identifier: email.toUpperCase(), password: PASSWORD })).statusCode).toBe(200);
    const byPhone = await post('/api/auth/login', { identifier: '0912345003', password: PASSWORD }, { 'user-agent': 'Test Browser 1.0' });
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.json().user.id).toBe(user.id);
    const { rows } = await h.pool.query('SELECT outcome, reason, user_agent FROM login_log WHERE user_id = $1 ORDER BY at DESC LIMIT 1', [
      user.id,
    ]);
    expect(rows[0]).toEqual({ outcome: 'success', reason: null, user_agent: 'Test Browser 1.0' });
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const user = await registerUser(h);
    const wrong = await post('/api/auth/login', { identifier: user.email, password: 'not-the-password' });
    const unknown = await post('/api/auth/login', { identifier: uniqueEmail('nobody'), password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(withoutTrace(wrong.json())).toEqual(withoutTrace(unknown.json()));
    expect(wrong.json().code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('locks the account for ten minutes after five failures, says so with the time left, then unlocks', async () => {
    const user = await registerUser(h);
    for (let i = 0; i < 4; i++)
      expect((await post('/api/auth/login', { identifier: user.email, password: `wrong-${i}-password` })).statusCode).toBe(401);
    const fifth = await post('/api/auth/login', { identifier: user.email, password: 'wrong-4-password' });
    expect(fifth.json()).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED', retryAfter: 600 });

    const locked = await post('/api/auth/login', { identifier: user.email, password: PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED', retryAfter: 600 });
    expect(locked.headers['retry-after']).toBe('600');
    expect(locked.cookies).toEqual([]);

    h.clock.advance(9 * 60_000);
    const still = await post('/api/auth/login', { identifier: user.email, password: PASSWORD });
    expect(still.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfter: 60 });
    h.clock.advance(60_000 + 1000);
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);

    const { rows } = await h.pool.query<{ reason: string | null }>('SELECT reason FROM login_log WHERE user_id = $1', [user.id]);
    const count = (r: string | null) => rows.filter((x) => x.reason === r).length;
    expect([count('bad_credentials'), count('locked'), count(null)]).toEqual([5, 2, 1]);
  });

  it('answers an address without an account exactly like a locked account after five attempts', async () => {
    const user = await registerUser(h);
    const ghost = uniqueEmail('ghost');
    const attempts = async (identifier: string) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await post('/api/auth/login', { identifier, password: `wrong-${i}-password` }));
      return answers.map((r) => ({ status: r.statusCode, body: withoutTrace(r.json()), retryAfter: r.headers['retry-after'] }));
    };
    const known = await attempts(user.email);
    const unknown = await attempts(ghost);
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(known.at(-1)).toMatchObject({ status: 423, body: { code: 'ACCOUNT_LOCKED', retryAfter: 600 } });
    h.clock.advance(10 * 60_000 + 1000);
    const after = await post('/api/auth/login', { identifier: ghost, password: 'wrong-again-password' });
    expect(after.json().code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('lifts the lockout when the password is reset', async () => {
    const user = await registerUser(h);
    for (let i = 0; i < 5; i++) await post('/api/auth/login', { identifier: user.email, password: `wrong-${i}-password` });
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).json().code).toBe('ACCOUNT_LOCKED');

    await post('/api/auth/password/forgot', { email: user.email });
    const token = tokenFrom((await lastMailTo(h, user.email))!.text, '/reset-password');
    expect((await post('/api/auth/password/reset', { token, newPassword: 'Fresh-start-2026' })).statusCode).toBe(204);
    expect((await post('/api/auth/login', { identifier: user.email, password: 'Fresh-start-2026' })).statusCode).toBe(200);
  });

  it('lets staff lift a lockout from the user page, and not a customer', async () => {
    const admin = await makeStaff(h, ['admin']);
    const user = await registerUser(h);
    const other = await registerUser(h);
    for (let i = 0; i < 5; i++) await post('/api/auth/login', { identifier: user.email, password: `wrong-${i}-password` });
    expect((await get(`/api/admin/users/${user.id}`, bearer(admin))).json().lockedUntil).toEqual(expect.any(String));

    expect((await post(`/api/admin/users/${user.id}/unlock`, {}, bearer(other))).statusCode).toBe(403);
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).json().code).toBe('ACCOUNT_LOCKED');

    const unlocked = await post(`/api/admin/users/${user.id}/unlock`, {}, bearer(admin));
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ id: user.id, lockedUntil: null });
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const user = await registerUser(h);
    for (let i = 0; i < 4; i++) await post('/api/auth/login', { identifier: user.email, password: 'wrong-password-x' });
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await post('/api/auth/login', { identifier: user.email, password: 'wrong-password-y' });
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('re-hashes a password stored with older argon2 parameters at sign-in', async () => {
    const user = await registerUser(h);
    const old = await hash(PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await h.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [old, user.id]);
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
    const { rows } = await h.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('rotates the refresh token at each use, and reuse of an old one ends the whole session', async () => {
    const user = await registerUser(h);
    const first = await post('/api/auth/refresh', {}, browser(user));
    expect(first.statusCode).toBe(200);
    const rotated = cookiesOf(first);
    expect(rotated.refresh_token).not.toBe(user.refreshToken);
    const fresh = {
      accessToken: first.json().accessToken,
      cookie: `access_token=${rotated.access_token}; refresh_token=${rotated.refresh_token}`,
    };
    expect((await get('/api/auth/me', bearer(fresh))).statusCode).toBe(200);

    // The old token again, well after it was used: somebody copied it. The family ends, including the new tokens.
    h.clock.advance(11_000);
    const reuse = await post('/api/auth/refresh', {}, browser(user));
    expect(reuse.statusCode).toBe(401);
    expect((await post('/api/auth/refresh', {}, browser(fresh))).statusCode).toBe(401);
    expect((await get('/api/auth/me', bearer(fresh))).statusCode).toBe(401);
    // A session elsewhere is not part of that family.
    const other = await loginUser(h, user.email);
    expect((await get('/api/auth/me', bearer(other))).statusCode).toBe(200);
  });

  it('lets two tabs refresh with the same token at the same moment', async () => {
    const user = await registerUser(h);
    const [a, b] = await Promise.all([post('/api/auth/refresh', {}, browser(user)), post('/api/auth/refresh', {}, browser(user))]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect((await get('/api/auth/me', bearer(b.json()))).statusCode).toBe(200);
    const tabB = cookiesOf(b);
    expect((await post('/api/auth/refresh', {}, browser({ cookie: `refresh_token=${tabB.refresh_token}` }))).statusCode).toBe(200);
  });

  it('answers a refresh without a cookie or with an unknown one with 401', async () => {
    expect((await post('/api/auth/refresh', {})).statusCode).toBe(401);
    const res = await post('/api/auth/refresh', {}, { cookie: 'refresh_token=nope', origin: 'http://localhost:80' });
    expect(res.json()).toMatchObject({ status: 401, code: 'AUTH_UNAUTHORIZED' });
  });

  it('logs out: the access token stops working and the refresh token is dead', async () => {
    const user = await registerUser(h);
    const out = await post('/api/auth/logout', {}, browser(user));
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'access_token')?.value).toBe('');
    expect((await get('/api/auth/me', bearer(user))).statusCode).toBe(401);
    expect((await post('/api/auth/refresh', {}, browser(user))).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const a = await registerUser(h);
    const b = await loginUser(h, a.email);
    expect((await post('/api/auth/logout-all', {}, bearer(a))).statusCode).toBe(204);
    expect((await get('/api/auth/me', bearer(a))).statusCode).toBe(401);
    expect((await get('/api/auth/me', bearer(b))).statusCode).toBe(401);
    expect((await post('/api/auth/refresh', {}, browser(b))).statusCode).toBe(401);
  });

  it('lists the user’s sessions with the current one marked, and ends one', async () => {
    const a = await registerUser(h);
    const b = await loginUser(h, a.email);
    const list = await get('/api/users/me/sessions', bearer(a));
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string; current: boolean }>;
    expect(items).toHaveLength(2);
    const other = items.find((s) => !s.current)!;
    expect((await h.app.inject({ method: 'DELETE', url: `/api/users/me/sessions/${other.id}`, headers: bearer(a) })).statusCode).toBe(204);
    expect((await get('/api/auth/me', bearer(b))).statusCode).toBe(401);
    expect((await get('/api/auth/me', bearer(a))).statusCode).toBe(200);
  });

  it('cuts a disabled user off on the next request, and lets them back in when enabled', async () => {
    const admin = await makeStaff(h, ['admin']);
    const user = await registerUser(h);
    expect((await get('/api/auth/me', bearer(user))).statusCode).toBe(200);
    const disabled = await post(`/api/admin/users/${user.id}/disable`, {}, bearer(admin));
    expect(disabled.json()).toMatchObject({ status: 'disabled' });

    expect((await get('/api/auth/me', bearer(user))).statusCode).toBe(401);
    expect((await post('/api/auth/refresh', {}, browser(user))).statusCode).toBe(401);
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).json().code).toBe('AUTH_INVALID_CREDENTIALS');

    await post(`/api/admin/users/${user.id}/enable`, {}, bearer(admin));
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('ends the sessions of a user whose role is revoked, so the old role stops working at once', async () => {
    const admin = await makeStaff(h, ['admin']);
    const ops = await makeStaff(h, ['ops']);
    const granted = await post(`/api/admin/users/${ops.id}/roles`, { role: 'support' }, bearer(admin));
    expect(granted.json().roles).toEqual(['customer', 'ops', 'support']);
    const revoked = await h.app.inject({ method: 'DELETE', url: `/api/admin/users/${ops.id}/roles/ops`, headers: bearer(admin) });
    expect(revoked.json().roles).toEqual(['customer', 'support']);
    expect((await get('/api/auth/me', bearer(ops))).statusCode).toBe(401);
    const again = await loginUser(h, ops.email);
    expect((await get('/api/auth/me', bearer(again))).json().roles).toEqual(['customer', 'support']);
  });

  it('keeps the last active admin and the admin-everything policy', async () => {
    await h.pool.query(`UPDATE users SET roles = array_remove(roles, 'admin') WHERE NOT (email LIKE 'keeper%')`);
    const admin = await makeStaff(h, ['admin'], uniqueEmail('keeper'));
    const last = await h.app.inject({ method: 'DELETE', url: `/api/admin/users/${admin.id}/roles/admin`, headers: bearer(admin) });
    expect(last.json()).toMatchObject({ status: 409, code: 'LAST_ADMIN' });
    const self = await post(`/api/admin/users/${admin.id}/disable`, {}, bearer(admin));
    expect(self.json()).toMatchObject({ status: 409, code: 'CANNOT_DISABLE_SELF' });

    const policies = (await get('/api/admin/policies', bearer(admin))).json().items as Array<{
      id: string;
      name: string;
      effect: string;
      actions: string[];
      resourceTypes: string[];
      conditions: unknown[];
    }>;
    const p = policies.find((x) => x.name === 'admin-everything')!;
    const off = await h.app.inject({
      method: 'PUT',
      url: `/api/admin/policies/${p.id}`,
      headers: bearer(admin),
      payload: {
        name: p.name,
        effect: p.effect,
        actions: p.actions,
        resourceTypes: p.resourceTypes,
        conditions: p.conditions,
        enabled: false,
      },
    });
    expect(off.json()).toMatchObject({ status: 409, code: 'POLICY_PROTECTED' });
    expect((await get('/api/admin/policies', bearer(admin))).statusCode).toBe(200);
  });

  it('refuses cookie-authenticated writes from another site (CSRF) but not Bearer calls', async () => {
    const user = await registerUser(h);
    const noOrigin = await post('/api/auth/logout', {}, { cookie: user.cookie });
    expect(noOrigin.statusCode).toBe(403);
    expect(noOrigin.json().code).toBe('CSRF_REJECTED');
    const evil = await post('/api/auth/logout', {}, { cookie: user.cookie, origin: 'https://evil.example' });
    expect(evil.json().code).toBe('CSRF_REJECTED');
    const viaReferer = await post('/api/auth/email/resend', {}, { cookie: user.cookie, referer: 'http://localhost:80/account' });
    expect(viaReferer.statusCode).toBe(202);
    expect((await post('/api/auth/email/resend', {}, bearer(user))).statusCode).toBe(202);
  });
});

describe('email verification and password reset', () => {
  it('verifies the email with the mailed token, once', async () => {
    const user = await registerUser(h);
    const token = tokenFrom((await lastMailTo(h, user.email))!.text, '/verify-email');
    expect((await post('/api/auth/email/verify', { token })).statusCode).toBe(204);
    expect((await get('/api/auth/me', bearer(user))).json().emailVerified).toBe(true);
    expect((await post('/api/auth/email/verify', { token })).json()).toMatchObject({ status: 400, code: 'TOKEN_INVALID' });
  });

  it('resets the password with a single-use token, ends every session, and mails a notice', async () => {
    const user = await registerUser(h);
    const unknown = await post('/api/auth/password/forgot', { email: uniqueEmail('ghost') });
    const known = await post('/api/auth/password/forgot', { email: user.email.toUpperCase() });
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());

    const token = tokenFrom((await lastMailTo(h, user.email))!.text, '/reset-password');
    const newPassword = 'Night-market-77';
    expect((await post('/api/auth/password/reset', { token, newPassword })).statusCode).toBe(204);
    expect((await get('/api/auth/me', bearer(user))).statusCode).toBe(401);
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(401);
    expect((await post('/api/auth/login', { identifier: user.email, password: newPassword })).statusCode).toBe(200);
    expect((await lastMailTo(h, user.email))?.template).toBe('password_changed');

    const again = await post('/api/auth/password/reset', { token, newPassword: 'Another-pass-88' });
    expect(again.json()).toMatchObject({ status: 400, code: 'TOKEN_INVALID' });
  });

  it('answers known and unknown addresses alike, doing the same work before answering; the mail follows', async () => {
    const user = await registerUser(h);
    await h.deliverEvents();
    const queued = async () =>
      (
        await h.pool.query<{ event_type: string }>("SELECT event_type FROM event_outbox WHERE status = 'pending' ORDER BY created_at")
      ).rows.map((r) => r.event_type);
    const tokens = async () =>
      Number((await h.pool.query('SELECT count(*) FROM email_tokens WHERE user_id = $1', [user.id])).rows[0].count);
    const before = await tokens();

    const unknown = await post('/api/auth/password/forgot', { email: uniqueEmail('nobody') });
    const afterUnknown = await queued();
    await h.deliverEvents();
    const known = await post('/api/auth/password/forgot', { email: user.email });
    const afterKnown = await queued();

    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    expect(afterKnown).toEqual(afterUnknown);
    expect(afterKnown).toHaveLength(1);
    // The link is made after the answer, by the outbox worker.
    expect(await tokens()).toBe(before);
    expect((await lastMailTo(h, user.email))?.template).toBe('reset_password');
    expect(await tokens()).toBe(before + 1);
  });

  it('refuses an expired reset token', async () => {
    const user = await registerUser(h);
    await post('/api/auth/password/forgot', { email: user.email });
    const token = tokenFrom((await lastMailTo(h, user.email))!.text, '/reset-password');
    h.clock.advance(61 * 60_000);
    expect((await post('/api/auth/password/reset', { token, newPassword: 'Too-late-now-99' })).json().code).toBe('TOKEN_INVALID');
    expect((await post('/api/auth/login', { identifier: user.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a common new password at reset without using up the token', async () => {
    const user = await registerUser(h);
    await post('/api/auth/password/forgot', { email: user.email });
    const token = tokenFrom((await lastMailTo(h, user.email))!.text, '/reset-password');
    const weak = await post('/api/auth/password/reset', { token, newPassword: 'qwertyuiop' });
    expect(weak.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'body.newPassword' })] });
    expect((await post('/api/auth/password/reset', { token, newPassword: 'Strong-enough-42' })).statusCode).toBe(204);
  });
});

describe('profile and password', () => {
  it('reads and changes the profile', async () => {
    const user = await registerUser(h);
    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/users/me/profile',
      headers: bearer(user),
      payload: { displayName: '陳美玲', phone: '0922333444', locale: 'en' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ displayName: '陳美玲', phone: '0922333444', locale: 'en' });
    expect((await get('/api/users/me/profile', bearer(user))).json()).toMatchObject({ displayName: '陳美玲' });
    const bad = await h.app.inject({ method: 'PUT', url: '/api/users/me/profile', headers: bearer(user), payload: { phone: '02-1234' } });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'body.phone' })] });
  });

  it('changes the password after re-entering the current one, signing out other sessions', async () => {
    const a = await registerUser(h);
    const b = await loginUser(h, a.email);
    const wrong = await post('/api/users/me/password', { currentPassword: 'not-it-at-all', newPassword: 'Mountain-tea-55' }, bearer(a));
    expect(wrong.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'body.currentPassword', code: 'password_mismatch' })],
    });
    expect(
      (await post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'Mountain-tea-55' }, bearer(a))).statusCode,
    ).toBe(204);
    expect((await get('/api/auth/me', bearer(a))).statusCode).toBe(200);
    expect((await get('/api/auth/me', bearer(b))).statusCode).toBe(401);
    expect((await post('/api/auth/login', { identifier: a.email, password: 'Mountain-tea-55' })).statusCode).toBe(200);
  });
});

describe('address book', () => {
  const addr = (over: Record<string, unknown> = {}) => ({
    recipientName: '林小華',
    phone: '0912345678',
    postalCode: '100',
    city: '台北市',
    district: '中正區',
    line1: '重慶南路一段122號',
    ...over,
  });

  it('adds, lists, changes and deletes addresses, keeping exactly one default', async () => {
    const user = await registerUser(h);
    const first = await post('/api/users/me/addresses', addr(), bearer(user));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ isDefault: true, line2: '' });
    const second = await post(
      '/api/users/me/addresses',
      addr({ postalCode: '40341', city: '台中市', district: '西區', isDefault: true, phone: '04-22345678' }),
      bearer(user),
    );
    expect(second.json().isDefault).toBe(true);

    let list = (await get('/api/users/me/addresses', bearer(user))).json().items as Array<{ id: string; isDefault: boolean }>;
    expect(list.map((a) => a.isDefault)).toEqual([true, false]);
    expect(list[0]!.id).toBe(second.json().id);

    const changed = await h.app.inject({
      method: 'PUT',
      url: `/api/users/me/addresses/${first.json().id}`,
      headers: bearer(user),
      payload: addr({ line2: '3樓', isDefault: true }),
    });
    expect(changed.json()).toMatchObject({ line2: '3樓', isDefault: true });

    const del = await h.app.inject({ method: 'DELETE', url: `/api/users/me/addresses/${first.json().id}`, headers: bearer(user) });
    expect(del.statusCode).toBe(204);
    list = (await get('/api/users/me/addresses', bearer(user))).json().items;
    expect(list).toEqual([expect.objectContaining({ id: second.json().id, isDefault: true })]);
  });

  it('validates Taiwan phone numbers and postal codes', async () => {
    const user = await registerUser(h);
    const res = await post('/api/users/me/addresses', addr({ phone: '+1 555 0100', postalCode: '1000' }), bearer(user));
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.phone', 'body.postalCode']);
  });

  it('refuses places that do not exist or do not fit together, per field', async () => {
    const user = await registerUser(h);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ postalCode: '999' }, 'body.postalCode', 'postal_code_mismatch'],
      [{ city: '火星市' }, 'body.city', 'unknown_city'],
      [{ city: '臺北市', district: '板橋區', postalCode: '220' }, 'body.district', 'district_not_in_city'],
      [{ district: '大安區', postalCode: '220' }, 'body.postalCode', 'postal_code_mismatch'],
    ];
    for (const [over, path, code] of cases) {
      const res = await post('/api/users/me/addresses', addr(over), bearer(user));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path, code })] });
    }
    expect((await get('/api/users/me/addresses', bearer(user))).json().items).toEqual([]);
  });

  it('stores 台/臺 spellings as the official name and phone numbers as digits', async () => {
    const user = await registerUser(h);
    const res = await post(
      '/api/users/me/addresses',
      addr({ city: '台中市', district: '西區', postalCode: '40341', phone: '+886 4 2234-5678' }),
      bearer(user),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ city: '臺中市', district: '西區', postalCode: '40341', phone: '0422345678' });
    const mobile = await post('/api/users/me/addresses', addr({ phone: '0912 345 678' }), bearer(user));
    expect(mobile.json()).toMatchObject({ phone: '0912345678', city: '臺北市' });
  });

  it('answers 404 for an address id that does not exist', async () => {
    const user = await registerUser(h);
    const res = await get('/api/users/me/addresses/00000000-0000-4000-8000-000000000000', bearer(user));
    expect(res.json()).toMatchObject({ status: 404, code: 'ADDRESS_NOT_FOUND' });
  });
});

describe('first admin', () => {
  it('is created once from ADMIN_EMAIL/ADMIN_PASSWORD when no admin exists', async () => {
    await h.pool.query(`UPDATE users SET roles = array_remove(roles, 'admin')`);
    const email = uniqueEmail('boss');
    const created = await ensureAdmin(h.db, { email, password: 'Boss-password-2026' });
    expect(created).toEqual({ email, generatedPassword: undefined });
    expect(await ensureAdmin(h.db, { email: uniqueEmail('other'), password: undefined })).toBeUndefined();
    const admin = await loginUser(h, email, 'Boss-password-2026');
    expect((await get('/api/auth/me', bearer(admin))).json().roles).toContain('admin');
  });

  it('gets a generated password, returned once, when none is configured', async () => {
    await h.pool.query(`UPDATE users SET roles = array_remove(roles, 'admin')`);
    const created = await ensureAdmin(h.db, { email: uniqueEmail('gen'), password: undefined });
    expect(created?.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await loginUser(h, created!.email, created!.generatedPassword);
  });
});
