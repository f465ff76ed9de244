import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../../platform/auth.js';
import type { IdentityDeps, IssuedSession, RequestMeta } from './identity.types.js';

function secure(deps: IdentityDeps, req: FastifyRequest): boolean {
  return deps.config.auth.cookieSecure ?? req.protocol === 'https';
}

/** Both tokens as httpOnly, SameSite=Lax cookies on the whole site (server-side page loads refresh too). */
export function setSessionCookies(deps: IdentityDeps, req: FastifyRequest, reply: FastifyReply, issued: IssuedSession) {
  const base = { httpOnly: true, sameSite: 'lax' as const, secure: secure(deps, req), path: '/' };
  reply.setCookie(ACCESS_COOKIE, issued.accessToken, { ...base, maxAge: deps.tokens.ttlSec });
  reply.setCookie(REFRESH_COOKIE, issued.refreshToken, { ...base, expires: issued.refreshExpiresAt });
}

/** A new access token for the same session (the refresh cookie stays). */
export function setAccessCookie(deps: IdentityDeps, req: FastifyRequest, reply: FastifyReply, accessToken: string) {
  reply.setCookie(ACCESS_COOKIE, accessToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(deps, req),
    path: '/',
    maxAge: deps.tokens.ttlSec,
  });
}

export function clearSessionCookies(deps: IdentityDeps, req: FastifyRequest, reply: FastifyReply) {
  const base = { httpOnly: true, sameSite: 'lax' as const, secure: secure(deps, req), path: '/' };
  reply.clearCookie(ACCESS_COOKIE, base);
  reply.clearCookie(REFRESH_COOKIE, base);
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: ua ? ua.slice(0, 300) : null };
}
