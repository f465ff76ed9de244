// Staff's views of payments: an order's attempts with every stored notice (raw, as ECPay sent it),
// and the payments staff must act on. Plain reads, as allowed to read orders.
import type { AdminOrderPayments, AdminPaymentNotification, FlaggedPayment, FlaggedPaymentList } from '@shop/contracts/payments-admin';
import { parseRawPairs } from '@shop/ecpay';
import type { AccessContext } from '../../platform/access.js';
import { authorize } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';
import { NotFoundError, UnauthorizedError } from '../../platform/errors.js';
import { findOrderRow, orderNumbersOf } from '../orders/index.js';
import * as adminRepo from './admin-payments.repo.js';
import { NEEDS_REFUND_DETAIL, type EcpayDeps } from './ecpay.service.js';
import * as repo from './payments.repo.js';
import { paymentsOf } from './payments.service.js';

interface StaffCall {
  actor: Actor | null;
  context: AccessContext;
}

/** The body's name=value pairs in order: a form post (URL-encoded) or a query answer (raw pairs). Null for anything else. */
export function fieldsOf(kind: repo.NotificationRow['kind'], rawBody: string): Array<{ name: string; value: string }> | null {
  if (!rawBody.includes('=')) return null;
  if (kind === 'query') {
    const pairs = parseRawPairs(rawBody);
    return pairs ? Object.entries(pairs).map(([name, value]) => ({ name, value })) : null;
  }
  try {
    return [...new URLSearchParams(rawBody)].map(([name, value]) => ({ name, value }));
  } catch {
    return null;
  }
}

const isFlagged = (n: repo.NotificationRow) =>
  n.outcome === 'amount_mismatch' || (n.outcome === 'applied' && (n.detail ?? '').startsWith(`${NEEDS_REFUND_DETAIL} `));

function noticeView(n: repo.NotificationRow): AdminPaymentNotification {
  return {
    id: n.id,
    kind: n.kind,
    receivedAt: n.receivedAt.toISOString(),
    outcome: n.outcome,
    detail: n.detail,
    flagged: isFlagged(n),
    paymentStatusBefore: n.paymentStatusBefore,
    paymentStatusAfter: n.paymentStatusAfter,
    rawBody: n.rawBody,
    fields: fieldsOf(n.kind, n.rawBody),
  };
}

/** An order's payment attempts, newest first, each with its notices newest first. 404 for an unknown order. */
export async function orderPaymentsForStaff(
  deps: Pick<EcpayDeps, 'db'>,
  call: StaffCall & { orderId: string },
): Promise<AdminOrderPayments> {
  if (!call.actor) throw new UnauthorizedError();
  await authorize(deps.db, { actor: call.actor, context: call.context, action: 'read', resource: { type: 'order', id: call.orderId } });
  const order = await findOrderRow(deps.db, call.orderId);
  if (!order) throw new NotFoundError('order', call.orderId, 'ORDER_NOT_FOUND');
  const rows = await repo.paymentsOf(deps.db, [order.id]);
  const views = new Map((await paymentsOf(deps.db, [order.id])).map((p) => [p.id, p]));
  const notices = await adminRepo.noticesOf(deps.db, {
    paymentIds: rows.map((r) => r.id),
    merchantTradeNos: rows.flatMap((r) => (r.merchantTradeNo ? [r.merchantTradeNo] : [])),
  });
  const attemptOf = (n: repo.NotificationRow) => n.paymentId ?? rows.find((r) => r.merchantTradeNo === n.merchantTradeNo)?.id;
  const attempts = [...rows].reverse().map((r) => {
    const view = views.get(r.id)!;
    return {
      id: r.id,
      provider: r.provider,
      method: r.method,
      ecpayMethod: view.ecpayMethod,
      merchantTradeNo: r.merchantTradeNo,
      providerTradeNo: r.providerTradeNo,
      amount: r.amountMinor,
      status: r.status,
      code: view.code,
      paidAt: r.paidAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      notifications: notices.filter((n) => attemptOf(n) === r.id).map(noticeView),
    };
  });
  return { orderId: order.id, orderNumber: order.orderNumber, orderStatus: order.status, attempts };
}

const tradeAmtOf = (n: repo.NotificationRow): number | null => {
  const value = fieldsOf(n.kind, n.rawBody)?.find((f) => f.name === 'TradeAmt')?.value;
  return value && /^\d{1,9}$/.test(value) ? Number(value) : null;
};

/** Notices staff must act on, newest first: another amount than the attempt's, money for an order that no longer wanted it. */
export async function flaggedPayments(
  deps: Pick<EcpayDeps, 'db'>,
  call: StaffCall & { page: number; pageSize: number },
): Promise<FlaggedPaymentList> {
  if (!call.actor) throw new UnauthorizedError();
  await authorize(deps.db, { actor: call.actor, context: call.context, action: 'read', resource: { type: 'order' } });
  const { rows, total } = await adminRepo.flaggedNotices(deps.db, { limit: call.pageSize, offset: (call.page - 1) * call.pageSize });
  const orderIds = [...new Set(rows.map((r) => r.payment.orderId))];
  const numbers = await orderNumbersOf(deps.db, orderIds);
  const statuses = new Map<string, FlaggedPayment['orderStatus']>();
  // One after the other: a page holds at most 100 orders.
  for (const id of orderIds) statuses.set(id, (await findOrderRow(deps.db, id))?.status ?? null);
  const items: FlaggedPayment[] = rows.map(({ note, payment }) => ({
    reason: note.outcome === 'amount_mismatch' ? 'amount_mismatch' : 'needs_refund',
    at: note.receivedAt.toISOString(),
    notificationId: note.id,
    paymentId: payment.id,
    merchantTradeNo: payment.merchantTradeNo,
    orderId: payment.orderId,
    orderNumber: numbers.get(payment.orderId) ?? '',
    orderStatus: statuses.get(payment.orderId) ?? null,
    amount: payment.amountMinor,
    reportedAmount: tradeAmtOf(note),
    paymentStatus: payment.status,
    detail: note.detail,
  }));
  return { items, total, page: call.page, pageSize: call.pageSize };
}
