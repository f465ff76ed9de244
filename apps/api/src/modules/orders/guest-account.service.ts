// A guest turns into a member from their order: an account for the order's buyer e-mail, made by
// identity's registration, with this order attached in the same transaction.
import type { GuestAccountBody } from '@shop/contracts/orders';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { register, type IdentityDeps, type RequestMeta } from '../identity/index.js';
import { verifyOrderToken } from './order-links.js';
import type { OrdersDeps } from './orders.service.js';
import * as repo from './orders.repo.js';

const notFound = (id?: string) => new NotFoundError('order', id, 'ORDER_NOT_FOUND');
const hasAccount = () => new ConflictError('ORDER_HAS_ACCOUNT', 'This order already belongs to an account; sign in to see it.');

/**
 * Creates the account of a guest order's buyer, reached only through the order's signed token (a
 * missing, bad or other order's token: 404 ORDER_NOT_FOUND, as for reading it). The account is the
 * one `/auth/register` makes (password rules, argon2id, verification mail, a session) for the
 * buyer's e-mail on the order, named after the buyer unless a name is given. Only this order is
 * attached: other guest orders with the same address stay guest orders, as nothing here proves
 * the caller placed them. An existing account for that e-mail answers 409 EMAIL_TAKEN, as
 * registering does; an order that already has an account, 409 ORDER_HAS_ACCOUNT. Account and
 * attachment commit together or not at all.
 */
export async function createAccountFromOrder(
  deps: Pick<OrdersDeps, 'db' | 'clock' | 'linkKey'>,
  identity: IdentityDeps,
  call: { orderId: string; token: string | undefined; body: GuestAccountBody; meta: RequestMeta },
) {
  const named = call.token && deps.linkKey ? await verifyOrderToken(deps.linkKey, call.token, deps.clock.now()) : null;
  const row = named === call.orderId ? await repo.findOrder(deps.db, call.orderId) : undefined;
  if (!row) throw notFound(call.orderId);
  if (row.userId) throw hasAccount();
  const buyer = (await repo.addressesOf(deps.db, row.id)).find((a) => a.role === 'buyer');
  if (!buyer?.email) throw notFound(call.orderId);
  const { user, issued } = await register(
    identity,
    {
      email: buyer.email,
      password: call.body.password,
      displayName: call.body.displayName ?? (buyer.name.trim().slice(0, 60) || buyer.email.split('@')[0]!),
      locale: call.body.locale ?? row.locale,
      meta: call.meta,
    },
    async (tx, created) => {
      if (!(await repo.attachToUser(tx, { id: row.id, userId: created.id, now: deps.clock.now() }))) throw hasAccount();
    },
  );
  return { user, issued, orderId: row.id };
}
