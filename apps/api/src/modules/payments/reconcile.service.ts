// Reconciliation with ECPay (對帳): asking QueryTradeInfo about attempts whose notice never came,
// and applying the answer through the same path as a notice (stored raw first, verified, applied
// once). The query is made outside any transaction; a failure to reach ECPay is recorded, not thrown.
import type { PaymentStatus } from '@shop/contracts/orders';
import { buildQueryTradeInfo, parseQueryTradeInfoResponse, type PaymentResult, type QueriedTrade } from '@shop/ecpay';
import type { AccessContext } from '../../platform/access.js';
import { authorize } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';
import { NotFoundError, UnauthorizedError } from '../../platform/errors.js';
import { findOrderRow, orderNumbersOf } from '../orders/index.js';
import { applyNotice, type EcpayDeps } from './ecpay.service.js';
import * as repo from './payments.repo.js';
import type { NotificationOutcome } from './payments.tables.js';

/** How long a query may take before it counts as unreachable. */
export const QUERY_TIMEOUT_MS = 10_000;

/** What one query found and did. */
export interface Reconciled {
  paymentId: string;
  merchantTradeNo: string;
  statusBefore: PaymentStatus;
  statusAfter: PaymentStatus;
  outcome: NotificationOutcome;
  /** ECPay's TradeStatus as answered; null without a verified answer. */
  tradeStatus: string | null;
  detail: string | null;
}

/**
 * ECPay's answer about a paid trade (TradeStatus 1) or a failed one (10200095, not established: the
 * buyer did not complete the payment, or an issued code expired), shaped as the ReturnURL notice it
 * stands in for.
 */
function asNotice(t: QueriedTrade): PaymentResult {
  const paid = t.status === 'paid';
  return {
    kind: 'payment_result',
    merchantId: t.merchantId,
    merchantTradeNo: t.merchantTradeNo,
    storeId: t.storeId,
    rtnCode: paid ? 1 : Number(t.tradeStatus),
    rtnMsg: `QueryTradeInfo: TradeStatus ${t.tradeStatus}`,
    tradeNo: t.tradeNo,
    tradeAmt: t.tradeAmt,
    paymentType: t.paymentType,
    method: t.paymentType.split('_')[0] ?? '',
    tradeDate: t.tradeDate,
    customFields: t.customFields,
    paid,
    paymentDate: t.paymentDate,
    paymentTypeChargeFee: t.paymentTypeChargeFee,
    simulatePaid: false,
    extras: t.extras,
  };
}

const UNPAID_DETAIL: Record<Exclude<QueriedTrade['status'], 'paid' | 'not_established'>, string> = {
  unpaid: 'not paid yet',
  not_found: 'ECPay has no such trade: the buyer never reached the cashier',
  other: 'a TradeStatus this shop does not act on',
};

/** The deadline of the attempt's issued code while it is still ahead of `now`; null without one or once passed. */
function openCodeDeadline(p: repo.PaymentRow | undefined, now: Date): Date | null {
  if (!p?.codeInfo || p.status !== 'pending') return null;
  const until = new Date(p.codeInfo.expiresAt);
  return until.getTime() > now.getTime() ? until : null;
}

/**
 * Asks ECPay about one ECPay attempt and applies the answer. Its own statements, no transaction
 * across the request. Never throws for ECPay's side: an unreachable host, a refused request, a
 * wrongly signed answer are recorded as a `query` notification with their outcome.
 */
export async function reconcileEcpayPayment(deps: EcpayDeps, paymentId: string): Promise<Reconciled> {
  const p = await repo.findPayment(deps.db, paymentId);
  if (!p || p.provider !== 'ecpay' || !p.merchantTradeNo) throw new Error(`payment ${paymentId} is not an ECPay attempt`);
  const merchantTradeNo = p.merchantTradeNo;
  const merchant = deps.config.ecpay.payments.merchant;
  const form = buildQueryTradeInfo({ merchantTradeNo, now: deps.clock.now() }, merchant);

  let text: string;
  let failure: string | null = null;
  try {
    const res = await fetch(deps.config.ecpay.payments.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
      signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
    });
    text = await res.text();
    if (!res.ok) failure = `HTTP ${res.status}`;
  } catch (err) {
    text = '';
    failure = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }

  const note = await repo.insertNotification(deps.db, {
    provider: 'ecpay',
    kind: 'query',
    rawBody: text,
    receivedAt: deps.clock.now(),
    merchantTradeNo,
    paymentId: p.id,
  });
  const unchanged = async (outcome: NotificationOutcome, detail: string, tradeStatus: string | null = null): Promise<Reconciled> => {
    const now = (await repo.findPayment(deps.db, p.id))!.status;
    await repo.finishNotification(deps.db, {
      id: note.id,
      outcome,
      detail,
      merchantTradeNo,
      paymentId: p.id,
      paymentStatusBefore: now,
      paymentStatusAfter: now,
    });
    return { paymentId: p.id, merchantTradeNo, statusBefore: now, statusAfter: now, outcome, tradeStatus, detail };
  };

  if (failure) return unchanged('unreachable', failure);
  const parsed = parseQueryTradeInfoResponse(text, merchant);
  if (!parsed.ok) return unchanged(parsed.error, parsed.detail);
  const trade = parsed.trade;
  if (trade.merchantTradeNo !== merchantTradeNo)
    return unchanged('malformed', `an answer about MerchantTradeNo ${trade.merchantTradeNo}`, trade.tradeStatus);
  if (trade.status !== 'paid' && trade.status !== 'not_established')
    return unchanged('ignored', `TradeStatus ${trade.tradeStatus}: ${UNPAID_DETAIL[trade.status]}`, trade.tradeStatus);
  // An issued ATM account or store code can still be paid until its deadline, whatever ECPay
  // says of the trade meanwhile: the attempt fails only once that deadline has passed.
  const codeOpenUntil = openCodeDeadline(await repo.findPayment(deps.db, p.id), deps.clock.now());
  if (trade.status === 'not_established' && codeOpenUntil)
    return unchanged(
      'ignored',
      `TradeStatus ${trade.tradeStatus}: the issued code can be paid until ${codeOpenUntil.toISOString()}`,
      trade.tradeStatus,
    );

  const applied = await applyNotice(deps, { noteId: note.id, paymentId: p.id, n: asNotice(trade) });
  return {
    paymentId: p.id,
    merchantTradeNo,
    statusBefore: applied.before,
    statusAfter: applied.after,
    outcome: applied.outcome,
    tradeStatus: trade.tradeStatus,
    detail: applied.detail,
  };
}

export interface ReconcileJobOptions {
  /** Only attempts pending at least this long (their notice is late): 15 minutes by default. */
  pendingForMs?: number;
  /** At most this many queries per run: 20 by default. */
  max?: number;
  /** A queried attempt is not queried again by the job for this long: 10 minutes by default. */
  leaseMs?: number;
}

/**
 * The scheduled sweep: claims pending ECPay attempts whose notice is late (see
 * `repo.claimForReconcile`) and queries them one by one, each outside any transaction.
 */
export async function reconcilePendingEcpayPayments(deps: EcpayDeps, opts: ReconcileJobOptions = {}): Promise<Reconciled[]> {
  const now = deps.clock.now();
  const claimed = await repo.claimForReconcile(deps.db, {
    now,
    createdBefore: new Date(now.getTime() - (opts.pendingForMs ?? 15 * 60_000)),
    leaseUntil: new Date(now.getTime() + (opts.leaseMs ?? 10 * 60_000)),
    max: opts.max ?? 20,
  });
  const done: Reconciled[] = [];
  for (const { id } of claimed) done.push(await reconcileEcpayPayment(deps, id));
  return done;
}

// ---------- staff ----------

interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}

/** Staff query ECPay now about an order's pending ECPay attempts (as allowed to update orders). */
export async function reconcileOrderPayments(deps: EcpayDeps, call: StaffCall & { orderId: string }) {
  if (!call.actor) throw new UnauthorizedError();
  await authorize(deps.db, { actor: call.actor, context: call.context, action: 'update', resource: { type: 'order', id: call.orderId } });
  const order = await findOrderRow(deps.db, call.orderId);
  if (!order) throw new NotFoundError('order', call.orderId, 'ORDER_NOT_FOUND');
  const attempts: Reconciled[] = [];
  for (const p of await repo.pendingEcpayOf(deps.db, order.id)) attempts.push(await reconcileEcpayPayment(deps, p.id));
  const after = await findOrderRow(deps.db, order.id);
  return { orderId: order.id, orderStatus: after?.status ?? order.status, attempts };
}

/** Taiwan has no daylight saving time: a day there is [00:00+08:00, next 00:00+08:00). */
const TAIPEI_OFFSET = '+08:00';
const REPORT_LIMIT = 1000;

/** The query answers that changed something on one Asia/Taipei day (`date` a valid YYYY-MM-DD; as allowed to read orders). */
export async function reconciliationReport(deps: EcpayDeps, call: StaffCall & { date: string }) {
  if (!call.actor) throw new UnauthorizedError();
  await authorize(deps.db, { actor: call.actor, context: call.context, action: 'read', resource: { type: 'order' } });
  const from = new Date(`${call.date}T00:00:00${TAIPEI_OFFSET}`);
  const to = new Date(from.getTime() + 24 * 3600_000);
  const rows = await repo.appliedQueries(deps.db, { from, to, limit: REPORT_LIMIT });
  const numbers = await orderNumbersOf(deps.db, [...new Set(rows.map((r) => r.payment.orderId))]);
  const items = [];
  for (const { note, payment } of rows) {
    items.push({
      receivedAt: note.receivedAt.toISOString(),
      paymentId: payment.id,
      merchantTradeNo: payment.merchantTradeNo ?? '',
      orderId: payment.orderId,
      orderNumber: numbers.get(payment.orderId) ?? '',
      amount: payment.amountMinor,
      from: note.paymentStatusBefore,
      to: note.paymentStatusAfter,
      detail: note.detail,
    });
  }
  return { date: call.date, timeZone: 'Asia/Taipei' as const, items };
}
