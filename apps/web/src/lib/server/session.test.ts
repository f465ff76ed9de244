import type { Me } from '@shop/contracts/identity';
import { isHttpError, isRedirect, type Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api/client';
import { getTranslator } from '$lib/i18n';
import type { ServerApi } from './api';
import { apiFailure, invalid } from './forms';
import { pageError, pendingPasswordChangeRedirect, requireSection, requireStaff, requireUser, resolveUser } from './session';

const me = (roles: Me['roles']): Me => ({
  id: '00000000-0000-4000-8000-000000000004',
  email: 'ann@example.tw',
  displayName: 'Ann',
  phone: null,
  locale: 'zh-TW',
  roles,
  emailVerified: true,
  mustVerifyBeforeCheckout: false,
  mustChangePassword: false,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const problem = (code: string, status: number, errors?: Array<{ path: string; message: string; code: string }>) =>
  new ApiError({ type: 'about:blank', title: code, status, code, traceId: 't-1', ...(errors ? { errors } : {}) }, status);

function cookieJar(initial: Record<string, string>) {
  const jar = new Map(Object.entries(initial));
  const deleted: string[] = [];
  const cookies = {
    get: (name: string) => jar.get(name),
    delete: (name: string) => {
      jar.delete(name);
      deleted.push(name);
    },
  } as unknown as Cookies;
  return { cookies, deleted };
}

function apiAnswering(me: () => Promise<Me>) {
  let calls = 0;
  const api = {
    auth: {
      me: () => {
        calls++;
        return me();
      },
    },
  } as unknown as ServerApi;
  return { api, calls: () => calls };
}

/** Runs `fn` and returns what it threw (SvelteKit's redirect/error are thrown objects). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const locals = (user: Me | null) => ({ user }) as App.Locals;
const url = new URL('http://shop.test/admin/users?q=ann');

describe('the user of a request', () => {
  it('is nobody, without asking the API, when there is no session cookie', async () => {
    const { api, calls } = apiAnswering(async () => me(['customer']));
    await expect(resolveUser(api, cookieJar({ lang: 'en' }).cookies)).resolves.toBeNull();
    expect(calls()).toBe(0);
  });

  it('is who the API says, when a session cookie is there', async () => {
    const { api } = apiAnswering(async () => me(['customer']));
    await expect(resolveUser(api, cookieJar({ refresh_token: 'r' }).cookies)).resolves.toMatchObject({ email: 'ann@example.tw' });
  });

  it('is nobody when the API refuses the session, and the browser forgets it', async () => {
    const { api } = apiAnswering(async () => {
      throw problem('AUTH_UNAUTHORIZED', 401);
    });
    const { cookies, deleted } = cookieJar({ access_token: 'a', refresh_token: 'r', lang: 'en' });

    await expect(resolveUser(api, cookies)).resolves.toBeNull();
    expect(deleted.sort()).toEqual(['access_token', 'refresh_token']);
  });

  it('is nobody when the API cannot be reached, keeping the cookies for the next request', async () => {
    const { api } = apiAnswering(async () => {
      throw problem('NETWORK_ERROR', 0);
    });
    const { cookies, deleted } = cookieJar({ access_token: 'a' });

    await expect(resolveUser(api, cookies)).resolves.toBeNull();
    expect(deleted).toEqual([]);
  });
});

describe('guards', () => {
  it('send a signed-out visitor to the login page and back', () => {
    const err = thrown(() => requireUser(locals(null), url));
    expect(isRedirect(err) && err.location).toBe('/login?redirect=%2Fadmin%2Fusers%3Fq%3Dann');
  });

  it('refuse the admin console to customers with 403', () => {
    const err = thrown(() => requireStaff(locals(me(['customer'])), url));
    expect(isHttpError(err) && err.status).toBe(403);
  });

  it('let staff into the console, and into a section only when the API listed it for them', () => {
    expect(requireStaff(locals(me(['customer', 'support'])), url).roles).toContain('support');
    const err = thrown(() => requireSection(['users', 'products'], 'policies'));
    expect(isHttpError(err) && err.status).toBe(403);
    expect(() => requireSection(['users', 'policies'], 'policies')).not.toThrow();
  });

  it('send an account with a generated password to the change-password page, and let it sign out', () => {
    const pending = { ...me(['customer', 'admin']), mustChangePassword: true };
    expect(pendingPasswordChangeRedirect(pending, new URL('http://shop.test/admin/users'))).toBe('/account/password');
    expect(pendingPasswordChangeRedirect(pending, new URL('http://shop.test/'))).toBe('/account/password');
    expect(pendingPasswordChangeRedirect(pending, new URL('http://shop.test/account/password'))).toBeNull();
    expect(pendingPasswordChangeRedirect(pending, new URL('http://shop.test/logout'))).toBeNull();
    // English pages: the page is open there too, and the way to it stays in English.
    expect(pendingPasswordChangeRedirect(pending, new URL('http://shop.test/en/account/password'))).toBeNull();
    expect(pendingPasswordChangeRedirect(pending, new URL('http://shop.test/en/products'))).toBe('/en/account/password');
    expect(pendingPasswordChangeRedirect(me(['admin']), new URL('http://shop.test/admin/users'))).toBeNull();
    expect(pendingPasswordChangeRedirect(null, new URL('http://shop.test/admin/users'))).toBeNull();
  });

  it('turn a failed API call of a load into the page to show', () => {
    const signIn = thrown(() => pageError(problem('AUTH_UNAUTHORIZED', 401), url));
    expect(isRedirect(signIn) && signIn.location).toMatch(/^\/login\?redirect=/);

    const missing = thrown(() => pageError(problem('USER_NOT_FOUND', 404), url));
    expect(isHttpError(missing) && missing.body).toEqual({ message: 'Not Found', code: 'USER_NOT_FOUND', traceId: 't-1' });

    const broken = problem('INTERNAL', 500);
    expect(thrown(() => pageError(broken, url))).toBe(broken);
  });
});

describe('form action failures', () => {
  const t = getTranslator('zh-TW');
  const page = new URL('http://shop.test/register');

  it('carry field errors and what was typed', () => {
    expect(invalid('register', { email: 'bad' }, { email: 'x' })).toMatchObject({
      status: 400,
      data: { form: 'register', errors: { email: 'bad' }, values: { email: 'x' }, message: null },
    });
  });

  it('map the API field errors and give the problem copy', () => {
    const failure = apiFailure(
      problem('VALIDATION_FAILED', 400, [{ path: 'body.password', message: 'common', code: 'password_too_common' }]),
      {
        form: 'register',
        values: { email: 'ann@example.tw' },
        t,
        url: page,
      },
    );
    expect(failure).toMatchObject({
      status: 400,
      data: {
        form: 'register',
        errors: { password: '這個密碼太常見，請換一個較不容易被猜到的密碼' },
        values: { email: 'ann@example.tw' },
        message: '資料格式有誤，請檢查標示的欄位',
      },
    });
  });

  it('put a problem about one field next to it', () => {
    const failure = apiFailure(problem('EMAIL_TAKEN', 409), {
      form: 'register',
      values: {},
      t,
      url: page,
      fieldForCode: { EMAIL_TAKEN: ['email', 'fieldError.emailTaken'] },
    });
    expect(failure.status).toBe(409);
    expect(failure.data.errors).toEqual({ email: '這個電子郵件已經註冊過了，請直接登入或使用其他電子郵件' });
    expect(failure.data.message).toBe('這個電子郵件已經註冊過了');
  });

  it('answer 503 when the API could not be reached', () => {
    expect(apiFailure(problem('NETWORK_ERROR', 0), { form: 'x', values: {}, t, url: page }).status).toBe(503);
  });

  it('send an ended session to the login page', () => {
    const err = thrown(() =>
      apiFailure(problem('AUTH_UNAUTHORIZED', 401), { form: 'x', values: {}, t, url: new URL('http://shop.test/account?/profile') }),
    );
    expect(isRedirect(err) && err.location).toBe('/login?redirect=%2Faccount');
  });

  it('rethrow what is not an API error', () => {
    const bug = new TypeError('boom');
    expect(thrown(() => apiFailure(bug, { form: 'x', values: {}, t, url: page }))).toBe(bug);
  });
});
