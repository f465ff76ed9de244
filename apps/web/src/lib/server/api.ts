import type { Cookies } from '@sveltejs/kit';
import { parseSetCookie } from 'set-cookie-parser';
import { createApiClient, type ApiClient } from '$lib/api/client';

/** What of a SvelteKit `RequestEvent` the server-side API client needs. */
export interface ForwardingContext {
  request: Request;
  url: URL;
  cookies: Pick<Cookies, 'set'>;
  /** Request id of the incoming request, sent as the trace id of every API call it makes. */
  requestId: string;
  /** The visitor's IP (`event.getClientAddress()`), for the API's rate limits and login log. */
  clientAddress: string | undefined;
}

function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

/**
 * The API client for server `load`s and form actions, built per request by `hooks.server.ts`
 * (`event.locals.api`). It forwards the visitor's session (cookies, `Authorization`) and request
 * id to the API, and passes every `Set-Cookie` the API answers with (e.g. tokens rotated by a
 * refresh on 401) on to the browser, so a server-side refresh never strands the browser on a
 * revoked refresh token.
 *
 * It uses the network `fetch`, not `event.fetch`: SvelteKit would route a same-origin `/api/*`
 * request to its own routes, while the API lives in front of it on the same port.
 */
export function createServerApi(ctx: ForwardingContext, apiOrigin: string | undefined): ApiClient {
  const jar = parseCookieHeader(ctx.request.headers.get('cookie'));
  const authorization = ctx.request.headers.get('authorization');
  const userAgent = ctx.request.headers.get('user-agent');
  // Append the visitor to any proxy chain, as a proxy would; the API trusts it from loopback only.
  const forwardedFor = [ctx.request.headers.get('x-forwarded-for'), ctx.clientAddress].filter(Boolean).join(', ');

  return createApiClient({
    baseUrl: apiOrigin ?? ctx.url.origin,
    traceId: () => ctx.requestId,
    headers: () => {
      const headers: Record<string, string> = {
        // The API checks Origin on cookie-authenticated writes; SvelteKit has already checked the browser's.
        origin: ctx.url.origin,
      };
      if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      if (authorization) headers.authorization = authorization;
      if (userAgent) headers['user-agent'] = userAgent;
      if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
      return headers;
    },
    onResponse: (response) => {
      for (const cookie of parseSetCookie(response.headers.getSetCookie(), { decodeValues: false })) {
        const expired = cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
        if (expired) jar.delete(cookie.name);
        else jar.set(cookie.name, cookie.value);
        ctx.cookies.set(cookie.name, cookie.value, {
          path: cookie.path ?? '/',
          domain: cookie.domain,
          expires: cookie.expires,
          maxAge: cookie.maxAge,
          // Explicit, because SvelteKit would otherwise default both to true.
          httpOnly: cookie.httpOnly ?? false,
          secure: cookie.secure ?? false,
          sameSite: sameSite(cookie.sameSite),
          encode: (value: string) => value,
        });
      }
    },
  });
}

function sameSite(value: string | undefined): 'lax' | 'strict' | 'none' | undefined {
  const lower = value?.toLowerCase();
  return lower === 'lax' || lower === 'strict' || lower === 'none' ? lower : undefined;
}
