// The payments module's SQL.
import type { PaymentStatus } from '@shop/contracts/orders';
import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import {
  paymentNotifications,
  payments,
  refundLines,
  refunds,
  type EcpayCodeInfo,
  type PaymentProviders,
  type ProviderCall,
} from './payments.tables.js';

export type PaymentRow = typeof payments.$inferSelect;
export type NotificationRow = typeof paymentNotifications.$inferSelect;

export async function insertPayment(tx: Tx, v: typeof payments.$inferInsert): Promise<PaymentRow> {
  const [row] = await tx.insert(payments).values(v).returning();
  return row!;
}

export async function paymentsOf(db: DbOrTx, orderIds: readonly string[]): Promise<PaymentRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(payments)
    .where(inArray(payments.orderId, [...orderIds]))
    .orderBy(asc(payments.createdAt), asc(payments.id));
}

export async function findByMerchantTradeNo(db: DbOrTx, merchantTradeNo: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.merchantTradeNo, merchantTradeNo));
  return row;
}

export async function findPayment(db: DbOrTx, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id));
  return row;
}

/**
 * Moves the order's payments that are in one of `from` to `to` (each row once: a conditional
 * UPDATE), only those of `provider` when given, never `except`.
 */
export async function moveOpen(
  tx: Tx,
  v: {
    orderId: string;
    from: readonly PaymentStatus[];
    to: PaymentStatus;
    now: Date;
    provider?: (typeof PaymentProviders)[number];
    except?: string;
  },
): Promise<number> {
  const rows = await tx
    .update(payments)
    .set({ status: v.to, updatedAt: v.now })
    .where(
      and(
        eq(payments.orderId, v.orderId),
        inArray(payments.status, [...v.from]),
        v.provider ? eq(payments.provider, v.provider) : undefined,
        v.except ? ne(payments.id, v.except) : undefined,
      ),
    )
    .returning({ id: payments.id });
  return rows.length;
}

/** One payment from one of `from` to `to`, with the columns that go with the move; undefined when it was elsewhere. */
export async function movePayment(
  tx: Tx,
  v: { id: string; from: readonly PaymentStatus[]; to: PaymentStatus; now: Date; set?: Partial<typeof payments.$inferInsert> },
): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .update(payments)
    .set({ ...v.set, status: v.to, updatedAt: v.now })
    .where(and(eq(payments.id, v.id), inArray(payments.status, [...v.from])))
    .returning();
  return row;
}

/** Stores an issued code on a payment still pending; undefined when it is not pending any more. */
export async function setCodeInfo(
  tx: Tx,
  v: { id: string; codeInfo: EcpayCodeInfo; providerTradeNo: string; now: Date },
): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .update(payments)
    .set({ codeInfo: v.codeInfo, providerTradeNo: v.providerTradeNo, updatedAt: v.now })
    .where(and(eq(payments.id, v.id), eq(payments.status, 'pending')))
    .returning();
  return row;
}

/** Order ids whose latest payment has this status. */
export async function orderIdsWithLatestStatus(db: DbOrTx, status: PaymentStatus): Promise<string[]> {
  const rows = await db.execute<{ order_id: string }>(sql`
    SELECT order_id FROM (
      SELECT DISTINCT ON (order_id) order_id, status FROM ${payments} ORDER BY order_id, created_at DESC, id DESC
    ) latest WHERE status = ${status}`);
  return rows.rows.map((r) => r.order_id);
}

/**
 * Serialises the provider callbacks of one order inside `tx` (an advisory lock in a key space of
 * its own, taken before any row lock, released at commit): two deliveries of the same notice apply once.
 */
export async function lockOrderPayments(tx: Tx, orderId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('payments.callbacks'), hashtext(${orderId}))`);
}

// ---------- notifications ----------

/** The raw notification, in a statement of its own (committed whatever happens next). */
export async function insertNotification(db: Db, v: typeof paymentNotifications.$inferInsert): Promise<NotificationRow> {
  const [row] = await db.insert(paymentNotifications).values(v).returning();
  return row!;
}

export async function finishNotification(
  db: DbOrTx,
  v: Pick<NotificationRow, 'id' | 'outcome' | 'detail' | 'merchantTradeNo' | 'paymentId'> &
    Partial<Pick<NotificationRow, 'paymentStatusBefore' | 'paymentStatusAfter'>>,
): Promise<void> {
  await db
    .update(paymentNotifications)
    .set({
      outcome: v.outcome,
      detail: v.detail,
      merchantTradeNo: v.merchantTradeNo,
      paymentId: v.paymentId,
      paymentStatusBefore: v.paymentStatusBefore ?? null,
      paymentStatusAfter: v.paymentStatusAfter ?? null,
    })
    .where(eq(paymentNotifications.id, v.id));
}

/** Whether this payment already had a notification with this outcome (flag staff once, not per re-send). */
export async function hadOutcome(db: DbOrTx, v: { paymentId: string; outcome: NotificationRow['outcome'] }): Promise<boolean> {
  const [row] = await db
    .select({ id: paymentNotifications.id })
    .from(paymentNotifications)
    .where(and(eq(paymentNotifications.paymentId, v.paymentId), eq(paymentNotifications.outcome, v.outcome!)))
    .limit(1);
  return row !== undefined;
}

// ---------- reconciliation ----------

/**
 * Claims up to `max` pending ECPay attempts due for a query: made before `createdBefore`, still
 * within a day of their code's deadline (or of their making, without a code), and not leased. Each
 * claimed row's lease moves to `leaseUntil` in this one statement (`FOR UPDATE SKIP LOCKED`), so
 * workers running side by side take different rows; no lock outlives it.
 */
export async function claimForReconcile(
  db: Db,
  v: { now: Date; createdBefore: Date; leaseUntil: Date; max: number },
): Promise<Array<{ id: string }>> {
  const rows = await db.execute<{ id: string }>(sql`
    UPDATE ${payments} SET reconcile_after = ${v.leaseUntil.toISOString()}::timestamptz
    WHERE id IN (
      SELECT id FROM ${payments}
      WHERE provider = 'ecpay' AND status = 'pending'
        AND created_at <= ${v.createdBefore.toISOString()}::timestamptz
        AND COALESCE((code_info->>'expiresAt')::timestamptz, created_at) + interval '1 day' > ${v.now.toISOString()}::timestamptz
        AND (reconcile_after IS NULL OR reconcile_after <= ${v.now.toISOString()}::timestamptz)
      ORDER BY reconcile_after NULLS FIRST, created_at
      LIMIT ${v.max}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`);
  return rows.rows;
}

/** An order's pending ECPay attempts, oldest first. */
export async function pendingEcpayOf(db: DbOrTx, orderId: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.provider, 'ecpay'), eq(payments.status, 'pending')))
    .orderBy(asc(payments.createdAt), asc(payments.id));
}

/** Query answers received in [from, to) that changed something, with their attempt, oldest first. */
export async function appliedQueries(
  db: DbOrTx,
  v: { from: Date; to: Date; limit: number },
): Promise<Array<{ note: NotificationRow; payment: PaymentRow }>> {
  return db
    .select({ note: paymentNotifications, payment: payments })
    .from(paymentNotifications)
    .innerJoin(payments, eq(payments.id, paymentNotifications.paymentId))
    .where(
      and(
        eq(paymentNotifications.kind, 'query'),
        eq(paymentNotifications.outcome, 'applied'),
        gte(paymentNotifications.receivedAt, v.from),
        lt(paymentNotifications.receivedAt, v.to),
      ),
    )
    .orderBy(asc(paymentNotifications.receivedAt), asc(paymentNotifications.id))
    .limit(v.limit);
}

// ---------- refunds ----------

export type RefundRow = typeof refunds.$inferSelect;
export type RefundLineRow = typeof refundLines.$inferSelect;

/** A new refund and its lines. Throws the unique violation (23505) when the order has an open refund. */
export async function insertRefund(
  tx: Tx,
  v: typeof refunds.$inferInsert,
  lines: ReadonlyArray<Omit<RefundLineRow, 'refundId'>>,
): Promise<RefundRow> {
  const [row] = await tx.insert(refunds).values(v).returning();
  if (lines.length > 0) await tx.insert(refundLines).values(lines.map((l) => ({ ...l, refundId: row!.id })));
  return row!;
}

export async function findRefund(db: DbOrTx, id: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, id));
  return row;
}

/** The payment row `FOR UPDATE` (after the order's lock, before the refund's). */
export async function lockPayment(tx: Tx, id: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

/** The refund row `FOR UPDATE` (last in the lock order: after the order and its payment). */
export async function lockRefund(tx: Tx, id: string): Promise<RefundRow | undefined> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, id)).for('update');
  return row;
}

/** The order's refunds, oldest first. */
export async function refundsOfOrder(db: DbOrTx, orderId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.createdAt), asc(refunds.id));
}

/** The lines of these refunds. */
export async function linesOfRefunds(db: DbOrTx, refundIds: readonly string[]): Promise<RefundLineRow[]> {
  if (refundIds.length === 0) return [];
  return db
    .select()
    .from(refundLines)
    .where(inArray(refundLines.refundId, [...refundIds]));
}

/** One refund from one of `from` to `to`, with the columns that go with the move; undefined when it was elsewhere. */
export async function moveRefund(
  tx: Tx,
  v: { id: string; from: readonly RefundRow['status'][]; to: RefundRow['status']; now: Date; set?: Partial<typeof refunds.$inferInsert> },
): Promise<RefundRow | undefined> {
  const [row] = await tx
    .update(refunds)
    .set({ ...v.set, status: v.to, updatedAt: v.now })
    .where(and(eq(refunds.id, v.id), inArray(refunds.status, [...v.from])))
    .returning();
  return row;
}

/** Appends a provider call to the refund (a statement of its own: kept whatever happens next). */
export async function appendProviderCall(db: DbOrTx, v: { id: string; call: ProviderCall }): Promise<void> {
  await db
    .update(refunds)
    .set({ providerCalls: sql`${refunds.providerCalls} || ${JSON.stringify([v.call])}::jsonb` })
    .where(eq(refunds.id, v.id));
}

/** Staff's queue: refunds (of one status, or all), newest first, and how many there are. */
export async function listRefunds(
  db: DbOrTx,
  v: { status?: RefundRow['status'] | undefined; page: number; pageSize: number },
): Promise<{ rows: RefundRow[]; total: number }> {
  const where = v.status ? eq(refunds.status, v.status) : undefined;
  const rows = await db
    .select()
    .from(refunds)
    .where(where)
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(v.pageSize)
    .offset((v.page - 1) * v.pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(refunds)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

/** The payment's notices and query answers that were applied, newest first (what ECPay said the buyer paid with). */
export async function appliedNoticesOf(db: DbOrTx, paymentId: string): Promise<NotificationRow[]> {
  return db
    .select()
    .from(paymentNotifications)
    .where(
      and(
        eq(paymentNotifications.paymentId, paymentId),
        eq(paymentNotifications.outcome, 'applied'),
        inArray(paymentNotifications.kind, ['return', 'query']),
      ),
    )
    .orderBy(desc(paymentNotifications.receivedAt));
}
