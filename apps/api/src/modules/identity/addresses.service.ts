import type { AddressInput } from '@shop/contracts/identity';
import { authorize, type AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth.js';
import { NotFoundError } from '../../platform/errors.js';
import { withTx } from '../../platform/tx.js';
import * as repo from './identity.repo.js';
import { resolveUserId } from './identity.service.js';
import type { IdentityDeps } from './identity.types.js';

const notFound = (id: string) => new NotFoundError('address', id, 'ADDRESS_NOT_FOUND');

/** An address of `userId` that the actor may act on; anything else is 404. */
async function loadAddress(
  deps: IdentityDeps,
  actor: Actor | null,
  context: AccessContext,
  userId: string,
  id: string,
  action: 'read' | 'update' | 'delete',
) {
  const owner = resolveUserId(actor, userId);
  const row = await repo.findAddress(deps.db, id);
  await authorize(deps.db, { actor, context, action, resource: { type: 'address', id, ownerId: row?.userId }, hideAs404: true });
  if (!row || row.userId !== owner) throw notFound(id);
  return row;
}

export async function listAddresses(deps: IdentityDeps, input: { actor: Actor | null; context: AccessContext; userId: string }) {
  const owner = resolveUserId(input.actor, input.userId);
  await authorize(deps.db, {
    actor: input.actor,
    context: input.context,
    action: 'read',
    resource: { type: 'address', ownerId: owner },
    hideAs404: true,
  });
  return repo.listAddresses(deps.db, owner);
}

export async function getAddress(
  deps: IdentityDeps,
  input: { actor: Actor | null; context: AccessContext; userId: string; addressId: string },
) {
  return loadAddress(deps, input.actor, input.context, input.userId, input.addressId, 'read');
}

/** Adds an address; the first one, or one marked default, becomes the only default. */
export async function createAddress(
  deps: IdentityDeps,
  input: { actor: Actor | null; context: AccessContext; userId: string; address: AddressInput },
) {
  const owner = resolveUserId(input.actor, input.userId);
  await authorize(deps.db, {
    actor: input.actor,
    context: input.context,
    action: 'create',
    resource: { type: 'address', ownerId: owner },
    hideAs404: true,
  });
  if (!(await repo.findUserById(deps.db, owner))) throw new NotFoundError('user', owner, 'USER_NOT_FOUND');
  return withTx(deps.db, async (tx) => {
    const first = (await repo.countAddresses(tx, owner)) === 0;
    const isDefault = first || input.address.isDefault;
    if (isDefault) await repo.clearDefaultAddress(tx, owner);
    return repo.insertAddress(tx, owner, { ...input.address, isDefault });
  });
}

export async function updateAddress(
  deps: IdentityDeps,
  input: { actor: Actor | null; context: AccessContext; userId: string; addressId: string; address: AddressInput },
) {
  const current = await loadAddress(deps, input.actor, input.context, input.userId, input.addressId, 'update');
  return withTx(deps.db, async (tx) => {
    // The default moves only by choosing another one, so there is always one while any exist.
    const isDefault = current.isDefault || input.address.isDefault;
    if (isDefault && !current.isDefault) await repo.clearDefaultAddress(tx, current.userId);
    const row = await repo.updateAddress(tx, current.id, { ...input.address, isDefault });
    if (!row) throw notFound(current.id);
    return row;
  });
}

export async function deleteAddress(
  deps: IdentityDeps,
  input: { actor: Actor | null; context: AccessContext; userId: string; addressId: string },
) {
  const current = await loadAddress(deps, input.actor, input.context, input.userId, input.addressId, 'delete');
  await withTx(deps.db, async (tx) => {
    const removed = await repo.deleteAddress(tx, current.id);
    if (removed?.isDefault) await repo.promoteOldestAddress(tx, current.userId);
  });
}
