import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import {
  defaultLocale,
  delocalizePath,
  getTranslator,
  htmlLang,
  isLocale,
  isLocaleNeutralPath,
  localeCookie,
  localeOfPath,
  localizeHref,
} from '$lib/i18n';
import { createServerApi } from '$lib/server/api';
import { serverConfig } from '$lib/server/config';
import { toPublicError } from '$lib/server/errors';
import { allowFormAction, allowImageOrigin, setPageSecurityHeaders } from '$lib/server/headers';
import { localeSetCookie, preferredLocale, resolveLocale, resolveRequestId } from '$lib/server/request';
import { pendingPasswordChangeRedirect, resolveUser } from '$lib/server/session';

/** Fails the start, not the first request, on a bad environment. */
export const init: ServerInit = () => {
  serverConfig();
};

const ECPAY_CASHIERS = ['https://payment-stage.ecpay.com.tw', 'https://payment.ecpay.com.tw'];

export const handle: Handle = async ({ event, resolve }) => {
  const requestId = resolveRequestId(event.request.headers.get('x-request-id'));
  const { pathname, search } = event.url;
  const neutral = isLocaleNeutralPath(pathname);
  const cookieLocale = event.cookies.get(localeCookie);

  // The admin console has one URL per page; its language follows the cookie.
  if (neutral && localeOfPath(pathname) === 'en') return redirectTo(308, `${delocalizePath(pathname)}${search}`, requestId);
  // Accept-Language is only the first visit's default: once, then the cookie remembers the choice
  // (and the switch changes it). Crawlers send no Accept-Language and no cookie, so they see each URL as it is.
  if (!neutral && !isLocale(cookieLocale) && isPageVisit(event) && localeOfPath(pathname) === defaultLocale) {
    const wanted = preferredLocale(event.request.headers.get('accept-language'));
    if (wanted !== defaultLocale) {
      return redirectTo(302, localizeHref(`${pathname}${search}`, wanted), requestId, {
        vary: 'Accept-Language, Cookie',
        'set-cookie': localeSetCookie(wanted, event.url),
      });
    }
  }

  // Everything per request lives in locals; nothing locale- or session-specific is module state.
  const locale = neutral ? resolveLocale(cookieLocale) : localeOfPath(pathname);
  event.locals.requestId = requestId;
  event.locals.locale = locale;
  event.locals.t = getTranslator(locale);
  event.locals.api = createServerApi(
    { request: event.request, cookies: event.cookies, requestId, clientAddress: clientAddress(event) },
    serverConfig().apiOrigin,
  );
  // Once per request, and only when a session cookie is there: anonymous pages stay fast.
  event.locals.user = await resolveUser(event.locals.api, event.cookies);
  const changeFirst = pendingPasswordChangeRedirect(event.locals.user, event.url);
  if (changeFirst) return new Response(null, { status: 303, headers: { location: changeFirst, 'cache-control': 'no-store' } });

  const lang = htmlLang(locale);
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', lang),
  });
  if (!response.headers.has('x-request-id')) response.headers.set('x-request-id', requestId);
  allowImageOrigin(response.headers, serverConfig().imageOrigin);
  // The checkout's store picker posts the shopper to ECPay's store map.
  allowFormAction(response.headers, new URL(serverConfig().storeMap.url).origin);
  // The order page posts the shopper to ECPay's cashier (the simulator's is this origin).
  for (const cashier of ECPAY_CASHIERS) allowFormAction(response.headers, cashier);
  setPageSecurityHeaders(response.headers, {
    https: event.url.protocol === 'https:',
    personal: event.locals.user !== null || /^\/(account|admin)(\/|$)/.test(delocalizePath(pathname)),
  });
  return response;
};

function isPageVisit(event: RequestEvent): boolean {
  return (event.request.method === 'GET' || event.request.method === 'HEAD') && !event.isDataRequest;
}

function redirectTo(status: 302 | 308, location: string, requestId: string, extra: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { location, 'x-request-id': requestId, 'cache-control': 'no-store', ...extra } });
}

function clientAddress(event: RequestEvent): string | undefined {
  try {
    return event.getClientAddress();
  } catch {
    return undefined; // not every adapter or mode knows it
  }
}

export const handleError: HandleServerError = ({ error, event, status }) => {
  const requestId = event.locals.requestId ?? resolveRequestId(null);
  if (status >= 500) {
    console.error(`[web] ${event.request.method} ${event.url.pathname} failed (request ${requestId})`, error);
  }
  return toPublicError(error, status, requestId);
};
