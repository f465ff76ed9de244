// Orders: placing one inside checkout's transaction, the state machine applied with one
// conditional UPDATE per move (history row and event in the same transaction), reads for shoppers
// (their own, or a guest's through a signed link) and staff, staff edits at a version, and the
// sweep that cancels unpaid orders past their deadline.
import type { AdminOrderListQuery, AdminOrderPatch, Order, OrderStatus, PaymentMethod } from '@shop/contracts/orders';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import { authorize, type AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../platform/errors.js';
import { appendEvent } from '../../platform/events.js';
import { withTx } from '../../platform/tx.js';
import { currentSnapshot } from '../catalog/index.js';
import { commit as commitStock, extendReservations, lockStockOf, release as releaseStock } from '../inventory/index.js';
import {
  cancelOpenPayments,
  confirmManualPayment,
  nextActionOf,
  orderIdsByPaymentStatus,
  paymentsOf,
  refundsOf,
  type NextAction,
} from '../payments/index.js';
import { finalize as finalizeUses, lockUsesOf, release as releaseUses } from '../pricing/index.js';
import { signOrderToken, verifyOrderToken } from './order-links.js';
import { formatOrderNumber, userBucket } from './order-number.js';
import { editableByStaff, staffMovesByHand, transitionOf, type OrderActorType } from './order-status.js';
import { OrderCreated } from './orders.events.js';
import * as repo from './orders.repo.js';

export interface OrdersDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'orders'>;
  /** Signs guest order links; undefined where HTTP is not served. */
  linkKey: Uint8Array | undefined;
}

const notFound = (id?: string) => new NotFoundError('order', id, 'ORDER_NOT_FOUND');

// ---------- numbers ----------

/**
 * A new order number for this process (`config.orders.instanceId`) and buyer (null: a guest), in
 * one statement of its own before the checkout's transaction, so no checkout holds the counter.
 * A number is never made twice: the counter moves forward only, and `orders.order_number` is
 * unique besides. 503 ORDER_NUMBER_UNAVAILABLE (Retry-After: 1) when the clock reads a second
 * before one already used (it went back) or the second's 1000 numbers of this bucket are used up;
 * nothing was written, and the same request passes a moment later. A failed checkout leaves a gap.
 */
export async function allocateOrderNumber(deps: Pick<OrdersDeps, 'db' | 'clock' | 'config'>, userId: string | null): Promise<string> {
  const instanceId = deps.config.orders.instanceId;
  const bucket = userBucket(userId);
  const secondNow = () => Math.floor(deps.clock.now().getTime() / 1000);
  let second = secondNow();
  let got = await repo.allocateSequence(deps.db, { instanceId, bucket, second });
  // The clock was read before the statement waited for a connection: when the clock has moved on
  // meanwhile (past the last number's second, or into the next second), that was no refusal of the
  // clock's, and the next second is tried. A clock still behind is refused.
  for (let tries = 0; !got.ok && tries < 2; tries++) {
    const fresh = secondNow();
    if (fresh <= second || fresh < got.lastSecond) break;
    second = fresh;
    got = await repo.allocateSequence(deps.db, { instanceId, bucket, second });
  }
  if (!got.ok) {
    throw new AppError(
      'ORDER_NUMBER_UNAVAILABLE',
      503,
      got.reason === 'clock_behind'
        ? 'The server clock is behind the last order number; try again in a moment.'
        : 'Too many orders this second; try again in a moment.',
      { reason: got.reason, retryAfter: 1 },
    );
  }
  return formatOrderNumber({ second: got.second, instanceId, bucket, seq: got.seq });
}

// ---------- placing ----------

type Named = { 'zh-TW': string; en: string };

export interface NewOrderItem {
  kind: 'normal' | 'gift' | 'add_on';
  variantId: string;
  productId: string;
  sku: string;
  productName: Named;
  options: Array<{ name: Named; value: Named }>;
  imageUrl: string | null;
  quantity: number;
  unitPrice: number;
  lineSubtotal: number;
  lineDiscount: number;
  allocatedOrderDiscount: number;
  lineTotal: number;
  promotionId: string | null;
}

export interface NewOrder {
  id: string;
  orderNumber: string;
  userId: string | null;
  paymentMethod: PaymentMethod;
  needsShipping: boolean;
  shippingMethodId: string | null;
  couponCode: string | null;
  note: string | null;
  marketingOptIn: boolean;
  /** The language the shopper placed the order in. */
  locale: 'zh-TW' | 'en';
  /** A guest's signed order link (`orderToken`), carried by `order.created` for the mail; null for a member. */
  guestLinkToken: string | null;
  totals: { subtotal: number; lineDiscounts: number; orderDiscounts: number; shipping: number; shippingDiscount: number; total: number };
  reservationExpiresAt: Date | null;
  buyer: { name: string; mobile: string; email: string };
  recipient: { name: string; mobile: string } | null;
  address: { zip: string; city: string; district: string; line: string } | null;
  store: { id: string; name: string; address: string; brand: string } | null;
  items: NewOrderItem[];
}

/**
 * Writes a new order in the caller's transaction (after stock and promotion usage: the order comes
 * next in the global lock order): the order as pending_payment, its items each with the id of the
 * product's current snapshot, the buyer, the recipient with the address or the pickup store, the
 * first history row and `order.created`. The caller reserved the stock and redeemed the promotions
 * under the order id, and creates the payment after this.
 */
export async function placeOrder(tx: Tx, input: NewOrder & { now: Date }): Promise<repo.OrderRow> {
  const productIds = [...new Set(input.items.map((i) => i.productId))].sort();
  const snapshots = new Map<string, string>();
  for (const id of productIds) snapshots.set(id, await currentSnapshot(tx, id));
  const t = input.totals;
  const row = await repo.insertOrder(tx, {
    id: input.id,
    orderNumber: input.orderNumber,
    userId: input.userId,
    status: 'pending_payment',
    paymentMethod: input.paymentMethod,
    needsShipping: input.needsShipping,
    shippingMethodId: input.shippingMethodId,
    couponCode: input.couponCode,
    note: input.note,
    marketingOptIn: input.marketingOptIn,
    locale: input.locale,
    subtotalMinor: t.subtotal,
    lineDiscountsMinor: t.lineDiscounts,
    orderDiscountsMinor: t.orderDiscounts,
    shippingMinor: t.shipping,
    shippingDiscountMinor: t.shippingDiscount,
    totalMinor: t.total,
    reservationExpiresAt: input.reservationExpiresAt,
    createdAt: input.now,
    updatedAt: input.now,
  });
  await repo.insertItems(
    tx,
    input.items.map((i, position) => ({
      orderId: input.id,
      position,
      kind: i.kind,
      variantId: i.variantId,
      productId: i.productId,
      snapshotId: snapshots.get(i.productId)!,
      sku: i.sku,
      productName: i.productName,
      options: i.options,
      imageUrl: i.imageUrl,
      quantity: i.quantity,
      unitPriceMinor: i.unitPrice,
      lineSubtotalMinor: i.lineSubtotal,
      lineDiscountMinor: i.lineDiscount,
      allocatedOrderDiscountMinor: i.allocatedOrderDiscount,
      lineTotalMinor: i.lineTotal,
      promotionId: i.promotionId,
    })),
  );
  const addresses: Parameters<typeof repo.insertAddresses>[1] = [
    { orderId: input.id, role: 'buyer', name: input.buyer.name, mobile: input.buyer.mobile, email: input.buyer.email.toLowerCase() },
  ];
  if (input.recipient)
    addresses.push({
      orderId: input.id,
      role: 'recipient',
      name: input.recipient.name,
      mobile: input.recipient.mobile,
      ...(input.address ?? {}),
    });
  if (input.store)
    addresses.push({
      orderId: input.id,
      role: 'store',
      name: input.store.name,
      line: input.store.address,
      storeId: input.store.id,
      brand: input.store.brand,
    });
  await repo.insertAddresses(tx, addresses);
  await repo.insertHistory(tx, {
    orderId: input.id,
    fromStatus: null,
    toStatus: 'pending_payment',
    actorType: input.userId ? 'customer' : 'guest',
    actorId: input.userId,
    reason: null,
    at: input.now,
  });
  await appendEvent(tx, OrderCreated, {
    aggregateId: input.id,
    payload: {
      orderId: input.id,
      orderNumber: input.orderNumber,
      userId: input.userId,
      buyerEmail: input.buyer.email.toLowerCase(),
      total: t.total,
      paymentMethod: input.paymentMethod,
      itemCount: input.items.reduce((n, i) => n + i.quantity, 0),
      locale: input.locale,
      guestLinkToken: input.guestLinkToken,
    },
  });
  return row;
}

// ---------- the state machine ----------

interface Mover {
  type: OrderActorType;
  id: string | null;
}

/**
 * Moves an order `to` a status in the caller's transaction: the table must hold the move for this
 * kind of actor and payment method (else 409 ORDER_INVALID_TRANSITION with `from`/`to`), then the
 * move's effects and one conditional UPDATE (still in the status read, and for `dueBy`, still past
 * its deadline at that time; else someone moved it first: 409 too), a history row and the move's
 * event. A cancellation gives back the stock and the promotion uses and cancels the open payments;
 * a payment makes stock and uses final and marks the payment received.
 *
 * The locks follow the global order: the stock and promotion effects come before the order's UPDATE
 * and the payment's after it. A move that loses a race throws from its UPDATE, and the caller's
 * transaction must roll back (the effects it ran found nothing left to do, or are undone with it).
 */
export async function applyTransition(
  tx: Tx,
  v: { order: repo.OrderRow; to: OrderStatus; actor: Mover; reason: string | null; now: Date; dueBy?: Date },
): Promise<repo.OrderRow> {
  const from = v.order.status;
  const rule = transitionOf(from, v.to, v.order);
  if (!rule || !rule.by.includes(v.actor.type))
    throw new ConflictError('ORDER_INVALID_TRANSITION', `An order cannot go from ${from} to ${v.to} this way.`, { from, to: v.to });
  if (rule.effect === 'release') {
    await releaseStock(tx, { reference: v.order.id, reason: `order ${v.to}`, actorId: v.actor.id });
    await releaseUses(tx, { reference: v.order.id });
  } else if (rule.effect === 'settle' || rule.effect === 'commit') {
    await commitStock(tx, { reference: v.order.id, actorId: v.actor.id });
    await finalizeUses(tx, { reference: v.order.id });
  }
  const moved = await repo.moveStatus(tx, {
    id: v.order.id,
    from,
    to: v.to,
    now: v.now,
    clearExpiry: rule.effect !== null,
    ...(v.dueBy ? { dueBy: v.dueBy } : {}),
  });
  if (!moved) {
    const current = await repo.findOrder(tx, v.order.id);
    throw new ConflictError('ORDER_INVALID_TRANSITION', 'The order changed meanwhile.', { from: current?.status ?? from, to: v.to });
  }
  if (rule.effect === 'release') await cancelOpenPayments(tx, { orderId: v.order.id, now: v.now });
  else if (rule.effect === 'settle' || rule.effect === 'collect') await confirmManualPayment(tx, { orderId: v.order.id, now: v.now });
  await repo.insertHistory(tx, {
    orderId: v.order.id,
    fromStatus: from,
    toStatus: v.to,
    actorType: v.actor.type,
    actorId: v.actor.id,
    reason: v.reason,
    at: v.now,
  });
  await appendEvent(tx, rule.event, {
    aggregateId: v.order.id,
    payload: {
      orderId: v.order.id,
      orderNumber: v.order.orderNumber,
      from,
      to: v.to,
      actorType: v.actor.type,
      actorId: v.actor.id,
      reason: v.reason,
    },
  });
  // Nothing to ship: paying fulfils the order.
  if (v.to === 'paid' && !moved.needsShipping)
    return applyTransition(tx, {
      order: moved,
      to: 'completed',
      actor: { type: 'system', id: null },
      reason: 'fulfilled_on_payment',
      now: v.now,
    });
  return moved;
}

// ---------- views ----------

const iso = (d: Date) => d.toISOString();

/** The whole order as shoppers and staff read it. A plain read. */
export async function orderView(db: Db | Tx, row: repo.OrderRow): Promise<Order> {
  // One after the other: `db` may be a transaction's single connection.
  const items = await repo.itemsOf(db, row.id);
  const addresses = await repo.addressesOf(db, row.id);
  const history = await repo.historyOf(db, row.id);
  const payments = await paymentsOf(db, [row.id]);
  const refunds = await refundsOf(db, { orderId: row.id, payments });
  const buyer = addresses.find((a) => a.role === 'buyer');
  const recipient = addresses.find((a) => a.role === 'recipient');
  const store = addresses.find((a) => a.role === 'store');
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    status: row.status,
    version: row.version,
    currency: 'TWD',
    createdAt: iso(row.createdAt),
    reservationExpiresAt: row.reservationExpiresAt ? iso(row.reservationExpiresAt) : null,
    paymentMethod: row.paymentMethod,
    needsShipping: row.needsShipping,
    shippingMethodId: row.shippingMethodId,
    couponCode: row.couponCode,
    note: row.note,
    marketingOptIn: row.marketingOptIn,
    totals: {
      subtotal: row.subtotalMinor,
      lineDiscounts: row.lineDiscountsMinor,
      orderDiscounts: row.orderDiscountsMinor,
      shipping: row.shippingMinor,
      shippingDiscount: row.shippingDiscountMinor,
      total: row.totalMinor,
    },
    buyer: { name: buyer?.name ?? '', mobile: buyer?.mobile ?? '', email: buyer?.email ?? null },
    recipient: recipient ? { name: recipient.name, mobile: recipient.mobile ?? '', email: null } : null,
    address:
      recipient && recipient.line !== null
        ? { zip: recipient.zip ?? '', city: recipient.city ?? '', district: recipient.district ?? '', line: recipient.line }
        : null,
    store: store ? { id: store.storeId ?? '', name: store.name, address: store.line ?? '', brand: store.brand ?? '' } : null,
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      variantId: i.variantId,
      productId: i.productId,
      snapshotId: i.snapshotId,
      sku: i.sku,
      productName: i.productName,
      options: i.options,
      imageUrl: i.imageUrl,
      quantity: i.quantity,
      unitPrice: i.unitPriceMinor,
      lineSubtotal: i.lineSubtotalMinor,
      lineDiscount: i.lineDiscountMinor,
      allocatedOrderDiscount: i.allocatedOrderDiscountMinor,
      lineTotal: i.lineTotalMinor,
      promotionId: i.promotionId,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      provider: p.provider,
      method: p.method,
      amount: p.amount,
      status: p.status,
      createdAt: iso(p.createdAt),
      ecpayMethod: p.ecpayMethod,
      code: p.code,
      paidAt: p.paidAt ? iso(p.paidAt) : null,
    })),
    refunds: refunds.refunds,
    refundFigures: refunds.figures,
    history: history.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      actorType: h.actorType,
      actorId: h.actorId,
      reason: h.reason,
      at: iso(h.at),
    })),
  };
}

/** The payment's next action of a just-placed order (for checkout's answer). */
export function paymentNextAction(order: Order): NextAction | null {
  const p = order.payments[order.payments.length - 1];
  if (!p) return null;
  return nextActionOf(
    { ...p, orderId: order.id, provider: 'manual', createdAt: new Date(p.createdAt), paidAt: p.paidAt ? new Date(p.paidAt) : null },
    order.orderNumber,
    order.reservationExpiresAt ? new Date(order.reservationExpiresAt) : null,
  );
}

/** A signed link token for a guest's order. */
export async function orderToken(deps: Pick<OrdersDeps, 'linkKey' | 'clock'>, orderId: string): Promise<string> {
  if (!deps.linkKey) throw new Error('order links need the link key (served where HTTP is)');
  return signOrderToken(deps.linkKey, orderId, deps.clock.now());
}

// ---------- shoppers ----------

export interface ShopperCall {
  actor: Actor | null;
  context: AccessContext;
  orderId: string;
  /** A guest's signed link token. */
  token?: string | undefined;
}

/**
 * The order a shopper may reach: with a link token, the one it names (anything else: 404); else the
 * signed-in caller's own (someone else's: 404; nobody signed in: 401), or any for staff allowed
 * to read orders.
 */
async function reach(deps: OrdersDeps, call: ShopperCall, action: 'read' | 'update'): Promise<{ row: repo.OrderRow; mover: Mover }> {
  if (call.token !== undefined) {
    const named = deps.linkKey ? await verifyOrderToken(deps.linkKey, call.token, deps.clock.now()) : null;
    const row = named === call.orderId ? await repo.findOrder(deps.db, call.orderId) : undefined;
    if (!row) throw notFound(call.orderId);
    return { row, mover: { type: row.userId ? 'customer' : 'guest', id: row.userId } };
  }
  if (!call.actor) throw new UnauthorizedError();
  const row = await repo.findOrder(deps.db, call.orderId);
  await authorize(deps.db, {
    actor: call.actor,
    context: call.context,
    action,
    resource: { type: 'order', id: call.orderId, ownerId: row?.userId ?? undefined },
    hideAs404: true,
  });
  if (!row) throw notFound(call.orderId);
  return { row, mover: { type: row.userId === call.actor.userId ? 'customer' : 'staff', id: call.actor.userId } };
}

/**
 * The order a buyer may act on (pay, cancel): the signed-in owner's, a guest's through its link
 * token, or any for staff allowed to update orders; anything else 404 ORDER_NOT_FOUND, nobody 401.
 */
export async function buyerOrder(deps: OrdersDeps, call: ShopperCall): Promise<repo.OrderRow> {
  return (await reach(deps, call, 'update')).row;
}

/** The order's item names as the buyer saw them (zh-TW, with the quantity), in order. A plain read. */
export async function orderItemNames(db: Db | Tx, orderId: string): Promise<string[]> {
  const items = await repo.itemsOf(db, orderId);
  return items.map((i) => {
    const options = i.options.map((o) => o.value['zh-TW']).filter(Boolean);
    return `${i.productName['zh-TW']}${options.length > 0 ? ` (${options.join(', ')})` : ''} x ${i.quantity}`;
  });
}

/**
 * Takes, ahead, the locks a later release of the order's stock and promotion uses would take (stock
 * first, then the uses), changing nothing: for a transaction that moves the order through a status
 * without effects before one that releases them (a failed payment, then the cancellation), so its
 * locks still come in the global order.
 */
export async function lockOrderEffects(tx: Tx, orderId: string): Promise<void> {
  await lockStockOf(tx, orderId);
  await lockUsesOf(tx, orderId);
}

/** The order row locked in `tx` (the order comes before its payments in the lock order). */
export async function lockOrder(tx: Tx, orderId: string): Promise<repo.OrderRow | undefined> {
  return repo.lockOrder(tx, orderId);
}

/**
 * An unpaid order may wait for its money until `until` (an offline payment code's deadline): its
 * deadline and its stock reservations' expiry move there where they are earlier. Only while
 * pending_payment; answers whether the order's deadline moved. In the caller's transaction.
 */
export async function extendPaymentDeadline(tx: Tx, input: { orderId: string; until: Date; now: Date }): Promise<boolean> {
  await extendReservations(tx, { reference: input.orderId, until: input.until });
  const moved = await repo.extendExpiry(tx, { id: input.orderId, until: input.until, now: input.now });
  return moved !== undefined;
}

export async function getOrder(deps: OrdersDeps, call: ShopperCall): Promise<Order> {
  const { row } = await reach(deps, call, 'read');
  return orderView(deps.db, row);
}

export async function listMyOrders(
  deps: OrdersDeps,
  call: { actor: Actor | null; context: AccessContext; status?: OrderStatus | undefined; page: number; pageSize: number },
) {
  if (!call.actor) throw new UnauthorizedError();
  await authorize(deps.db, {
    actor: call.actor,
    context: call.context,
    action: 'read',
    resource: { type: 'order', ownerId: call.actor.userId },
  });
  const { rows, total } = await repo.listOwn(deps.db, {
    userId: call.actor.userId,
    status: call.status,
    page: call.page,
    pageSize: call.pageSize,
  });
  return { items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })), total, page: call.page, pageSize: call.pageSize };
}

/** The buyer cancels an unpaid order: stock and coupon come back. Other statuses: 409 ORDER_INVALID_TRANSITION. */
export async function cancelMyOrder(deps: OrdersDeps, call: ShopperCall & { reason?: string | undefined }): Promise<Order> {
  const { row, mover } = await reach(deps, call, 'update');
  if (row.status !== 'pending_payment')
    throw new ConflictError('ORDER_INVALID_TRANSITION', 'Only an unpaid order can be cancelled here.', {
      from: row.status,
      to: 'cancelled',
    });
  const now = deps.clock.now();
  const moved = await withTx(deps.db, async (tx) =>
    applyTransition(tx, { order: row, to: 'cancelled', actor: mover, reason: call.reason ?? null, now }),
  );
  return orderView(deps.db, moved);
}

/**
 * A guest finds an order by its number with the buyer's e-mail and mobile; the answer carries a
 * link token for it. Any mismatch is 404 ORDER_NOT_FOUND, the same as no such order.
 */
export async function lookupOrder(deps: OrdersDeps, input: { orderNumber: string; email: string; mobile: string }) {
  const row = await repo.findByNumber(deps.db, input.orderNumber);
  const buyer = row ? (await repo.addressesOf(deps.db, row.id)).find((a) => a.role === 'buyer') : undefined;
  if (!row || !buyer || buyer.email !== input.email.trim().toLowerCase() || buyer.mobile !== input.mobile.trim()) throw notFound();
  return { order: await orderView(deps.db, row), token: await orderToken(deps, row.id) };
}

// ---------- staff ----------

interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}

const staffAuthorize = (deps: OrdersDeps, call: StaffCall, action: 'read' | 'update', id?: string) =>
  authorize(deps.db, { actor: call.actor, context: call.context, action, resource: { type: 'order', ...(id ? { id } : {}) } });

export async function adminListOrders(deps: OrdersDeps, call: StaffCall & { query: AdminOrderListQuery }) {
  await staffAuthorize(deps, call, 'read');
  const q = call.query;
  const orderIds = q.paymentStatus ? await orderIdsByPaymentStatus(deps.db, q.paymentStatus) : undefined;
  const { rows, total } = await repo.adminList(deps.db, { ...q, orderIds });
  const payments = await paymentsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const latest = new Map<string, (typeof payments)[number]>();
  for (const p of payments) latest.set(p.orderId, p);
  return {
    items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), paymentStatus: latest.get(r.id)?.status ?? null })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** At most this many rows in one export. */
export const CSV_MAX_ROWS = 10_000;

/** A cell that a spreadsheet would not run as a formula, quoted when it needs to be. */
function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The staff list's filtered orders as CSV (UTF-8 with BOM so spreadsheets read Chinese), up to CSV_MAX_ROWS. */
export async function adminOrdersCsv(
  deps: OrdersDeps,
  call: StaffCall & { query: Omit<AdminOrderListQuery, 'page' | 'pageSize'> },
): Promise<string> {
  const header = [
    'order_number',
    'created_at',
    'status',
    'payment_method',
    'payment_status',
    'total',
    'items',
    'buyer_name',
    'buyer_email',
    'buyer_mobile',
    'shipping_method_id',
  ];
  const lines = [header.join(',')];
  for (let page = 1; (page - 1) * 100 < CSV_MAX_ROWS; page++) {
    const { items } = await adminListOrders(deps, { ...call, query: { ...call.query, page, pageSize: 100 } });
    for (const o of items)
      lines.push(
        [
          o.orderNumber,
          o.createdAt,
          o.status,
          o.paymentMethod,
          o.paymentStatus,
          o.total,
          o.itemCount,
          o.buyerName,
          o.buyerEmail,
          o.buyerMobile,
          o.shippingMethodId,
        ]
          .map(csvCell)
          .join(','),
      );
    if (items.length < 100) break;
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function adminGetOrder(deps: OrdersDeps, call: StaffCall & { orderId: string }): Promise<Order> {
  await staffAuthorize(deps, call, 'read', call.orderId);
  const row = await repo.findOrder(deps.db, call.orderId);
  if (!row) throw notFound(call.orderId);
  return orderView(deps.db, row);
}

/**
 * Staff edit the note, the recipient or the address at the version they read (a newer one: 409
 * VERSION_CONFLICT with `currentVersion`); the recipient and the address only before the parcel
 * leaves (409 ORDER_NOT_EDITABLE), the address only for home delivery.
 */
export async function adminUpdateOrder(deps: OrdersDeps, call: StaffCall & { orderId: string; patch: AdminOrderPatch }): Promise<Order> {
  await staffAuthorize(deps, call, 'update', call.orderId);
  const now = deps.clock.now();
  const p = call.patch;
  const row = await withTx(deps.db, async (tx) => {
    const current = await repo.findOrder(tx, call.orderId);
    if (!current) throw notFound(call.orderId);
    if ((p.recipient || p.address) && !editableByStaff(current.status))
      throw new ConflictError('ORDER_NOT_EDITABLE', 'The recipient and address cannot change once the parcel left.', {
        status: current.status,
      });
    const addresses = await repo.addressesOf(tx, current.id);
    const recipient = addresses.find((a) => a.role === 'recipient');
    if (p.address && (!current.needsShipping || addresses.some((a) => a.role === 'store')))
      throw new ValidationError([{ path: 'address', code: 'not_home_delivery', message: 'This order is not delivered to an address.' }]);
    const updated = await repo.updateAtVersion(tx, { id: current.id, version: p.version, now, note: p.note });
    if (!updated) throw new ConflictError('VERSION_CONFLICT', 'The order changed since you read it.', { currentVersion: current.version });
    if (p.recipient || p.address) {
      await repo.upsertAddress(tx, {
        orderId: current.id,
        role: 'recipient',
        name: p.recipient?.name ?? recipient?.name ?? '',
        mobile: p.recipient?.mobile ?? recipient?.mobile ?? null,
        zip: p.address?.zip ?? recipient?.zip ?? null,
        city: p.address?.city ?? recipient?.city ?? null,
        district: p.address?.district ?? recipient?.district ?? null,
        line: p.address?.line ?? recipient?.line ?? null,
      });
    }
    return updated;
  });
  return orderView(deps.db, row);
}

/** A staff move of the state machine (e.g. paid → preparing_shipment); a cancellation needs a reason. */
export async function adminTransition(
  deps: OrdersDeps,
  call: StaffCall & { orderId: string; to: OrderStatus; reason?: string | undefined },
): Promise<Order> {
  await staffAuthorize(deps, call, 'update', call.orderId);
  if (call.to === 'cancelled' && !call.reason)
    throw new ValidationError([{ path: 'reason', code: 'required', message: 'Say why the order is cancelled.' }]);
  const now = deps.clock.now();
  const row = await withTx(deps.db, async (tx) => {
    const current = await repo.findOrder(tx, call.orderId);
    if (!current) throw notFound(call.orderId);
    // Refund moves come with their refund, and an ECPay payment with ECPay's notice: not by hand.
    if (!staffMovesByHand(current).includes(call.to))
      throw new ConflictError('ORDER_INVALID_TRANSITION', `Staff cannot move an order from ${current.status} to ${call.to} by hand.`, {
        from: current.status,
        to: call.to,
      });
    return applyTransition(tx, {
      order: current,
      to: call.to,
      actor: { type: 'staff', id: call.actor!.userId },
      reason: call.reason ?? null,
      now,
    });
  });
  return orderView(deps.db, row);
}

// ---------- expiry ----------

/**
 * Cancels unpaid orders past their deadline, one transaction per order. The candidates are read
 * without locking the order (its row is locked after the stock, in the global order); each is
 * cancelled by `applyTransition` guarded by its deadline, so stock and coupon come back once however
 * many workers sweep at the same time: a sweeper that loses the race for an order rolls back and
 * goes on with the next. Answers how many it cancelled.
 */
export async function cancelExpiredOrders(deps: Pick<OrdersDeps, 'db' | 'clock'>, opts: { max?: number } = {}): Promise<number> {
  const max = opts.max ?? 500;
  let done = 0;
  const seen = new Set<string>();
  while (done < max) {
    const now = deps.clock.now();
    const batch = (await repo.expiredOrders(deps.db, now, 50)).filter((o) => !seen.has(o.id));
    if (batch.length === 0) break;
    for (const order of batch) {
      seen.add(order.id);
      try {
        await withTx(deps.db, (tx) =>
          applyTransition(tx, {
            order,
            to: 'cancelled',
            actor: { type: 'system', id: null },
            reason: 'payment_window_expired',
            now,
            dueBy: now,
          }),
        );
        done++;
      } catch (err) {
        // Paid, cancelled or given more time meanwhile: nothing to do here.
        if (!(err instanceof ConflictError)) throw err;
      }
      if (done >= max) break;
    }
  }
  return done;
}
