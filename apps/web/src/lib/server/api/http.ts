import type { Cookies } from '@sveltejs/kit';
import { parseSetCookie } from 'set-cookie-parser';
import { createApiClient, type ApiClient } from '$lib/api/client';

/** What of a SvelteKit `RequestEvent` the server-side API client needs. */
export interface ForwardingContext {
  request: Request;
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
 * The generic API client of one page request. It forwards the visitor's session (cookies,
 * `Authorization`) and request id to the API, and passes every `Set-Cookie` the API answers with
 * (e.g. tokens rotated by a refresh on 401) on to the browser, so a server-side refresh never
 * strands the browser on a revoked refresh token.
 *
 * It uses the network `fetch`, not `event.fetch`: SvelteKit would route a same-origin `/api/*`
 * request to its own routes, while the API lives in front of it on the same port.
 */
export function createForwardingClient(ctx: ForwardingContext, apiOrigin: string): ApiClient {
  const jar = parseCookieHeader(ctx.request.headers.get('cookie'));
  const authorization = ctx.request.headers.get('authorization');
  const userAgent = ctx.request.headers.get('user-agent');
  // Append the visitor to any proxy chain, as a proxy would; the API trusts it from loopback only.
  const forwardedFor = [ctx.request.headers.get('x-forwarded-for'), ctx.clientAddress].filter(Boolean).join(', ');

  return createApiClient({
    baseUrl: apiOrigin,
    traceId: () => ctx.requestId,
    headers: () => {
      const headers: Record<string, string> = {
        // The API checks Origin on writes. SvelteKit has already checked the browser's against the
        // page's; this call goes to the API's own address, so it names that (whatever host the
        // visitor used: a LAN address, a name outside PUBLIC_URL).
        origin: apiOrigin,
      };
      if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      if (authorization) headers.authorization = authorization;
      if (userAgent) headers['user-agent'] = userAgent;
      if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
      return headers;
    },
    onResponse: (response) => {
      for (const cookie of parseSetCookie(response.headers.getSetCookie(), { decodeValues: false })) {
        const expired =
          cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
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

/** One path segment (an id, a slug, a role), encoded. */
export const id = (value: string) => encodeURIComponent(value);

/**
 * Options for calls that need a session refresh on 401, `/api/auth/*` ones included (the client
 * skips the refresh there by default, so a failed login is not mistaken for an expired session).
 */
export const session = { refreshOn401: true } as const;

/** A query string with repeatable keys (`attr=size:M&attr=size:L`), blank values left out. */
export function queryString(query: Record<string, string | number | boolean | readonly string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
