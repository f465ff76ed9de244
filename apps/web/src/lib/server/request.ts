import type { Cookies } from '@sveltejs/kit';
import Negotiator from 'negotiator';
import { newTraceId } from '$lib/api/client';
import { defaultLocale, delocalizePath, isLocale, localeCookie, localeOfPath, localizeHref, type Locale } from '$lib/i18n';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/; // same rule as the API (apps/api platform/request-id.ts)

/** Keeps a well-formed incoming `X-Request-Id` (from a proxy or the API process), else makes one. */
export function resolveRequestId(incoming: string | null): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : newTraceId();
}

/** The `lang` cookie when it names a supported locale, else zh-TW (the admin console's language). */
export function resolveLocale(cookie: string | undefined): Locale {
  return isLocale(cookie) ? cookie : defaultLocale;
}

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Remembers the visitor's language (the switch, sign-in, a profile change). */
export function setLocaleCookie(cookies: Pick<Cookies, 'set'>, locale: Locale, url: URL): void {
  cookies.set(localeCookie, locale, {
    path: '/',
    maxAge: ONE_YEAR,
    httpOnly: true,
    sameSite: 'lax',
    // SvelteKit defaults to Secure, which a browser drops on plain http://127.0.0.1.
    secure: url.protocol === 'https:',
  });
}

/** The same cookie as a `Set-Cookie` value, for an answer `hooks.server.ts` builds itself (`event.cookies` applies only to resolved ones). */
export function localeSetCookie(locale: Locale, url: URL): string {
  return `${localeCookie}=${locale}; Path=/; Max-Age=${ONE_YEAR}; HttpOnly; SameSite=Lax${url.protocol === 'https:' ? '; Secure' : ''}`;
}

/**
 * The language a first-time visitor asks for: the first of their Accept-Language tags that is
 * Chinese (any region or script: the shop has Traditional Chinese only) or English. Nothing
 * usable (no header, only other languages) is zh-TW.
 */
export function preferredLocale(acceptLanguage: string | null): Locale {
  if (!acceptLanguage) return defaultLocale;
  const tags = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages();
  for (const tag of tags) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh-TW';
    if (primary === 'en') return 'en';
  }
  return defaultLocale;
}

/**
 * A same-site path to send the visitor back to; anything pointing elsewhere becomes `/`. The check
 * runs again on the normalised path: `/.//evil.example` and `/%2e//evil.example` normalise to
 * `//evil.example`, which a browser reads as another host.
 */
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== 'string' || !isLocalPath(value)) return '/';
  const base = 'http://same.invalid';
  try {
    const url = new URL(value, base);
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.origin === base && isLocalPath(path) ? path : '/';
  } catch {
    return '/';
  }
}

function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

/**
 * Where to send a signed-out visitor: `/login?redirect=<this page>`, in the page's language. A form
 * action's `?/name` is dropped from the way back, so the return is a plain page visit.
 */
export function loginPath(url: URL): string {
  const params = new URLSearchParams(url.search);
  for (const key of [...params.keys()]) if (key.startsWith('/')) params.delete(key);
  const query = params.toString();
  const back = `${delocalizePath(url.pathname)}${query ? `?${query}` : ''}`;
  return localizeHref(back === '/' ? '/login' : `/login?redirect=${encodeURIComponent(back)}`, localeOfPath(url.pathname));
}
