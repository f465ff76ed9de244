import { PASSWORD_RESET_MINUTES, type ChangePasswordBody, type ProfileUpdateBody, type RegisterBody } from '@shop/contracts/identity';
import type { Config } from '../../config.js';
import type { Tx } from '../../db/client.js';
import { uniqueViolation } from '../../db/pg.js';
import { authorize, type AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth.js';
import { appendEvent, defineHandler } from '../../platform/events.js';
import type { EventHandler } from '../../platform/outbox.js';
import { AppError, ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../platform/errors.js';
import { withTx } from '../../platform/tx.js';
import { queueEmail } from '../notifications/index.js';
import { IdentityEvents } from './identity.events.js';
import * as repo from './identity.repo.js';
import type { IdentityDeps, IssuedSession, RequestMeta } from './identity.types.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword, weakPasswordReason } from './passwords.js';
import { newOpaqueToken, tokenHash } from './tokens.js';

const LOCK_MINUTES = 10;
const VERIFY_TOKEN_HOURS = 48;
const RESET_TOKEN_MINUTES = PASSWORD_RESET_MINUTES;
/**
 * A refresh token used again within this window is two tabs (or a preload and a click) refreshing
 * at once, not theft: both get tokens. Later reuse ends the session family.
 */
const REFRESH_REUSE_GRACE_MS = 10_000;

/**
 * A sign-in refused because five wrong passwords in a row locked the account (or, alike, an
 * identifier that names no account): says for how long, with `retryAfter` seconds.
 */
export class AccountLockedError extends AppError {
  constructor(readonly retryAfterSec: number) {
    super('ACCOUNT_LOCKED', 423, `Too many wrong passwords: sign-in is locked for ${Math.ceil(retryAfterSec / 60)} more minutes.`, {
      retryAfter: retryAfterSec,
    });
  }
}

const lockedError = (until: Date, now: Date) => new AccountLockedError(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));

/** The one answer to every failed login (no account enumeration). */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super('AUTH_INVALID_CREDENTIALS', 401, 'The email/phone or password is not right, or the account cannot sign in now.');
  }
}

function assertStrong(password: string, field: string, email?: string) {
  const reason = weakPasswordReason(password, { email });
  if (reason) throw new ValidationError([{ path: `body.${field}`, message: reason, code: 'password_too_common' }]);
}

/** What an access token carries for `user` in session `sessionId`. */
function actorOf(user: repo.UserRow, sessionId: string): Actor {
  return { userId: user.id, roles: user.roles, sessionId, mustChangePassword: user.mustChangePassword };
}

/** Refuses a new password equal to the one it replaces (400, field `newPassword`). */
function unchanged(): ValidationError {
  return new ValidationError([
    { path: 'body.newPassword', message: 'The new password is the same as the current one.', code: 'password_unchanged' },
  ]);
}

async function startSession(
  deps: IdentityDeps,
  tx: Tx,
  user: repo.UserRow,
  meta: Pick<RequestMeta, 'ip' | 'userAgent'>,
): Promise<IssuedSession> {
  const now = deps.clock.now();
  const refreshExpiresAt = new Date(now.getTime() + deps.config.auth.refreshTokenTtlDays * 86_400_000);
  const session = await repo.insertSession(tx, { userId: user.id, userAgent: meta.userAgent, ip: meta.ip, expiresAt: refreshExpiresAt });
  const refreshToken = newOpaqueToken();
  await repo.insertRefreshToken(tx, session.id, tokenHash(refreshToken));
  const accessToken = await deps.tokens.sign(actorOf(user, session.id));
  return { userId: user.id, accessToken, refreshToken, refreshExpiresAt };
}

/** A link in a mail: always on the configured public URL, never on the host a request named. */
function link(config: Pick<Config, 'http'>, path: string, token: string): string {
  return `${config.http.publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

async function queueVerification(deps: IdentityDeps, tx: Tx, user: repo.UserRow) {
  const token = newOpaqueToken();
  const expiresAt = new Date(deps.clock.now().getTime() + VERIFY_TOKEN_HOURS * 3_600_000);
  await repo.insertEmailToken(tx, { userId: user.id, purpose: 'verify_email', tokenHash: tokenHash(token), expiresAt });
  await queueEmail(tx, {
    to: user.email,
    template: 'verify_email',
    locale: user.locale,
    params: { displayName: user.displayName, link: link(deps.config, '/verify-email', token) },
  });
}

/**
 * Creates a customer account, signs it in, and mails a verification link, atomically. `alsoInTx`
 * (another module's write that belongs with the new account, e.g. orders attaching the order it
 * was created from) runs in the same transaction right after the user row: it commits with the
 * account or not at all, and must be safe to run again (the transaction may be retried).
 */
export async function register(
  deps: IdentityDeps,
  input: RegisterBody & { meta: RequestMeta },
  alsoInTx?: (tx: Tx, user: { id: string; email: string }) => Promise<void>,
) {
  assertStrong(input.password, 'password', input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTx(deps.db, async (tx) => {
      const user = await repo.insertUser(tx, {
        email: input.email,
        phone: input.phone ?? null,
        displayName: input.displayName,
        passwordHash,
        locale: input.locale ?? 'zh-TW',
      });
      if (alsoInTx) await alsoInTx(tx, { id: user.id, email: user.email });
      await queueVerification(deps, tx, user);
      const issued = await startSession(deps, tx, user, input.meta);
      await repo.insertLoginLog(tx, {
        userId: user.id,
        identifier: input.email,
        ip: input.meta.ip,
        userAgent: input.meta.userAgent,
        outcome: 'success',
        reason: 'registered',
        at: deps.clock.now(),
      });
      return { user, issued };
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'users_email_lower_uq') throw new ConflictError('EMAIL_TAKEN', 'An account with this email already exists.');
    if (constraint === 'users_phone_uq') throw new ConflictError('PHONE_TAKEN', 'An account with this phone number already exists.');
    throw err;
  }
}

/**
 * Signs in by email or phone. Unknown account, wrong password and disabled all answer
 * AUTH_INVALID_CREDENTIALS after the same password check; the login log keeps the real reason.
 * Five wrong passwords in a row lock the account for ten minutes: the fifth and every attempt
 * until then answer ACCOUNT_LOCKED (423) with the time left, whatever the password. An identifier
 * that names no account locks alike after five attempts, so the lockout tells nobody which
 * addresses have accounts.
 */
export async function login(deps: IdentityDeps, input: { identifier: string; password: string; meta: RequestMeta }) {
  const now = deps.clock.now();
  const user = await repo.findUserByIdentifier(deps.db, input.identifier);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const log = (outcome: 'success' | 'failure', reason: string | null) =>
    repo.insertLoginLog(deps.db, {
      userId: user?.id ?? null,
      identifier: input.identifier,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      outcome,
      reason,
      at: now,
    });

  if (!user) {
    const { lockedUntil, failures } = await repo.unknownIdentifierLockout(deps.db, input.identifier, LOCK_MINUTES * 60_000);
    if (lockedUntil && lockedUntil > now) {
      await log('failure', 'locked');
      throw lockedError(lockedUntil, now);
    }
    await log('failure', 'unknown_account');
    if (failures + 1 >= repo.LOCK_AFTER_FAILURES) throw lockedError(new Date(now.getTime() + LOCK_MINUTES * 60_000), now);
    throw new InvalidCredentialsError();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await log('failure', 'locked');
    throw lockedError(user.lockedUntil, now);
  }
  if (!ok) {
    const lockedUntil = await repo.recordLoginFailure(deps.db, user.id, new Date(now.getTime() + LOCK_MINUTES * 60_000));
    await log('failure', 'bad_credentials');
    // The failure that locks says so at once.
    if (lockedUntil && lockedUntil > now) throw lockedError(lockedUntil, now);
    throw new InvalidCredentialsError();
  }
  if (user.status !== 'active') {
    await log('failure', 'disabled');
    throw new InvalidCredentialsError();
  }
  const rehash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : undefined;
  const issued = await withTx(deps.db, async (tx) => {
    await repo.recordLoginSuccess(tx, user.id, now, rehash);
    await repo.insertLoginLog(tx, {
      userId: user.id,
      identifier: input.identifier,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      outcome: 'success',
      reason: null,
      at: now,
    });
    return startSession(deps, tx, user, input.meta);
  });
  return { user, issued };
}

/**
 * Trades a refresh token for a new pair. A token presented a second time (reuse: it was stolen,
 * or replayed) ends its whole session family.
 */
export async function refresh(deps: IdentityDeps, input: { refreshToken: string | undefined; meta: RequestMeta }) {
  if (!input.refreshToken) throw new UnauthorizedError();
  const found = await repo.findRefreshToken(deps.db, tokenHash(input.refreshToken));
  if (!found) throw new UnauthorizedError();
  const { token, session, user } = found;
  const now = deps.clock.now();
  const graceSince = new Date(now.getTime() - REFRESH_REUSE_GRACE_MS);
  if (token.rotatedAt && token.rotatedAt < graceSince) {
    if (await repo.revokeSession(deps.db, session.id, 'refresh_token_reuse')) await deps.revocations.sessionsEnded([session.id]);
    throw new UnauthorizedError('This sign-in has ended. Sign in again.', 'AUTH_UNAUTHORIZED');
  }
  if (session.revokedAt || session.expiresAt <= now || user.status !== 'active') throw new UnauthorizedError();

  const result = await withTx(deps.db, async (tx) => {
    if (!(await repo.rotateRefreshToken(tx, token.id, now, graceSince))) return undefined; // its grace ran out meanwhile
    const refreshToken = newOpaqueToken();
    await repo.insertRefreshToken(tx, session.id, tokenHash(refreshToken));
    await repo.touchSession(tx, session.id, input.meta.ip, now);
    const accessToken = await deps.tokens.sign(actorOf(user, session.id));
    return { user, issued: { userId: user.id, accessToken, refreshToken, refreshExpiresAt: session.expiresAt } };
  });
  if (!result) {
    if (await repo.revokeSession(deps.db, session.id, 'refresh_token_reuse')) await deps.revocations.sessionsEnded([session.id]);
    throw new UnauthorizedError();
  }
  return result;
}

/** Ends the caller's session: the one of the access token, else the one of the refresh token. */
export async function logout(deps: IdentityDeps, input: { actor: Actor | null; refreshToken: string | undefined }) {
  let sessionId = input.actor?.sessionId;
  if (!sessionId && input.refreshToken) sessionId = (await repo.findRefreshToken(deps.db, tokenHash(input.refreshToken)))?.session.id;
  if (!sessionId) return;
  if (await repo.revokeSession(deps.db, sessionId, 'logout')) await deps.revocations.sessionsEnded([sessionId]);
}

export async function logoutEverywhere(deps: IdentityDeps, input: { actor: Actor }) {
  const ids = await repo.revokeUserSessions(deps.db, input.actor.userId, 'logout_all');
  await deps.revocations.sessionsEnded(ids);
}

async function loadUser(deps: IdentityDeps, id: string) {
  const user = await repo.findUserById(deps.db, id);
  if (!user) throw new NotFoundError('user', id, 'USER_NOT_FOUND');
  return user;
}

export async function getMe(deps: IdentityDeps, input: { actor: Actor | null }) {
  if (!input.actor) throw new UnauthorizedError();
  return loadUser(deps, input.actor.userId);
}

/** `me` in a path is the signed-in user (401 when nobody is); any other id is taken as given. */
export function resolveUserId(actor: Actor | null, userId: string): string {
  if (userId !== 'me') return userId;
  if (!actor) throw new UnauthorizedError();
  return actor.userId;
}

/** A profile is the owner's (or staff's, by policy); someone else's answers 404. */
export async function getProfile(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string }) {
  const userId = resolveUserId(input.actor, input.userId);
  await authorize(deps.db, {
    actor: input.actor,
    context: input.context,
    action: 'read',
    resource: { type: 'profile', id: userId, ownerId: userId },
    hideAs404: true,
  });
  return loadUser(deps, userId);
}

export async function updateProfile(
  deps: IdentityDeps,
  input: { actor: Actor | null; context: AccessContext; userId: string; changes: ProfileUpdateBody },
) {
  const userId = resolveUserId(input.actor, input.userId);
  await authorize(deps.db, {
    actor: input.actor,
    context: input.context,
    action: 'update',
    resource: { type: 'profile', id: userId, ownerId: userId },
    hideAs404: true,
  });
  try {
    const row = await repo.updateUser(deps.db, userId, input.changes);
    if (!row) throw new NotFoundError('user', userId, 'USER_NOT_FOUND');
    return row;
  } catch (err) {
    if (uniqueViolation(err) === 'users_phone_uq') {
      throw new ValidationError([{ path: 'body.phone', message: 'Another account uses this phone number.', code: 'phone_taken' }]);
    }
    throw err;
  }
}

/**
 * Re-checks the current password, sets the new one (refusing the same one again), clears a pending
 * "must change password" and signs out every other session. Returns a new access token for this
 * session, since the old one may still carry the pending change.
 */
export async function changePassword(
  deps: IdentityDeps,
  input: { actor: Actor | null } & ChangePasswordBody,
): Promise<{ accessToken: string }> {
  const user = await getMe(deps, input);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError([{ path: 'body.currentPassword', message: 'The current password is not right.', code: 'password_mismatch' }]);
  }
  // The current password was just verified, so comparing the texts is comparing with the stored hash.
  if (input.newPassword === input.currentPassword) throw unchanged();
  assertStrong(input.newPassword, 'newPassword', user.email);
  const passwordHash = await hashPassword(input.newPassword);
  const { ended, row } = await withTx(deps.db, async (tx) => {
    const row = (await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false }))!;
    await queueEmail(tx, { to: user.email, template: 'password_changed', locale: user.locale, params: { displayName: user.displayName } });
    return { row, ended: await repo.revokeUserSessions(tx, user.id, 'password_changed', input.actor!.sessionId) };
  });
  await deps.revocations.sessionsEnded(ended);
  return { accessToken: await deps.tokens.sign(actorOf(row, input.actor!.sessionId)) };
}

/**
 * Asks for a reset link. The request only queues `password_reset.requested`, the same
 * work for every address, so neither the answer nor its timing tells whether an account exists;
 * the outbox handler below looks the address up and mails the link.
 */
export async function forgotPassword(deps: IdentityDeps, input: { email: string }) {
  const payload = { email: input.email, requestedAt: deps.clock.now().toISOString() };
  await withTx(deps.db, (tx) =>
    appendEvent(tx, IdentityEvents.passwordResetRequested, { aggregateId: input.email.toLowerCase(), payload }),
  );
}

/**
 * Handles `password_reset.requested`: when the address belongs to an active account,
 * stores a one-time token (valid an hour from the request) and queues the mail with its link, in
 * the handler's transaction (once per event).
 */
export function passwordResetMailHandler(config: Pick<Config, 'http'>): EventHandler {
  return defineHandler({
    name: 'identity.password-reset-mail',
    events: [IdentityEvents.passwordResetRequested],
    async handle(tx, { email, requestedAt }) {
      const user = await repo.findUserByEmail(tx, email);
      if (!user || user.status !== 'active') return;
      const token = newOpaqueToken();
      const expiresAt = new Date(new Date(requestedAt).getTime() + RESET_TOKEN_MINUTES * 60_000);
      await repo.insertEmailToken(tx, { userId: user.id, purpose: 'reset_password', tokenHash: tokenHash(token), expiresAt });
      await queueEmail(tx, {
        to: user.email,
        template: 'reset_password',
        locale: user.locale,
        params: { displayName: user.displayName, link: link(config, '/reset-password', token) },
      });
    },
  });
}

const tokenInvalid = () => new AppError('TOKEN_INVALID', 400, 'This link is used, expired or unknown. Ask for a new one.');

/** Sets a new password with a one-time emailed token and ends every session of the account. */
export async function resetPassword(deps: IdentityDeps, input: { token: string; newPassword: string }) {
  const now = deps.clock.now();
  const ended = await withTx(deps.db, async (tx) => {
    const userId = await repo.consumeEmailToken(tx, 'reset_password', tokenHash(input.token), now);
    if (!userId) throw tokenInvalid();
    const user = (await repo.findUserById(tx, userId))!;
    assertStrong(input.newPassword, 'newPassword', user.email);
    // Refused before the token is spent: the transaction rolls back and the link still works.
    if (await verifyPassword(user.passwordHash, input.newPassword)) throw unchanged();
    await repo.updateUser(tx, userId, { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false });
    // Whoever reset the password holds the mailbox: the lockout of the old password's guesses ends.
    await repo.clearLockout(tx, userId);
    // Proving access to the mailbox also proves the email address.
    if (!user.emailVerifiedAt) await repo.updateUser(tx, userId, { emailVerifiedAt: now });
    await queueEmail(tx, { to: user.email, template: 'password_changed', locale: user.locale, params: { displayName: user.displayName } });
    return repo.revokeUserSessions(tx, userId, 'password_reset');
  });
  await deps.revocations.sessionsEnded(ended);
}

export async function verifyEmail(deps: IdentityDeps, input: { token: string }) {
  const now = deps.clock.now();
  await withTx(deps.db, async (tx) => {
    const userId = await repo.consumeEmailToken(tx, 'verify_email', tokenHash(input.token), now);
    if (!userId) throw tokenInvalid();
    await repo.updateUser(tx, userId, { emailVerifiedAt: now });
  });
}

export async function resendVerification(deps: IdentityDeps, input: { actor: Actor | null }) {
  const user = await getMe(deps, input);
  if (user.emailVerifiedAt) return;
  await withTx(deps.db, (tx) => queueVerification(deps, tx, user));
}

export async function listSessions(deps: IdentityDeps, input: { actor: Actor | null }) {
  if (!input.actor) throw new UnauthorizedError();
  return repo.listLiveSessions(deps.db, input.actor.userId, deps.clock.now());
}

export async function endSession(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; sessionId: string }) {
  const session = await repo.findSession(deps.db, input.sessionId);
  await authorize(deps.db, {
    actor: input.actor,
    context: input.context,
    action: 'delete',
    resource: { type: 'session', id: input.sessionId, ownerId: session?.userId },
    hideAs404: true,
  });
  if (!session) throw new NotFoundError('session', input.sessionId, 'SESSION_NOT_FOUND');
  if (await repo.revokeSession(deps.db, session.id, 'ended_by_user')) await deps.revocations.sessionsEnded([session.id]);
}
