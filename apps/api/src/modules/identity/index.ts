// The identity module's public surface: the only file other modules may import.
import { memoryCounter, redisCounter } from '../../platform/counters.js';
import type { ModuleContext, ModuleParts } from '../../platform/module.js';
import { identityAdminRoutes } from './admin.routes.js';
import { identityRoutes } from './identity.routes.js';
import { passwordResetMailHandler } from './identity.service.js';
import type { IdentityDeps } from './identity.types.js';

// Private: identity.tables.ts, identity.repo.ts, passwords.ts, tokens.ts, mappers, cookies.

/** Dependencies every identity use case takes (database, clock, token signer, revocation list, config). */
export type { IdentityDeps, IssuedSession, RequestMeta, Revocations } from './identity.types.js';

/**
 * The revocation list: `redisRevocations` when REDIS_URL is set (keys live as long as an access
 * token), else `postgresRevocations` (the sessions table; one indexed lookup per request).
 * `isRevoked` is what platform/auth.ts asks on every authenticated request.
 */
export { postgresRevocations, redisRevocations } from './revocations.js';

/**
 * Creates the first admin (ADMIN_EMAIL/ADMIN_PASSWORD, or a generated password returned once)
 * when no admin exists. Safe to call from several processes at start.
 */
export { ensureAdmin } from './bootstrap.js';

/** The auth plugin's `sessionUsed`: keeps each session's "last used" current, writing at most once a minute per session. */
export { sessionActivity } from './session-activity.js';

/**
 * For another module's route that creates an account (orders: a guest's account from their order):
 * after `register`, `setSessionCookies(deps, req, reply, issued)` signs the browser in as
 * `/auth/register` does, `requestMeta(req)` is register's `meta`, and `toMe(user, requireVerified)`
 * is the `user` of its answer.
 */
export { requestMeta, setSessionCookies } from './cookies.js';
export { toMe } from './identity.mappers.js';

/** Use cases, each `(deps, input)`; access checks happen inside through `authorize`. */
export { changePassword, forgotPassword, getMe, login, logout, refresh, register, resetPassword, verifyEmail } from './identity.service.js';

/**
 * The module for modules.ts. Routes: `/api/auth/*`, `/api/users/:userId/{profile,password,sessions,addresses}`
 * and `/api/admin/{users,policies}`, with the auth routes' tighter limit (`config.rateLimit.authPerMinute`,
 * per IP and per account; the per-account counts are shared through Redis when there is one).
 * Outbox handler: `password_reset.requested` (queued by `forgotPassword`, whatever the address)
 * mails the reset link when the address has an active account; links start with `config.http.publicUrl`.
 */
export function identityModule(ctx: ModuleContext): ModuleParts {
  const { config } = ctx;
  const deps = (): IdentityDeps => {
    if (!ctx.tokens) throw new Error('identity routes need ctx.tokens (the access-token signer)');
    return { db: ctx.db, clock: ctx.clock, tokens: ctx.tokens, revocations: ctx.revocations, config };
  };
  const counter = ctx.redis ? redisCounter(ctx.redis) : memoryCounter();
  return {
    name: 'identity',
    routes: [
      async (api) => {
        await api.register(identityRoutes, { deps: deps(), authPerMinute: config.rateLimit.authPerMinute, counter });
      },
      async (api) => {
        await api.register(identityAdminRoutes, { deps: deps() });
      },
    ],
    eventHandlers: [passwordResetMailHandler(config)],
    jobs: [],
  };
}
export { IdentityEvents, type PasswordResetRequestedPayload } from './identity.events.js';

/**
 * Email and display name per user id (ids that do not exist are left out), for staff-facing logs
 * that name who did what. No access check: callers show it only to staff who may read that log.
 */
export { userLabels } from './labels.repo.js';

/** `userStatus(db | tx, userId)`: 'active', 'disabled', or undefined for no such user (checkout checks the buyer's account in its transaction). */
export { userStatus } from './labels.repo.js';
