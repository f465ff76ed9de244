// The payments module's SQL.
import type { PaymentStatus } from '@shop/contracts/orders';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { payments } from './payments.tables.js';

export type PaymentRow = typeof payments.$inferSelect;

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

/** Moves the order's payments that are in one of `from` to `to` (each row once: a conditional UPDATE). */
export async function moveOpen(
  tx: Tx,
  v: { orderId: string; from: readonly PaymentStatus[]; to: PaymentStatus; now: Date },
): Promise<number> {
  const rows = await tx
    .update(payments)
    .set({ status: v.to, updatedAt: v.now })
    .where(and(eq(payments.orderId, v.orderId), inArray(payments.status, [...v.from])))
    .returning({ id: payments.id });
  return rows.length;
}

/** Order ids whose latest payment has this status. */
export async function orderIdsWithLatestStatus(db: DbOrTx, status: PaymentStatus): Promise<string[]> {
  const rows = await db.execute<{ order_id: string }>(sql`
    SELECT order_id FROM (
      SELECT DISTINCT ON (order_id) order_id, status FROM ${payments} ORDER BY order_id, created_at DESC, id DESC
    ) latest WHERE status = ${status}`);
  return rows.rows.map((r) => r.order_id);
}
