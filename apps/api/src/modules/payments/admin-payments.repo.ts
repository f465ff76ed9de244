// SQL of staff's payment views: the notices of an order's attempts, and the flagged notices.
import { and, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { NEEDS_REFUND_DETAIL } from './ecpay.service.js';
import { paymentNotifications, payments } from './payments.tables.js';
import type { NotificationRow, PaymentRow } from './payments.repo.js';

/** At most this many notices per order view (a trade re-sent without end stays readable). */
const NOTICES_PER_ORDER = 500;

/**
 * The notices of these attempts, newest first: the ones matched to an attempt, and the ones refused
 * before matching (a wrong CheckMacValue) that name one of their MerchantTradeNos.
 */
export async function noticesOf(
  db: DbOrTx,
  v: { paymentIds: readonly string[]; merchantTradeNos: readonly string[] },
): Promise<NotificationRow[]> {
  if (v.paymentIds.length === 0) return [];
  const byTradeNo =
    v.merchantTradeNos.length > 0
      ? and(isNull(paymentNotifications.paymentId), inArray(paymentNotifications.merchantTradeNo, [...v.merchantTradeNos]))
      : undefined;
  return db
    .select()
    .from(paymentNotifications)
    .where(or(inArray(paymentNotifications.paymentId, [...v.paymentIds]), byTradeNo))
    .orderBy(desc(paymentNotifications.receivedAt), desc(paymentNotifications.id))
    .limit(NOTICES_PER_ORDER);
}

/**
 * What staff must act on: notices that reported another amount than their attempt's, and the
 * notices that recorded money for an order no longer waiting for it while that money is still held
 * (the attempt still `succeeded`, not refunded).
 */
const flaggedWhere = (): SQL =>
  or(
    eq(paymentNotifications.outcome, 'amount_mismatch'),
    and(
      eq(paymentNotifications.outcome, 'applied'),
      eq(paymentNotifications.paymentStatusAfter, 'succeeded'),
      like(paymentNotifications.detail, `${NEEDS_REFUND_DETAIL} %`),
      eq(payments.status, 'succeeded'),
    ),
  )!;

export async function flaggedNotices(
  db: DbOrTx,
  v: { limit: number; offset: number },
): Promise<{ rows: Array<{ note: NotificationRow; payment: PaymentRow }>; total: number }> {
  const rows = await db
    .select({ note: paymentNotifications, payment: payments })
    .from(paymentNotifications)
    .innerJoin(payments, eq(payments.id, paymentNotifications.paymentId))
    .where(flaggedWhere())
    .orderBy(desc(paymentNotifications.receivedAt), desc(paymentNotifications.id))
    .limit(v.limit)
    .offset(v.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(paymentNotifications)
    .innerJoin(payments, eq(payments.id, paymentNotifications.paymentId))
    .where(flaggedWhere());
  return { rows, total: count?.n ?? 0 };
}
