import { newTraceId } from '$lib/api/client';
import { defaultLocale, isLocale, type Locale } from '$lib/i18n';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/; // same rule as the API (apps/api platform/request-id.ts)

/** Keeps a well-formed incoming `X-Request-Id` (from a proxy or the API process), else makes one. */
export function resolveRequestId(incoming: string | null): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : newTraceId();
}

/** The `lang` cookie when it names a supported locale, else zh-TW. Accept-Language is deliberately ignored. */
export function resolveLocale(cookie: string | undefined): Locale {
  return isLocale(cookie) ? cookie : defaultLocale;
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
 * Where to send a signed-out visitor: `/login?redirect=<this page>`. A form action's `?/name`
 * is dropped from the way back, so the return is a plain page visit.
 */
export function loginPath(url: URL): string {
  const params = new URLSearchParams(url.search);
  for (const key of [...params.keys()]) if (key.startsWith('/')) params.delete(key);
  const query = params.toString();
  const back = `${url.pathname}${query ? `?${query}` : ''}`;
  return back === '/' ? '/login' : `/login?redirect=${encodeURIComponent(back)}`;
}
