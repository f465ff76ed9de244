import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { getTranslator, htmlLang, localeCookie } from '$lib/i18n';
import { createServerApi } from '$lib/server/api';
import { serverConfig } from '$lib/server/config';
import { toPublicError } from '$lib/server/errors';
import { resolveLocale, resolveRequestId } from '$lib/server/request';
import { pendingPasswordChangeRedirect, resolveUser } from '$lib/server/session';

/** Fails the start, not the first request, on a bad environment. */
export const init: ServerInit = () => {
  serverConfig();
};

export const handle: Handle = async ({ event, resolve }) => {
  const requestId = resolveRequestId(event.request.headers.get('x-request-id'));
  // Everything per request lives in locals; nothing locale- or session-specific is module state.
  const locale = resolveLocale(event.cookies.get(localeCookie));
  event.locals.requestId = requestId;
  event.locals.locale = locale;
  event.locals.t = getTranslator(locale);
  event.locals.api = createServerApi(
    { request: event.request, url: event.url, cookies: event.cookies, requestId, clientAddress: clientAddress(event) },
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
  return response;
};

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
