// Small helpers for tests that sign users up and in through the real API.
import type { LightMyRequestResponse } from 'fastify';
import type { Harness } from './harness.js';

let counter = 0;
export const uniqueEmail = (tag = 'user') => `${tag}.${Date.now().toString(36)}.${++counter}@example.tw`;
export const PASSWORD = 'Tea-garden-2026!';

export interface Signed {
  id: string;
  email: string;
  accessToken: string;
  /** Cookie header value carrying both tokens, as a browser would send it. */
  cookie: string;
  refreshToken: string;
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies) out[c.name] = c.value;
  return out;
}

function signed(res: LightMyRequestResponse, email: string): Signed {
  const body = res.json() as { user: { id: string }; accessToken: string };
  const jar = cookiesOf(res);
  return {
    id: body.user.id,
    email,
    accessToken: body.accessToken,
    refreshToken: jar.refresh_token!,
    cookie: `access_token=${jar.access_token}; refresh_token=${jar.refresh_token}`,
  };
}

export async function registerUser(h: Harness, over: Record<string, unknown> = {}): Promise<Signed> {
  const email = (over.email as string | undefined) ?? uniqueEmail();
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password: PASSWORD, displayName: '小明', ...over },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return signed(res, email);
}

export async function loginUser(h: Harness, identifier: string, password = PASSWORD): Promise<Signed> {
  const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return signed(res, identifier);
}

export const bearer = (s: Pick<Signed, 'accessToken'>) => ({ authorization: `Bearer ${s.accessToken}` });
/** A browser's same-site request: cookies plus its Origin. */
export const browser = (s: Pick<Signed, 'cookie'>) => ({ cookie: s.cookie, origin: 'http://localhost:80' });

/** Makes a user staff by SQL (test setup) and signs in again so the token carries the roles. */
export async function makeStaff(h: Harness, roles: string[], email = uniqueEmail(roles.join('-'))): Promise<Signed> {
  await registerUser(h, { email });
  await h.pool.query('UPDATE users SET roles = $1 WHERE lower(email) = lower($2)', [['customer', ...roles], email]);
  return loginUser(h, email);
}

/** The newest mail to `to`, after delivering queued events. */
export async function lastMailTo(h: Harness, to: string): Promise<{ subject: string; text: string; template: string } | undefined> {
  await h.deliverEvents();
  const { rows } = await h.pool.query(
    'SELECT subject, text, template FROM mail_messages WHERE lower("to") = lower($1) ORDER BY created_at DESC LIMIT 1',
    [to],
  );
  return rows[0];
}

export function tokenFrom(text: string, path: string): string {
  const m = new RegExp(`${path}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
  if (!m?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return decodeURIComponent(m[1]);
}
