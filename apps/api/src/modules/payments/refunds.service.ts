// Refunds: a shopper asks for the whole order or some items back, staff approve or reject, and the
// money goes back through ECPay (a card: DoAction, outside any transaction) or by a bank transfer
// staff make and mark done. Each move of a refund is one conditional UPDATE in the transaction that
// does its side effects (the order's status, the payment's status, stock put back) and appends its
// outbox event.
import type { OrderStatus } from '@shop/contracts/orders';
import type {
  AdminRefund,
  AdminRefundListQuery,
  OrderRefundFigures,
  Refund,
  RefundBankAccount,
  RefundRequestBody,
  StaffRefundBody,
} from '@shop/contracts/refunds';
import { AIO_PATHS, buildDoAction, parseDoActionResponse } from '@shop/ecpay';
import type { DbOrTx, Tx } from '../../db/client.js';
import { authorize, type AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';
import { AppError, ConflictError, NotFoundError, UnauthorizedError } from '../../platform/errors.js';
import { appendEvent } from '../../platform/events.js';
import { sqlState, withTx } from '../../platform/tx.js';
import { restock } from '../inventory/index.js';
import {
  applyTransition,
  buyerNamesOf,
  buyerOrder,
  findOrderRow,
  lockOrder,
  orderItemRows,
  orderNumbersOf,
  type OrderRow,
  type ShopperCall,
} from '../orders/index.js';
import type { EcpayDeps } from './ecpay.service.js';
import type { Payment } from './payments.service.js';
import { paymentStatusesBefore } from './payment-status.js';
import { RefundEvents } from './payments.events.js';
import * as repo from './payments.repo.js';
import type { ProviderCall, StoredBankAccount } from './payments.tables.js';
import { chooseCardAction, planRefund, type DoActionChoice, type RefundPlan } from './refund-amounts.js';

export type RefundDeps = EcpayDeps;

/** How long one DoAction call may take. */
export const DO_ACTION_TIMEOUT_MS = 10_000;

interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}

const iso = (d: Date) => d.toISOString();
const notFound = (id?: string) => new NotFoundError('refund', id, 'REFUND_NOT_FOUND');
const orderNotFound = (id?: string) => new NotFoundError('order', id, 'ORDER_NOT_FOUND');
const invalidMove = (from: string, to: string) =>
  new ConflictError('REFUND_INVALID_TRANSITION', `A refund cannot go from ${from} to ${to}.`, { from, to });
const alreadyOpen = () => new ConflictError('REFUND_ALREADY_OPEN', 'This order already has a refund in progress.');

/** Payment statuses that hold money a refund may give back. */
const REFUNDABLE_PAYMENT = new Set(['succeeded', 'partially_refunded']);
/** Payment statuses of money received (refunded or not). */
const MONEY_RECEIVED = new Set(['succeeded', 'partially_refunded', 'refunded']);
/** Order statuses in which a shopper may ask for a refund: paid, the parcel not gone yet. */
const SHOPPER_REFUNDABLE: readonly OrderStatus[] = ['paid', 'preparing_shipment'];
/** Order statuses in which the order's stock was sold (a refund may put units back); a cancelled order's stock was released. */
const STOCK_SOLD: readonly OrderStatus[] = [
  'paid',
  'preparing_shipment',
  'shipped',
  'completed',
  'refund_requested',
  'refund_rejected',
  'refunded',
];
const OPEN = ['requested', 'approved', 'processing'] as const;
/** Refunds whose money counts as given back or promised (not rejected, not failed). */
const COUNTED = new Set(['requested', 'approved', 'processing', 'succeeded']);

// ---------- reads ----------

/** The payment a refund of the order gives money back from: the latest one that received money. */
function paymentOfOrder<P extends { status: string }>(payments: readonly P[]): P | undefined {
  return [...payments].reverse().find((p) => MONEY_RECEIVED.has(p.status));
}

function maskedAccount(b: StoredBankAccount | null): Refund['bankAccount'] {
  return b ? { bankCode: b.bankCode, accountLast4: b.account.slice(-4), holder: b.holder } : null;
}

function toRefund(r: repo.RefundRow, lines: readonly repo.RefundLineRow[]): Refund {
  return {
    id: r.id,
    orderId: r.orderId,
    status: r.status,
    whole: r.whole,
    amount: r.amountMinor,
    shipping: r.shippingMinor,
    lines: lines.filter((l) => l.refundId === r.id).map((l) => ({ itemId: l.itemId, quantity: l.quantity, amount: l.amountMinor })),
    reason: r.reason,
    route: r.route,
    requestedBy: r.requestedBy,
    decisionNote: r.decisionNote,
    restock: r.restock,
    bankAccount: maskedAccount(r.bankAccount),
    createdAt: iso(r.createdAt),
    decidedAt: r.decidedAt ? iso(r.decidedAt) : null,
    completedAt: r.completedAt ? iso(r.completedAt) : null,
  };
}

async function adminViews(db: DbOrTx, rows: readonly repo.RefundRow[]): Promise<AdminRefund[]> {
  const orderIds = [...new Set(rows.map((r) => r.orderId))];
  const lines = await repo.linesOfRefunds(
    db,
    rows.map((r) => r.id),
  );
  const numbers = await orderNumbersOf(db, orderIds);
  const names = await buyerNamesOf(db, orderIds);
  return rows.map((r) => ({
    ...toRefund(r, lines),
    orderNumber: numbers.get(r.orderId) ?? '',
    buyerName: names.get(r.orderId) ?? '',
    paymentId: r.paymentId,
    bankAccountFull: r.bankAccount
      ? {
          bankCode: r.bankAccount.bankCode,
          ...(r.bankAccount.branchCode ? { branchCode: r.bankAccount.branchCode } : {}),
          account: r.bankAccount.account,
          holder: r.bankAccount.holder,
        }
      : null,
    providerCalls: r.providerCalls,
    decidedBy: r.decidedBy,
  }));
}

async function adminView(db: DbOrTx, row: repo.RefundRow): Promise<AdminRefund> {
  return (await adminViews(db, [row]))[0]!;
}

/**
 * An order's refunds (oldest first) as the shopper sees them, and its figures against its payments
 * (as `paymentsOf` read them for the same view): `refunded` (succeeded),
 * `pending` (open), `refundable` (the payment's money neither refunded nor asked for). A plain read.
 */
export async function refundsOf(
  db: DbOrTx,
  order: { orderId: string; payments: readonly Pick<Payment, 'id' | 'status' | 'amount'>[] },
): Promise<{ refunds: Refund[]; figures: OrderRefundFigures }> {
  const rows = await repo.refundsOfOrder(db, order.orderId);
  const lines = await repo.linesOfRefunds(
    db,
    rows.map((r) => r.id),
  );
  const payment = paymentOfOrder(order.payments);
  const sum = (statuses: readonly string[]) =>
    rows.filter((r) => statuses.includes(r.status) && r.paymentId === payment?.id).reduce((n, r) => n + r.amountMinor, 0);
  const refunded = sum(['succeeded']);
  const pending = sum(OPEN);
  const paid = payment ? payment.amount : 0;
  return {
    refunds: rows.map((r) => toRefund(r, lines)),
    figures: { refunded, pending, refundable: Math.max(0, paid - refunded - pending) },
  };
}

/**
 * How the payment's money goes back: ECPay card payments (Credit, Apple Pay, or an "all methods"
 * attempt the buyer paid by card, as ECPay's notice says) through DoAction; anything else (ATM,
 * store code, barcode, bank transfer, cash on delivery) by a bank transfer staff make.
 */
async function routeOf(db: DbOrTx, p: repo.PaymentRow): Promise<'card' | 'transfer'> {
  if (p.provider !== 'ecpay' || !p.providerTradeNo || !p.merchantTradeNo) return 'transfer';
  if (p.ecpayMethod === 'Credit' || p.ecpayMethod === 'ApplePay') return 'card';
  if (p.ecpayMethod !== 'ALL') return 'transfer';
  for (const n of await repo.appliedNoticesOf(db, p.id)) {
    const type = new URLSearchParams(n.rawBody).get('PaymentType');
    if (type) return /^(Credit|ApplePay)/.test(type) ? 'card' : 'transfer';
  }
  return 'transfer';
}

/** The refund's plan against the order as it is in `tx` (after the order's lock). */
async function planFor(tx: Tx, v: { order: OrderRow; payment: repo.PaymentRow; asked: RefundRequestBody['lines'] }): Promise<RefundPlan> {
  const earlier = (await repo.refundsOfOrder(tx, v.order.id)).filter((r) => COUNTED.has(r.status));
  const lines = await repo.linesOfRefunds(
    tx,
    earlier.map((r) => r.id),
  );
  const refundedUnits = new Map<string, number>();
  for (const l of lines) refundedUnits.set(l.itemId, (refundedUnits.get(l.itemId) ?? 0) + l.quantity);
  const items = await orderItemRows(tx, v.order.id);
  const shippingRefunded = earlier.reduce((n, r) => n + r.shippingMinor, 0);
  const given = earlier.filter((r) => r.paymentId === v.payment.id).reduce((n, r) => n + r.amountMinor, 0);
  const planned = planRefund({
    items: items.map((i) => ({ id: i.id, kind: i.kind, quantity: i.quantity, lineTotal: i.lineTotalMinor })),
    refundedUnits,
    shippingLeft: v.order.shippingMinor - v.order.shippingDiscountMinor - shippingRefunded,
    refundable: v.payment.amountMinor - given,
    asked: v.asked,
  });
  if (!planned.ok) {
    const { code, message, ...extra } = planned.error;
    throw new AppError(code, 422, message, extra);
  }
  return planned.plan;
}

// ---------- asking ----------

type Requester = { type: 'customer' | 'guest' | 'staff'; id: string | null };

/**
 * The order a shopper asks a refund for: with a link token, the order it names; else the signed-in
 * caller's own (ABAC `refund_request` with the order's owner: customer-owns-own, or staff allowed
 * on refund requests); anything else 404 ORDER_NOT_FOUND, nobody signed in 401.
 */
async function shopperOrder(deps: RefundDeps, call: ShopperCall): Promise<{ order: OrderRow; requester: Requester }> {
  if (call.token !== undefined) {
    const order = await buyerOrder(deps.orders, call);
    return { order, requester: { type: order.userId ? 'customer' : 'guest', id: order.userId } };
  }
  if (!call.actor) throw new UnauthorizedError();
  const order = await findOrderRow(deps.db, call.orderId);
  try {
    await authorize(deps.db, {
      actor: call.actor,
      context: call.context,
      action: 'create',
      resource: { type: 'refund_request', ownerId: order?.userId ?? undefined },
      hideAs404: true,
    });
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw orderNotFound(call.orderId);
    throw err;
  }
  if (!order) throw orderNotFound(call.orderId);
  return { order, requester: { type: order.userId === call.actor.userId ? 'customer' : 'staff', id: call.actor.userId } };
}

const hasOpenRefund = async (db: DbOrTx, orderId: string) =>
  (await repo.refundsOfOrder(db, orderId)).some((r) => (OPEN as readonly string[]).includes(r.status));

const toStoredAccount = (b: RefundBankAccount | undefined): StoredBankAccount | null =>
  b ? { bankCode: b.bankCode, ...(b.branchCode ? { branchCode: b.branchCode } : {}), account: b.account, holder: b.holder } : null;

interface NewRefund {
  orderId: string;
  requester: Requester;
  reason: string;
  lines: RefundRequestBody['lines'];
  bankAccount: RefundBankAccount | undefined;
  /** Staff refunds: from any status where money was received; the shopper's: paid or preparing only. */
  staff: boolean;
  restock: boolean;
}

/**
 * Writes a new refund in one transaction: the order locked, no other open refund (else 409
 * REFUND_ALREADY_OPEN; the partial unique index guards a race), the order refundable (409
 * REFUND_NOT_ALLOWED), the plan (422 REFUND_LINE_INVALID / REFUND_AMOUNT_EXCEEDED), the rows,
 * `refund.requested` and, for a whole refund of a paid or preparing order, the order →
 * refund_requested. A staff refund is approved in the same transaction (→ processing).
 */
async function createRefund(deps: RefundDeps, v: NewRefund): Promise<repo.RefundRow> {
  const now = deps.clock.now();
  try {
    return await withTx(deps.db, async (tx) => {
      const order = await lockOrder(tx, v.orderId);
      if (!order) throw orderNotFound(v.orderId);
      if (await hasOpenRefund(tx, order.id)) throw alreadyOpen();
      if (!v.staff && !SHOPPER_REFUNDABLE.includes(order.status))
        throw new ConflictError('REFUND_NOT_ALLOWED', 'A refund can be asked only for a paid order that has not shipped.', {
          status: order.status,
        });
      const payment = paymentOfOrder(await repo.paymentsOf(tx, [order.id]));
      if (!payment || !REFUNDABLE_PAYMENT.has(payment.status))
        throw new ConflictError('REFUND_NOT_ALLOWED', 'This order has no payment left to refund.', { status: order.status });
      const route = await routeOf(tx, payment);
      if (route === 'transfer' && !v.bankAccount && !v.staff)
        throw new AppError('REFUND_BANK_ACCOUNT_REQUIRED', 422, 'This payment is refunded by bank transfer: give the bank account.');
      const plan = await planFor(tx, { order, payment, asked: v.lines });
      const staffId = v.staff ? v.requester.id : null;
      const restock = v.restock && STOCK_SOLD.includes(order.status);
      let row = await repo.insertRefund(
        tx,
        {
          orderId: order.id,
          paymentId: payment.id,
          status: 'requested',
          whole: plan.whole,
          amountMinor: plan.amount,
          shippingMinor: plan.shipping,
          reason: v.reason,
          route,
          requestedBy: v.requester.type,
          requestedById: v.requester.id,
          orderStatusBefore: order.status,
          restock,
          bankAccount: route === 'transfer' ? toStoredAccount(v.bankAccount) : null,
          providerCalls: [],
          createdAt: now,
          updatedAt: now,
        },
        plan.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, amountMinor: l.amount })),
      );
      const facts = factsOf(row);
      await appendEvent(tx, RefundEvents.requested, { aggregateId: row.id, payload: { ...facts, requestedBy: v.requester.type } });
      if (plan.whole && (order.status === 'paid' || order.status === 'preparing_shipment'))
        await applyTransition(tx, {
          order,
          to: 'refund_requested',
          actor: { type: v.requester.type, id: v.requester.id },
          reason: v.reason,
          now,
        });
      if (v.staff) row = await approveInTx(tx, { refund: row, staffId, restock, note: null, now });
      return row;
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw alreadyOpen();
    throw err;
  }
}

const factsOf = (r: repo.RefundRow) => ({
  refundId: r.id,
  orderId: r.orderId,
  paymentId: r.paymentId,
  amount: r.amountMinor,
  whole: r.whole,
  route: r.route,
});

/** `POST /orders/{id}/refunds`: the buyer asks for the whole order (no lines) or some items back. */
export async function requestRefund(deps: RefundDeps, call: ShopperCall & { body: RefundRequestBody }): Promise<Refund> {
  const { order, requester } = await shopperOrder(deps, call);
  const row = await createRefund(deps, {
    orderId: order.id,
    requester,
    reason: call.body.reason,
    lines: call.body.lines,
    bankAccount: call.body.bankAccount,
    staff: false,
    restock: false,
  });
  return toRefund(row, await repo.linesOfRefunds(deps.db, [row.id]));
}

// ---------- staff ----------

const staffAuthorize = (deps: RefundDeps, call: StaffCall, action: 'read' | 'create' | 'update', id?: string) => {
  if (!call.actor) throw new UnauthorizedError();
  return authorize(deps.db, {
    actor: call.actor,
    context: call.context,
    action,
    resource: { type: 'refund_request', ...(id ? { id } : {}) },
  });
};

export async function adminListRefunds(deps: RefundDeps, call: StaffCall & { query: AdminRefundListQuery }) {
  await staffAuthorize(deps, call, 'read');
  const { rows, total } = await repo.listRefunds(deps.db, call.query);
  return { items: await adminViews(deps.db, rows), total, page: call.query.page, pageSize: call.query.pageSize };
}

export async function adminGetRefund(deps: RefundDeps, call: StaffCall & { refundId: string }): Promise<AdminRefund> {
  await staffAuthorize(deps, call, 'read', call.refundId);
  const row = await repo.findRefund(deps.db, call.refundId);
  if (!row) throw notFound(call.refundId);
  return adminView(deps.db, row);
}

/** requested → approved → processing in the caller's transaction (conditional: only one caller wins), with `refund.approved`. */
async function approveInTx(
  tx: Tx,
  v: { refund: repo.RefundRow; staffId: string | null; restock: boolean; note: string | null; now: Date },
): Promise<repo.RefundRow> {
  const approved = await repo.moveRefund(tx, {
    id: v.refund.id,
    from: ['requested'],
    to: 'approved',
    now: v.now,
    set: { decidedBy: v.staffId, decidedAt: v.now, restock: v.restock, ...(v.note ? { decisionNote: v.note } : {}) },
  });
  if (!approved) {
    const current = await repo.findRefund(tx, v.refund.id);
    throw invalidMove(current?.status ?? v.refund.status, 'approved');
  }
  const processing = await repo.moveRefund(tx, { id: approved.id, from: ['approved'], to: 'processing', now: v.now });
  if (!processing) throw invalidMove(approved.status, 'processing');
  await appendEvent(tx, RefundEvents.approved, {
    aggregateId: processing.id,
    payload: { ...factsOf(processing), decidedBy: v.staffId, restock: processing.restock },
  });
  return processing;
}

/**
 * Staff approve a requested refund (409 REFUND_INVALID_TRANSITION unless requested; of concurrent
 * approvals exactly one goes on). A card refund is asked of ECPay at once and answered after it; a
 * transfer waits in processing for staff to mark it done.
 */
export async function approveRefund(
  deps: RefundDeps,
  call: StaffCall & { refundId: string; restock: boolean; note?: string | undefined },
): Promise<AdminRefund> {
  await staffAuthorize(deps, call, 'update', call.refundId);
  const now = deps.clock.now();
  const row = await withTx(deps.db, async (tx) => {
    const refund = await repo.findRefund(tx, call.refundId);
    if (!refund) throw notFound(call.refundId);
    const order = await findOrderRow(tx, refund.orderId);
    const restock = call.restock && order !== undefined && STOCK_SOLD.includes(order.status);
    return approveInTx(tx, { refund, staffId: call.actor!.userId, restock, note: call.note ?? null, now });
  });
  const done = row.route === 'card' ? await carryOutCardRefund(deps, row, call.actor!.userId) : row;
  return adminView(deps.db, done);
}

/**
 * Staff refund an order themselves (declining it, refunding items that cannot be delivered, or money
 * that arrived for an order already cancelled): the refund is made approved and carried out at once.
 */
export async function staffRefund(deps: RefundDeps, call: StaffCall & { orderId: string; body: StaffRefundBody }): Promise<AdminRefund> {
  await staffAuthorize(deps, call, 'create');
  const order = await findOrderRow(deps.db, call.orderId);
  if (!order) throw orderNotFound(call.orderId);
  const row = await createRefund(deps, {
    orderId: order.id,
    requester: { type: 'staff', id: call.actor!.userId },
    reason: call.body.reason,
    lines: call.body.lines,
    bankAccount: call.body.bankAccount,
    staff: true,
    restock: call.body.restock,
  });
  const done = row.route === 'card' ? await carryOutCardRefund(deps, row, call.actor!.userId) : row;
  return adminView(deps.db, done);
}

/**
 * Staff reject a requested refund with their reason (409 REFUND_INVALID_TRANSITION unless
 * requested). A whole refund's order goes refund_requested → refund_rejected, and straight on to
 * preparing_shipment when it was being prepared when the refund was asked (a paid order waits in
 * refund_rejected until staff start preparing it).
 */
export async function rejectRefund(deps: RefundDeps, call: StaffCall & { refundId: string; reason: string }): Promise<AdminRefund> {
  await staffAuthorize(deps, call, 'update', call.refundId);
  const now = deps.clock.now();
  const staffId = call.actor!.userId;
  const row = await withTx(deps.db, async (tx) => {
    const found = await repo.findRefund(tx, call.refundId);
    if (!found) throw notFound(call.refundId);
    const order = await lockOrder(tx, found.orderId);
    const rejected = await repo.moveRefund(tx, {
      id: found.id,
      from: ['requested'],
      to: 'rejected',
      now,
      set: { decisionNote: call.reason, decidedBy: staffId, decidedAt: now },
    });
    if (!rejected) throw invalidMove((await repo.findRefund(tx, found.id))?.status ?? found.status, 'rejected');
    await appendEvent(tx, RefundEvents.rejected, {
      aggregateId: rejected.id,
      payload: { ...factsOf(rejected), decidedBy: staffId, reason: call.reason },
    });
    if (rejected.whole && order?.status === 'refund_requested') {
      const moved = await applyTransition(tx, {
        order,
        to: 'refund_rejected',
        actor: { type: 'staff', id: staffId },
        reason: call.reason,
        now,
      });
      if (rejected.orderStatusBefore === 'preparing_shipment' && moved.needsShipping)
        await applyTransition(tx, {
          order: moved,
          to: 'preparing_shipment',
          actor: { type: 'system', id: null },
          reason: 'refund_rejected',
          now,
        });
    }
    return rejected;
  });
  return adminView(deps.db, row);
}

/**
 * Staff report a transfer refund done (`succeeded`, with their reference) or not possible (`failed`,
 * with the reason). 409 REFUND_INVALID_TRANSITION unless a transfer refund in processing.
 */
export async function completeRefund(
  deps: RefundDeps,
  call: StaffCall & {
    refundId: string;
    outcome: { outcome: 'succeeded'; reference?: string | undefined } | { outcome: 'failed'; reason: string };
  },
): Promise<AdminRefund> {
  await staffAuthorize(deps, call, 'update', call.refundId);
  const refund = await repo.findRefund(deps.db, call.refundId);
  if (!refund) throw notFound(call.refundId);
  const to = call.outcome.outcome;
  if (refund.route !== 'transfer' || refund.status !== 'processing') throw invalidMove(refund.status, to);
  const done = await finishRefund(deps, {
    refundId: refund.id,
    outcome: to,
    message: call.outcome.outcome === 'failed' ? call.outcome.reason : null,
    reference: call.outcome.outcome === 'succeeded' ? (call.outcome.reference ?? null) : null,
    staffId: call.actor!.userId,
  });
  return adminView(deps.db, done);
}

// ---------- carrying out ----------

/** Where DoAction is: beside QueryTradeInfo on the same host (the simulator's, ECPay's stage or production). */
function doActionUrl(deps: RefundDeps): string {
  const query = deps.config.ecpay.payments.queryUrl;
  return `${query.slice(0, query.length - AIO_PATHS.queryTradeInfo.length)}${AIO_PATHS.doAction}`;
}

/** One DoAction call, outside any transaction. `answered`: ECPay gave an answer (a refusal is one); false for no answer at all. */
async function callDoAction(
  deps: RefundDeps,
  p: repo.PaymentRow,
  choice: DoActionChoice,
): Promise<{ call: ProviderCall; answered: boolean }> {
  const at = () => deps.clock.now().toISOString();
  const form = buildDoAction(
    { merchantTradeNo: p.merchantTradeNo!, tradeNo: p.providerTradeNo!, action: choice.action, totalAmount: choice.amount },
    deps.config.ecpay.payments.merchant,
  );
  let text: string;
  try {
    const res = await fetch(doActionUrl(deps), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
      signal: AbortSignal.timeout(DO_ACTION_TIMEOUT_MS),
    });
    text = await res.text();
    if (!res.ok) return { call: { ...choice, ok: false, message: `HTTP ${res.status}`, at: at() }, answered: false };
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { call: { ...choice, ok: false, message, at: at() }, answered: false };
  }
  const parsed = parseDoActionResponse(text);
  if (!parsed.ok) return { call: { ...choice, ok: false, message: `${parsed.error}: ${parsed.detail}`, at: at() }, answered: true };
  const r = parsed.result;
  return { call: { ...choice, ok: r.succeeded, message: `${r.rtnCode} ${r.rtnMsg}`, at: at() }, answered: true };
}

/**
 * A card refund in processing: ECPay's DoAction is asked outside any transaction (see
 * `chooseCardAction`: void or close-for-less while the trade is authorised, refund once closed);
 * when ECPay refuses the first choice, the other once. Each call is recorded on the refund by a
 * statement of its own. No answer at all (network, timeout) is not retried: ECPay may have acted.
 * Then the refund succeeds or fails in one transaction.
 */
async function carryOutCardRefund(deps: RefundDeps, refund: repo.RefundRow, staffId: string | null): Promise<repo.RefundRow> {
  const payment = await repo.findPayment(deps.db, refund.paymentId);
  if (!payment) throw new Error(`payment ${refund.paymentId} of refund ${refund.id} vanished`);
  const before = (await repo.refundsOfOrder(deps.db, refund.orderId))
    .filter((r) => r.status === 'succeeded' && r.paymentId === payment.id)
    .reduce((n, r) => n + r.amountMinor, 0);
  const choice = chooseCardAction({
    paidAt: payment.paidAt,
    now: deps.clock.now(),
    paid: payment.amountMinor,
    refundedBefore: before,
    amount: refund.amountMinor,
  });
  let last = await callDoAction(deps, payment, choice.first);
  await repo.appendProviderCall(deps.db, { id: refund.id, call: last.call });
  if (!last.call.ok && last.answered) {
    last = await callDoAction(deps, payment, choice.fallback);
    await repo.appendProviderCall(deps.db, { id: refund.id, call: last.call });
  }
  return finishRefund(deps, {
    refundId: refund.id,
    outcome: last.call.ok ? 'succeeded' : 'failed',
    message: last.call.ok ? null : `ECPay: ${last.call.message}`,
    reference: null,
    staffId,
  });
}

/**
 * processing → succeeded | failed in one transaction, locks in the global order: the stock rows put
 * back (by variant id), the order, the payment, the refund. On success the payment moves to
 * partially_refunded or refunded (all its money back), a whole refund's order refund_requested →
 * refunded, and the refunded units go back on hand when staff asked for it; `refund.succeeded`. On
 * failure `refund.failed` with the message; the order stays as it is (a whole refund's order stays
 * refund_requested: staff try again with a refund of their own, or decide otherwise).
 */
async function finishRefund(
  deps: RefundDeps,
  v: { refundId: string; outcome: 'succeeded' | 'failed'; message: string | null; reference: string | null; staffId: string | null },
): Promise<repo.RefundRow> {
  const now = deps.clock.now();
  return withTx(deps.db, async (tx) => {
    const refund = await repo.findRefund(tx, v.refundId);
    if (!refund) throw notFound(v.refundId);
    if (refund.status !== 'processing') throw invalidMove(refund.status, v.outcome);
    if (v.outcome === 'succeeded' && refund.restock) {
      const items = new Map((await orderItemRows(tx, refund.orderId)).map((i) => [i.id, i]));
      const units = new Map<string, number>();
      for (const l of await repo.linesOfRefunds(tx, [refund.id])) {
        const variantId = items.get(l.itemId)?.variantId;
        if (variantId) units.set(variantId, (units.get(variantId) ?? 0) + l.quantity);
      }
      for (const variantId of [...units.keys()].sort())
        await restock(tx, { variantId, quantity: units.get(variantId)!, reference: refund.id, actorId: v.staffId, reason: 'refund' });
    }
    const order = await lockOrder(tx, refund.orderId);
    const payment = await repo.lockPayment(tx, refund.paymentId);
    if (!order || !payment) throw new Error(`the order or payment of refund ${refund.id} vanished`);
    const moved = await repo.moveRefund(tx, {
      id: refund.id,
      from: ['processing'],
      to: v.outcome,
      now,
      set: { completedAt: now, ...(v.message ? { decisionNote: v.message } : {}), ...(v.reference ? { reference: v.reference } : {}) },
    });
    if (!moved) throw invalidMove((await repo.findRefund(tx, refund.id))?.status ?? refund.status, v.outcome);
    if (v.outcome === 'failed') {
      await appendEvent(tx, RefundEvents.failed, { aggregateId: moved.id, payload: { ...factsOf(moved), message: v.message ?? '' } });
      return moved;
    }
    const refunded = (await repo.refundsOfOrder(tx, refund.orderId))
      .filter((r) => r.status === 'succeeded' && r.paymentId === payment.id)
      .reduce((n, r) => n + r.amountMinor, 0);
    const to = refunded >= payment.amountMinor ? 'refunded' : 'partially_refunded';
    let paymentStatus = payment.status;
    if (payment.status !== to) {
      const p = await repo.movePayment(tx, { id: payment.id, from: paymentStatusesBefore(to), to, now });
      if (!p) throw new ConflictError('REFUND_INVALID_TRANSITION', `The payment cannot go from ${payment.status} to ${to}.`);
      paymentStatus = p.status;
    }
    if (moved.whole && order.status === 'refund_requested')
      await applyTransition(tx, {
        order,
        to: 'refunded',
        actor: v.staffId ? { type: 'staff', id: v.staffId } : { type: 'system', id: null },
        reason: moved.reason,
        now,
      });
    await appendEvent(tx, RefundEvents.succeeded, { aggregateId: moved.id, payload: { ...factsOf(moved), paymentStatus } });
    return moved;
  });
}
