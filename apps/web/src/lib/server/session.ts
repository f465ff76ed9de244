import type { AdminSection } from '@shop/contracts/admin';
import type { Me } from '@shop/contracts/identity';
import { error, redirect, type Cookies } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { delocalizePath, localeOfPath, localizeHref } from '$lib/i18n';
import { isStaff } from '$lib/identity/user';
import type { ServerApi } from './api';
import { loginPath } from './request';

/** Names of the cookies the API sets (httpOnly, Path=/). */
export const sessionCookies = ['access_token', 'refresh_token'] as const;

/**
 * The signed-in user of this request, or null. Asks the API only when a session cookie is
 * there, so anonymous pages cost no API call; an expired access token is refreshed on the way
 * (the new cookies go to the browser). A session the API refuses is forgotten, so the browser
 * stops sending it.
 */
export async function resolveUser(api: ServerApi, cookies: Cookies): Promise<Me | null> {
  if (!sessionCookies.some((name) => cookies.get(name))) return null;
  try {
    return await api.auth.me();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      for (const name of sessionCookies) {
        if (cookies.get(name)) cookies.delete(name, { path: '/' });
      }
      return null;
    }
    // The API is unreachable or failing: treat the visit as anonymous rather than breaking every page.
    console.warn(`[web] could not resolve the session: ${err instanceof ApiError ? err.code : String(err)}`);
    return null;
  }
}

/** The page where an account changes its password, also the one a pending change sends it to. */
export const changePasswordPath = '/account/password';
/** Pages an account with a pending password change may still open (sign-out, the language switch). */
const openWithPendingChange = new Set([changePasswordPath, '/logout', '/lang']);

/**
 * Where to send a request of an account whose generated password must be changed first (the API
 * answers PASSWORD_CHANGE_REQUIRED to everything else): the change-password page, or null to go on.
 */
export function pendingPasswordChangeRedirect(user: Me | null, url: URL): string | null {
  // English pages carry /en: the change-password page is open in both languages, and the way there keeps the page's language.
  const path = delocalizePath(url.pathname);
  if (!user?.mustChangePassword || openWithPendingChange.has(path) || url.pathname.startsWith('/_app/')) return null;
  return localizeHref(changePasswordPath, localeOfPath(url.pathname));
}

/** The signed-in user; a signed-out visitor is sent to the login page and back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): Me {
  if (!locals.user) redirect(303, loginPath(url));
  return locals.user;
}

/** A staff member (ops, support, admin); anyone else gets 403, a signed-out visitor the login page. */
export function requireStaff(locals: App.Locals, url: URL): Me {
  const user = requireUser(locals, url);
  if (!isStaff(user.roles)) error(403, { message: 'Forbidden', code: 'FORBIDDEN' });
  return user;
}

/**
 * A page of an admin console section: 403 unless the API listed it for this user (the admin
 * layout's `adminSections`), so the page and the menu agree.
 */
export function requireSection(allowed: readonly AdminSection[] | undefined, section: AdminSection): void {
  if (!allowed?.includes(section)) error(403, { message: 'Forbidden', code: 'FORBIDDEN' });
}

/**
 * Turns a failed API call in a `load` into what the page should do: sign in again on 401,
 * the 403/404 page with the problem's copy, or the 5xx page for anything else.
 */
export function pageError(err: unknown, url: URL): never {
  if (!(err instanceof ApiError)) throw err;
  if (err.status === 401) redirect(303, loginPath(url));
  if (err.status === 403 || err.status === 404) {
    error(err.status, { message: err.status === 404 ? 'Not Found' : 'Forbidden', code: err.code, traceId: err.traceId });
  }
  throw err;
}
