import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { jwtVerify, SignJWT } from 'jose';
import type { AccessContext } from './access.js';
import type { Actor } from './auth-types.js';
import { AppError, UnauthorizedError } from './errors.js';

export type { Actor } from './auth-types.js';

export const ACCESS_COOKIE = 'access_token';
export const REFRESH_COOKIE = 'refresh_token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, or null. Set for every /api request before its handler. */
    actor: Actor | null;
    /** The request's ip and time (the shop's clock), for `context.*` policy conditions. */
    accessContext: AccessContext;
  }
  interface FastifyInstance {
    /** preHandler: 401 AUTH_UNAUTHORIZED unless signed in. */
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyContextConfig {
    /** The route stays open to an account that must change its password first (sign-out, the change itself). */
    allowWithPendingPasswordChange?: boolean;
    /**
     * A provider's server posts here (no Origin, no cookie, a form body): the cross-site check does
     * not apply, and no session is read. The route must authenticate the body itself (a signature).
     */
    serverToServer?: boolean;
  }
}

export interface AccessTokens {
  sign(actor: Actor): Promise<string>;
  verify(token: string): Promise<Actor | null>;
  ttlSec: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** HS256 access tokens carrying user id, roles and session id. */
export function createAccessTokens(opts: { secret: string; ttlSec: number; now?: () => Date }): AccessTokens {
  const key = new TextEncoder().encode(opts.secret);
  const now = opts.now ?? (() => new Date());
  return {
    ttlSec: opts.ttlSec,
    async sign(actor) {
      const iat = Math.floor(now().getTime() / 1000);
      return new SignJWT({ roles: actor.roles, sid: actor.sessionId, ...(actor.mustChangePassword ? { pwc: true } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(actor.userId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + opts.ttlSec)
        .sign(key);
    },
    async verify(token) {
      try {
        // A token without `exp` would be valid forever; ids that are not uuids name no session.
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: now(), requiredClaims: ['exp', 'sub'] });
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
        if (!isUuid(payload.sub) || !isUuid(payload.sid)) return null;
        return { userId: payload.sub, roles, sessionId: payload.sid, mustChangePassword: payload.pwc === true };
      } catch {
        return null;
      }
    },
  };
}

/** Answers whether a valid token's session was ended or its user disabled since it was issued. */
export type RevocationCheck = (actor: Actor) => Promise<boolean>;

/**
 * The revocation list (identity keeps it: Redis when configured, otherwise the sessions table
 * itself). `isRevoked` is what this plugin asks; the writes happen after the commit that ended
 * the session or disabled the user.
 */
export interface Revocations {
  isRevoked: RevocationCheck;
  sessionsEnded(sessionIds: readonly string[]): Promise<void>;
  userDisabled(userId: string): Promise<void>;
  userEnabled(userId: string): Promise<void>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies a page on another site can post without a CORS preflight (an HTML form, `fetch` in no-cors mode). */
const CROSS_SITE_POSTABLE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * Where a write came from: its Origin (`null` or garbage counts as foreign), else its Referer's
 * origin; undefined when it names neither (not a browser, or one that hides both).
 */
function sourceOf(req: FastifyRequest): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) return originOf(origin) ?? 'null';
  return originOf(req.headers.referer);
}

/**
 * Resolves `req.actor` from `Authorization: Bearer` or the access cookie, drops revoked ones, and
 * refuses writes from another site (CSRF, also login CSRF on sign-in and sign-up forms): a write
 * naming a foreign Origin (else Referer) is refused; a cookie-authenticated write, or one without
 * a Bearer token whose body an HTML form can send, must name ours. Ours: the public URL's origin, the origin of a host
 * in ALLOWED_HOSTS, and the request's own origin (a browser's cross-site request carries the
 * shop's Host but the other site's Origin, so that never matches; the host guard has vetted Host).
 * A token marked "must change password" opens only routes configured `allowWithPendingPasswordChange`;
 * everything else answers 403 PASSWORD_CHANGE_REQUIRED.
 */
export const authPlugin = fp<{
  tokens: AccessTokens;
  isRevoked: RevocationCheck;
  /** Told of every accepted actor, for the session's "last used" (it decides how often to write). */
  sessionUsed?: (actor: Actor) => Promise<void>;
  publicUrl: string | undefined;
  allowedHosts?: readonly string[] | undefined;
  now?: () => Date;
}>(
  async (app: FastifyInstance, opts) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('accessContext', null as unknown as AccessContext);
    app.decorate('authenticate', async (req: FastifyRequest) => {
      if (!req.actor) throw new UnauthorizedError();
    });
    const trusted = originOf(opts.publicUrl);
    const allowed = new Set(opts.allowedHosts ?? []);
    const ours = (req: FastifyRequest, from: string) => {
      if (from === trusted || from === originOf(`${req.protocol}://${req.host}`)) return true;
      if (from === 'null') return false;
      const { host, hostname } = new URL(from);
      return allowed.has(host) || allowed.has(hostname);
    };

    app.addHook('onRequest', async (req) => {
      req.accessContext = { ip: req.ip, time: opts.now?.() ?? new Date() };
      if (req.routeOptions.config.serverToServer) return;
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const cookies = req.cookies ?? {};
      const usesCookies = !bearer && (cookies[ACCESS_COOKIE] !== undefined || cookies[REFRESH_COOKIE] !== undefined);
      if (UNSAFE.has(req.method)) {
        const from = sourceOf(req);
        // A Bearer token is never attached by a browser on its own, so such a call needs no proof.
        const mustProve = usesCookies || (!bearer && CROSS_SITE_POSTABLE.test(req.headers['content-type'] ?? ''));
        if (from ? !ours(req, from) : mustProve) {
          throw new AppError('CSRF_REJECTED', 403, 'This request did not come from the shop’s own pages.');
        }
      }
      const token = bearer ?? cookies[ACCESS_COOKIE];
      if (!token) return;
      const actor = await opts.tokens.verify(token);
      if (!actor || (await opts.isRevoked(actor))) return;
      req.actor = actor;
      if (opts.sessionUsed) {
        // "Last used" is bookkeeping: a failure to note it must not fail the request.
        await opts.sessionUsed(actor).catch((err: unknown) => req.log.warn({ err }, 'could not note the session as used'));
      }
      if (actor.mustChangePassword && !req.routeOptions.config.allowWithPendingPasswordChange) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 403, 'Change the generated password of this account before anything else.');
      }
    });
  },
  { name: 'shop-auth' },
);
