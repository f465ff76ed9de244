// Payments through ECPay: starting an attempt (the signed form for ECPay's cashier) and applying
// ECPay's server notifications (ReturnURL: paid or failed; PaymentInfoURL: an offline code issued).
// ECPay's server notice is the source of truth; the browser's return only shows what was stored.
import { randomBytes } from 'node:crypto';
import type { PaymentStatus } from '@shop/contracts/orders';
import type { EcpayChoice, InstallmentCount, StartPaymentResult } from '@shop/contracts/payments';
import {
  AioRequestError,
  buildAioCheckout,
  NOTIFICATION_ACK,
  parseNotification,
  parseTaipeiDateTime,
  type AioCheckoutInput,
  type PaymentInfo,
  type PaymentResult,
} from '@shop/ecpay';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, ConflictError } from '../../platform/errors.js';
import { appendEvent, type EventInput } from '../../platform/events.js';
import { withTx } from '../../platform/tx.js';
import {
  applyTransition,
  buyerOrder,
  extendPaymentDeadline,
  findOrderRow,
  lockOrder,
  lockOrderEffects,
  orderItemNames,
  orderToken,
  type OrderRow,
  type OrdersDeps,
  type ShopperCall,
} from '../orders/index.js';
import { currentPaymentSettings, type PaymentSettingsView } from '../store/index.js';
import { paymentStatusesBefore } from './payment-status.js';
import { PaymentEvents } from './payments.events.js';
import * as repo from './payments.repo.js';
import type { EcpayCodeInfo, EcpayMethod, NotificationKind, NotificationOutcome } from './payments.tables.js';

type PaymentEventInput = EventInput<typeof PaymentEvents.codeIssued>;

export interface EcpayDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'ecpay' | 'http'>;
  /** For reaching the buyer's order (a guest's link token is checked with the orders module's key). */
  orders: OrdersDeps;
}

const CHOOSE: Record<EcpayChoice, EcpayMethod> = {
  credit: 'Credit',
  atm: 'ATM',
  cvs: 'CVS',
  barcode: 'BARCODE',
  apple_pay: 'ApplePay',
  all: 'ALL',
};

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A fresh MerchantTradeNo: 20 alphanumerics, `S` + 19 random characters (≈ 113 bits), so no
 * attempt ever repeats one (ECPay refuses a number it has seen, paid or not); the unique index
 * guards the rest.
 */
export function newMerchantTradeNo(): string {
  const bytes = randomBytes(19);
  let out = 'S';
  for (const b of bytes) out += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return out;
}

const notPayable = (order: OrderRow, message: string) =>
  new ConflictError('PAYMENT_ORDER_NOT_PAYABLE', message, { status: order.status, paymentMethod: order.paymentMethod });

const unavailable = (message: string) => new AppError('PAYMENT_METHOD_UNAVAILABLE', 422, message);

/** The shop's own switch for each method ECPay's cashier can be opened for. */
const OFFERED: Record<Exclude<EcpayMethod, 'ALL'>, (s: PaymentSettingsView) => boolean> = {
  Credit: (s) => s.credit,
  ApplePay: (s) => s.applePay,
  ATM: (s) => s.atm,
  CVS: (s) => s.cvs,
  BARCODE: (s) => s.barcode,
};

/** ECPay methods the shop never offers: hidden from the cashier's own chooser. */
const NEVER_OFFERED = ['WebATM', 'TWQR', 'BNPL', 'WeiXin'] as const;

/**
 * What the cashier is opened with, from the shop's payment settings: the method must be switched
 * on (and an installment count offered), else 422 PAYMENT_METHOD_UNAVAILABLE; ATM and store codes
 * carry the shop's deadlines, a card with installments the chosen count (and asks for the paid
 * info that reports the installments), and the cashier's own
 * chooser hides what the shop does not offer.
 */
function cashierOptions(
  settings: PaymentSettingsView,
  method: EcpayMethod,
  installments: InstallmentCount | undefined,
): Partial<AioCheckoutInput> {
  if (installments !== undefined) {
    if (method !== 'Credit' || !settings.credit || !settings.installments.includes(installments))
      throw unavailable(`The shop does not offer ${installments} installments now.`);
    // The extra paid info carries the installment figures (stage, first and each payment) in the notice.
    return { creditInstallment: [String(installments) as '3' | '6' | '12'], needExtraPaidInfo: true };
  }
  if (method === 'ALL') {
    const off = (Object.keys(OFFERED) as Array<keyof typeof OFFERED>).filter((m) => !OFFERED[m](settings));
    if (off.length === Object.keys(OFFERED).length) throw unavailable('The shop does not take payments through ECPay now.');
    return { ignorePayment: [...off, ...NEVER_OFFERED], atmExpireDays: settings.atmDays };
  }
  if (!OFFERED[method](settings)) throw unavailable('The shop does not offer this way to pay now.');
  if (method === 'ATM') return { atmExpireDays: settings.atmDays };
  if (method === 'CVS') return { storeExpireDate: settings.cvsMinutes };
  if (method === 'BARCODE') return { storeExpireDate: settings.barcodeDays };
  return {};
}

/** The attempt for this method checkout made and nobody started yet (its MerchantTradeNo never sent). */
async function unstartedAttempt(db: Db, orderId: string, method: EcpayMethod): Promise<repo.PaymentRow | undefined> {
  const rows = await repo.paymentsOf(db, [orderId]);
  return rows.find((p) => p.provider === 'ecpay' && p.status === 'created' && p.ecpayMethod === method && p.merchantTradeNo);
}

/** Another start took the attempt checkout made first: this one makes its own. */
class AttemptTaken extends Error {}

/**
 * The buyer starts paying an unpaid order through ECPay: in one transaction the order's open
 * attempts are cancelled and a pending attempt is made — the one checkout made for this method
 * when it is still unstarted, else a new one with a fresh MerchantTradeNo; the answer carries the
 * signed form the buyer's browser posts to ECPay's cashier (or the simulator's).
 * 409 PAYMENT_ORDER_NOT_PAYABLE unless pending_payment (and not cash on delivery); 422
 * PAYMENT_METHOD_UNAVAILABLE when the shop does not offer the method (or installment count) now,
 * or ECPay would refuse the order for it (e.g. CVS limits).
 */
export async function startEcpayPayment(
  deps: EcpayDeps,
  call: ShopperCall & { method: EcpayChoice; installments?: InstallmentCount | undefined },
): Promise<StartPaymentResult> {
  const order = await buyerOrder(deps.orders, call);
  if (order.status !== 'pending_payment') throw notPayable(order, 'Only an unpaid order can be paid.');
  if (order.paymentMethod === 'cash_on_delivery') throw notPayable(order, 'This order is paid to the carrier on delivery.');
  const ecpayMethod = CHOOSE[call.method];
  const options = cashierOptions(await currentPaymentSettings(deps.db), ecpayMethod, call.installments);
  try {
    return await startAttempt(deps, order, ecpayMethod, options, await unstartedAttempt(deps.db, order.id, ecpayMethod));
  } catch (err) {
    if (!(err instanceof AttemptTaken)) throw err;
    return startAttempt(deps, order, ecpayMethod, options, undefined);
  }
}

async function startAttempt(
  deps: EcpayDeps,
  order: OrderRow,
  ecpayMethod: EcpayMethod,
  options: Partial<AioCheckoutInput>,
  made: repo.PaymentRow | undefined,
): Promise<StartPaymentResult> {
  const now = deps.clock.now();
  const base = deps.config.http.publicUrl;
  const resultUrl = `${base}/payment/result?order=${order.id}`;
  const merchantTradeNo = made?.merchantTradeNo ?? newMerchantTradeNo();
  let form;
  try {
    form = buildAioCheckout(
      {
        ...options,
        merchantTradeNo,
        tradeDate: now,
        totalAmount: order.totalMinor,
        tradeDesc: `Order ${order.orderNumber}`,
        itemNames: await orderItemNames(deps.db, order.id),
        returnUrl: `${base}/api/payments/ecpay/notify`,
        paymentInfoUrl: `${base}/api/payments/ecpay/payment-info`,
        orderResultUrl: resultUrl,
        clientBackUrl: resultUrl,
        choosePayment: ecpayMethod,
      },
      deps.config.ecpay.payments.merchant,
    );
  } catch (err) {
    if (err instanceof AioRequestError)
      throw new AppError('PAYMENT_METHOD_UNAVAILABLE', 422, 'ECPay does not take this order with this payment method.', {
        issues: err.issues,
      });
    throw err;
  }
  const payment = await withTx(deps.db, async (tx) => {
    const locked = await lockOrder(tx, order.id);
    if (!locked || locked.status !== 'pending_payment') throw notPayable(locked ?? order, 'Only an unpaid order can be paid.');
    // The form carries the total read before the lock; an order changed meanwhile is started again.
    if (locked.totalMinor !== order.totalMinor) throw notPayable(locked, 'The order changed meanwhile; start again.');
    if (made) {
      const started = await repo.movePayment(tx, { id: made.id, from: ['created'], to: 'pending', now });
      if (!started || started.amountMinor !== locked.totalMinor) throw new AttemptTaken();
      await repo.moveOpen(tx, { orderId: order.id, from: paymentStatusesBefore('cancelled'), to: 'cancelled', now, except: made.id });
      return started;
    }
    await repo.moveOpen(tx, { orderId: order.id, from: paymentStatusesBefore('cancelled'), to: 'cancelled', now });
    return repo.insertPayment(tx, {
      orderId: order.id,
      provider: 'ecpay',
      method: locked.paymentMethod,
      amountMinor: locked.totalMinor,
      status: 'pending',
      merchantTradeNo,
      ecpayMethod,
      createdAt: now,
      updatedAt: now,
    });
  });
  return { paymentId: payment.id, form: { action: deps.config.ecpay.payments.checkoutUrl, fields: form.fields } };
}

// ---------- notifications ----------

/** What the endpoint answers and what became of the notice. */
export interface NotificationAnswer {
  reply: string;
  outcome: NotificationOutcome;
}

/**
 * Every notice that was stored is answered `1|OK`, whatever became of it: a verified one once
 * applied (or found applied already), and a refused one too (a wrong CheckMacValue, another
 * MerchantID, an unknown MerchantTradeNo, another amount), since it is kept and shown to staff and
 * a re-send would change nothing. Only a notice that could not be stored (the database refused the
 * raw row) fails the request, so that ECPay sends it again.
 */
const answer = (outcome: NotificationOutcome): NotificationAnswer => ({ reply: NOTIFICATION_ACK, outcome });

const TRADE_NO = /^[A-Za-z0-9]{1,20}$/;

/** The MerchantTradeNo of a raw body, when it has a well-formed one (before any check: for finding the notice later). */
function tradeNoOf(rawBody: string): string | null {
  try {
    const v = new URLSearchParams(rawBody).get('MerchantTradeNo');
    return v && TRADE_NO.test(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * A notification ECPay posted: kept raw first (a statement of its own, so it stays whatever
 * follows), then verified (CheckMacValue, merchant, shape), matched to its attempt by
 * MerchantTradeNo and applied in one transaction that also records the outcome. Never throws for
 * a bad notice: the outcome says what it was.
 */
export async function receiveEcpayNotification(
  deps: EcpayDeps,
  input: { kind: NotificationKind; rawBody: string },
): Promise<NotificationAnswer> {
  const receivedAt = deps.clock.now();
  const note = await repo.insertNotification(deps.db, {
    provider: 'ecpay',
    kind: input.kind,
    rawBody: input.rawBody,
    receivedAt,
    merchantTradeNo: tradeNoOf(input.rawBody),
  });
  const finish = async (outcome: NotificationOutcome, detail: string | null, paymentId: string | null = null) => {
    await repo.finishNotification(deps.db, { id: note.id, outcome, detail, merchantTradeNo: note.merchantTradeNo, paymentId });
    return answer(outcome);
  };
  const parsed = parseNotification(input.rawBody, deps.config.ecpay.payments.merchant);
  if (!parsed.ok) return finish(parsed.error, parsed.detail);
  const n = parsed.notification;
  const payment = await repo.findByMerchantTradeNo(deps.db, n.merchantTradeNo);
  if (!payment) return finish('unknown_trade', `no attempt has MerchantTradeNo ${n.merchantTradeNo}`);
  const applied = await applyNotice(deps, { noteId: note.id, paymentId: payment.id, n });
  return answer(applied.outcome);
}

/**
 * Applies a verified notice (or a query's answer, shaped as one) to its attempt in one transaction
 * that also records the notice's outcome and the attempt's status before and after. Losing a race
 * with another mover of the order (the buyer cancelling, the expiry sweep) rolls the transaction
 * back; the next round reads the order as it is now.
 */
export async function applyNotice(
  deps: EcpayDeps,
  v: { noteId: string; paymentId: string; n: PaymentResult | PaymentInfo },
): Promise<Applied & { before: PaymentStatus; after: PaymentStatus }> {
  for (let round = 1; ; round++) {
    try {
      return await withTx(deps.db, async (tx) => {
        // The status before, read behind the same lock `apply` takes (a transaction may take it twice).
        const orderId = (await repo.findPayment(tx, v.paymentId))?.orderId;
        if (orderId) await repo.lockOrderPayments(tx, orderId);
        const before = (await repo.findPayment(tx, v.paymentId))?.status;
        const applied = await apply(tx, deps, { ...v, now: deps.clock.now() });
        const after = (await repo.findPayment(tx, v.paymentId))?.status;
        if (!before || !after) throw new Error(`payment ${v.paymentId} vanished`);
        await repo.finishNotification(tx, {
          id: v.noteId,
          outcome: applied.outcome,
          detail: applied.detail,
          merchantTradeNo: v.n.merchantTradeNo,
          paymentId: v.paymentId,
          paymentStatusBefore: before,
          paymentStatusAfter: after,
        });
        return { ...applied, before, after };
      });
    } catch (err) {
      if (round < 3 && err instanceof ConflictError && err.code === 'ORDER_INVALID_TRANSITION') continue;
      throw err;
    }
  }
}

export interface Applied {
  outcome: NotificationOutcome;
  detail: string | null;
}

/** How the notice that paid an order no longer waiting begins its detail (staff's flagged list finds it by this). */
export const NEEDS_REFUND_DETAIL = 'paid while the order was';

const SYSTEM = { type: 'system' as const, id: null };
const MONEY_RECORDED = new Set(['succeeded', 'partially_refunded', 'refunded']);

async function apply(
  tx: Tx,
  deps: EcpayDeps,
  v: { noteId: string; paymentId: string; n: PaymentResult | PaymentInfo; now: Date },
): Promise<Applied> {
  const { n, now } = v;
  const payment = await repo.findPayment(tx, v.paymentId);
  if (!payment) throw new Error(`payment ${v.paymentId} vanished`);
  await repo.lockOrderPayments(tx, payment.orderId);
  // Read again behind the lock: a concurrent delivery of the same notice may just have applied it.
  const p = (await repo.findPayment(tx, payment.id))!;
  const attempt = {
    paymentId: p.id,
    orderId: p.orderId,
    provider: p.provider,
    merchantTradeNo: p.merchantTradeNo,
    providerTradeNo: n.tradeNo || p.providerTradeNo,
    amount: p.amountMinor,
  };
  if (n.kind === 'payment_result' && n.paid && n.simulatePaid && !deps.config.ecpay.payments.acceptSimulatePaid)
    return { outcome: 'ignored', detail: 'SimulatePaid=1: no money moved' };
  if (n.tradeAmt !== p.amountMinor) {
    if (!(await repo.hadOutcome(tx, { paymentId: p.id, outcome: 'amount_mismatch' })))
      await appendEvent(tx, PaymentEvents.flagged, {
        aggregateId: p.id,
        payload: { ...attempt, reason: 'amount_mismatch', reportedAmount: n.tradeAmt, notificationId: v.noteId },
      });
    return { outcome: 'amount_mismatch', detail: `TradeAmt ${n.tradeAmt}, attempt ${p.amountMinor}` };
  }

  if (n.kind === 'payment_info') return applyCode(tx, deps, { p, n, now, attempt });

  if (n.paid) {
    if (MONEY_RECORDED.has(p.status)) return { outcome: 'duplicate', detail: `payment already ${p.status}` };
    const order = await findOrderRow(tx, p.orderId);
    if (!order) throw new Error(`order ${p.orderId} of payment ${p.id} vanished`);
    const paidAt = parseTaipeiDateTime(n.paymentDate) ?? now;
    const wanted = order.status === 'pending_payment';
    // Stock, promotion uses, then the order (applyTransition); the payment after it.
    if (wanted) await applyTransition(tx, { order, to: 'paid', actor: SYSTEM, reason: 'ecpay_paid', now });
    const moved = await repo.movePayment(tx, {
      id: p.id,
      from: paymentStatusesBefore('succeeded'),
      to: 'succeeded',
      now,
      set: { providerTradeNo: n.tradeNo, paidAt },
    });
    if (!moved) throw new Error(`payment ${p.id} could not move from ${p.status} to succeeded`);
    if (wanted)
      await repo.moveOpen(tx, { orderId: p.orderId, from: paymentStatusesBefore('cancelled'), to: 'cancelled', now, except: p.id });
    await appendEvent(tx, PaymentEvents.succeeded, {
      aggregateId: p.id,
      payload: { ...attempt, method: n.paymentType, paidAt: paidAt.toISOString() },
    });
    if (!wanted) {
      await appendEvent(tx, PaymentEvents.needsRefund, { aggregateId: p.id, payload: { ...attempt, orderStatus: order.status } });
      return { outcome: 'applied', detail: `${NEEDS_REFUND_DETAIL} ${order.status}: to be refunded` };
    }
    return { outcome: 'applied', detail: `paid (${n.paymentType})` };
  }

  // A failed payment (ReturnURL, RtnCode other than 1).
  if (p.status === 'failed') return { outcome: 'duplicate', detail: 'payment already failed' };
  if (p.status !== 'pending') return { outcome: 'stale', detail: `failure for a payment already ${p.status}` };
  const order = await findOrderRow(tx, p.orderId);
  if (!order) throw new Error(`order ${p.orderId} of payment ${p.id} vanished`);
  const reason = `ecpay_failed: ${n.rtnCode}`;
  // The cancellation below releases stock and uses after the order row was updated: their locks first.
  if (order.status === 'pending_payment') await lockOrderEffects(tx, order.id);
  const failedOrder =
    order.status === 'pending_payment' ? await applyTransition(tx, { order, to: 'payment_failed', actor: SYSTEM, reason, now }) : null;
  await repo.movePayment(tx, { id: p.id, from: ['pending'], to: 'failed', now, set: { providerTradeNo: n.tradeNo } });
  if (failedOrder) await applyTransition(tx, { order: failedOrder, to: 'cancelled', actor: SYSTEM, reason, now });
  await appendEvent(tx, PaymentEvents.failed, { aggregateId: p.id, payload: { ...attempt, rtnCode: n.rtnCode, rtnMsg: n.rtnMsg } });
  return { outcome: 'applied', detail: `failed (${n.rtnCode} ${n.rtnMsg})${failedOrder ? '' : `; the order was ${order.status}`}` };
}

/** When an issued code can no longer be paid: an ATM date counts to the end of that day (Taiwan time). */
function deadlineOf(n: PaymentInfo): Date | undefined {
  const at = parseTaipeiDateTime(n.expireDate);
  if (!at) return undefined;
  return /^\d{4}\/\d{2}\/\d{2}$/.test(n.expireDate) ? new Date(at.getTime() + 24 * 3600_000) : at;
}

function codeInfoOf(n: PaymentInfo, expiresAt: Date): EcpayCodeInfo | undefined {
  const at = expiresAt.toISOString();
  if (n.bankCode && n.vAccount) return { kind: 'atm', bankCode: n.bankCode, vAccount: n.vAccount, expiresAt: at };
  if (n.paymentNo) return { kind: 'cvs', paymentNo: n.paymentNo, expiresAt: at };
  if (n.barcodes.every((b) => b !== '')) return { kind: 'barcode', barcodes: n.barcodes, expiresAt: at };
  return undefined;
}

const sameCode = (a: EcpayCodeInfo | null, b: EcpayCodeInfo) => a !== null && JSON.stringify(a) === JSON.stringify(b);

/** PaymentInfoURL: an ATM account or a store code was issued; the order waits for it until its deadline. */
async function applyCode(
  tx: Tx,
  deps: EcpayDeps,
  { p, n, now, attempt }: { p: repo.PaymentRow; n: PaymentInfo; now: Date; attempt: Omit<PaymentEventInput, 'code' | 'guestLinkToken'> },
): Promise<Applied> {
  if (!n.issued) return { outcome: 'ignored', detail: `no code issued (${n.rtnCode} ${n.rtnMsg})` };
  const expiresAt = deadlineOf(n);
  const code = expiresAt ? codeInfoOf(n, expiresAt) : undefined;
  if (!expiresAt || !code) return { outcome: 'malformed', detail: `an issued code without its number or deadline (${n.paymentType})` };
  if (p.status !== 'pending') return { outcome: 'stale', detail: `code for a payment already ${p.status}` };
  if (sameCode(p.codeInfo, code)) return { outcome: 'duplicate', detail: 'code already stored' };
  // The order (and its stock) before the payment, as in the global lock order.
  const extended = await extendPaymentDeadline(tx, { orderId: p.orderId, until: expiresAt, now });
  await repo.setCodeInfo(tx, { id: p.id, codeInfo: code, providerTradeNo: n.tradeNo, now });
  // The buyer's mail with the code (payment-code-mail.ts); a guest's link carries the signed token.
  const owner = (await findOrderRow(tx, p.orderId))?.userId ?? null;
  const guestLinkToken = !owner && deps.orders.linkKey ? await orderToken(deps.orders, p.orderId) : null;
  await appendEvent(tx, PaymentEvents.codeIssued, { aggregateId: p.id, payload: { ...attempt, code, guestLinkToken } });
  return { outcome: 'applied', detail: `${code.kind} code until ${code.expiresAt}${extended ? '; order deadline extended' : ''}` };
}
