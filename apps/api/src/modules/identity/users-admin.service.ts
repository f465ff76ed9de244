import type { AdminSection } from '@shop/contracts/admin';
import type { Role } from '@shop/contracts/identity';
import { authorize, decideEach, subjectOf, type AccessContext, type ConcreteAction } from '../../platform/access.js';
import type { Actor } from '../../platform/auth.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { withTx } from '../../platform/tx.js';
import * as repo from './identity.repo.js';
import type { IdentityDeps } from './identity.types.js';

async function target(deps: IdentityDeps, actor: Actor | null, context: AccessContext, userId: string, action: 'read' | 'update') {
  await authorize(deps.db, { actor, context, action, resource: { type: 'user', id: userId } });
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new NotFoundError('user', userId, 'USER_NOT_FOUND');
  return user;
}

export async function listUsers(
  deps: IdentityDeps,
  input: {
    actor: Actor | null;
    context: AccessContext;
    q?: string | undefined;
    role?: Role | undefined;
    status?: 'active' | 'disabled' | undefined;
    page: number;
    pageSize: number;
  },
) {
  await authorize(deps.db, { actor: input.actor, context: input.context, action: 'read', resource: { type: 'user' } });
  return repo.listUsers(deps.db, input);
}

export async function getUser(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string }) {
  return target(deps, input.actor, input.context, input.userId, 'read');
}

export async function userLoginLog(
  deps: IdentityDeps,
  input: { actor: Actor | null; context: AccessContext; userId: string; page: number; pageSize: number },
) {
  await target(deps, input.actor, input.context, input.userId, 'read');
  return repo.listLoginLog(deps.db, input.userId, input.page, input.pageSize);
}

export async function grantRole(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string; role: Role }) {
  const user = await target(deps, input.actor, input.context, input.userId, 'update');
  if (user.roles.includes(input.role)) return user;
  return (await repo.updateUser(deps.db, user.id, { roles: [...user.roles, input.role] }))!;
}

/** Takes a role away and ends the user's sessions, so it takes effect at once. The shop always keeps one active admin. */
export async function revokeRole(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string; role: Role }) {
  const user = await target(deps, input.actor, input.context, input.userId, 'update');
  if (!user.roles.includes(input.role)) return user;
  if (input.role === 'admin' && user.status === 'active' && (await repo.countActiveAdmins(deps.db)) <= 1) {
    throw new ConflictError('LAST_ADMIN', 'This is the last active admin; make someone else admin first.');
  }
  // Taking a privilege away must not wait for the access token to expire: the user signs in again.
  const { row, ended } = await withTx(deps.db, async (tx) => {
    const row = (await repo.updateUser(tx, user.id, { roles: user.roles.filter((r) => r !== input.role) }))!;
    const ended = await repo.revokeUserSessions(tx, user.id, 'role_revoked');
    return { row, ended };
  });
  await deps.revocations.sessionsEnded(ended);
  return row;
}

/** Disables an account: its sessions end and its access tokens stop working at the next request. */
export async function disableUser(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string }) {
  const user = await target(deps, input.actor, input.context, input.userId, 'update');
  if (user.id === input.actor?.userId) throw new ConflictError('CANNOT_DISABLE_SELF', 'You cannot disable your own account.');
  if (user.status === 'disabled') return user;
  const { row, ended } = await withTx(deps.db, async (tx) => {
    const row = (await repo.updateUser(tx, user.id, { status: 'disabled' }))!;
    const ended = await repo.revokeUserSessions(tx, user.id, 'account_disabled');
    return { row, ended };
  });
  await deps.revocations.userDisabled(user.id);
  await deps.revocations.sessionsEnded(ended);
  return row;
}

export async function enableUser(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string }) {
  const user = await target(deps, input.actor, input.context, input.userId, 'update');
  if (user.status === 'active') return user;
  const row = (await repo.updateUser(deps.db, user.id, { status: 'active' }))!;
  await deps.revocations.userEnabled(user.id);
  return row;
}

/** Lifts a sign-in lockout (and forgets earlier wrong passwords) before its ten minutes are up. */
export async function unlockUser(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string }) {
  const user = await target(deps, input.actor, input.context, input.userId, 'update');
  return (await repo.clearLockout(deps.db, user.id)) ?? user;
}

/**
 * What each console section needs: the check its page's first API call makes. The review queue
 * is for approving, so it needs `approve` although reading the queue needs only `read`.
 */
const SECTION_NEEDS: ReadonlyArray<readonly [AdminSection, ConcreteAction, string]> = [
  ['orders', 'read', 'order'],
  ['users', 'read', 'user'],
  ['products', 'read', 'product'],
  ['review', 'approve', 'product'],
  ['categories', 'read', 'category'],
  ['brands', 'read', 'brand'],
  ['attributes', 'read', 'attribute'],
  ['stock', 'read', 'stock'],
  ['promotions', 'read', 'promotion'],
  ['shipping', 'read', 'shipping_method'],
  ['store', 'read', 'store_settings'],
  ['policies', 'admin', 'policy'],
  ['mailbox', 'read', 'mailbox'],
  ['outbox', 'admin', 'outbox'],
];

/** The console sections the caller may use, asked of the access policies as each section's own routes ask. */
export async function consoleSections(deps: IdentityDeps, input: { actor: Actor; context: AccessContext }): Promise<AdminSection[]> {
  const decisions = await decideEach(deps.db, {
    subject: subjectOf(input.actor),
    context: input.context,
    asks: SECTION_NEEDS.map(([, action, type]) => ({ action, resource: { type } })),
  });
  return SECTION_NEEDS.filter((_, i) => decisions[i]!.decision === 'allow').map(([section]) => section);
}
