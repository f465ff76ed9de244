// The orders module's SQL: orders, items, addresses, history and the order-number counters.
import type { AdminOrderListQuery, OrderStatus } from '@shop/contracts/orders';
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { SEQUENCE_PER_SECOND } from './order-number.js';
import { orderAddresses, orderItems, orderNumberCounters, orders, orderStatusHistory } from './orders.tables.js';

export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type OrderAddressRow = typeof orderAddresses.$inferSelect;
export type HistoryRow = typeof orderStatusHistory.$inferSelect;

// ---------- numbers ----------

export type Allocation =
  { ok: true; second: number; seq: number } | { ok: false; reason: 'clock_behind' | 'exhausted'; lastSecond: number };

/**
 * The next sequence of (instance, bucket) in `second`, in one statement that commits on its own:
 * a later second starts at 0, the same second counts on up to 999. Refused when the counter has
 * already seen a later second (the clock went back) or the second's numbers are used up.
 */
export async function allocateSequence(db: Db, v: { instanceId: number; bucket: number; second: number }): Promise<Allocation> {
  const rows = await db.execute<{ second: string; seq: number }>(sql`
    INSERT INTO ${orderNumberCounters} (instance_id, bucket, second, seq)
    VALUES (${v.instanceId}, ${v.bucket}, ${v.second}, 0)
    ON CONFLICT (instance_id, bucket) DO UPDATE
      SET seq = CASE WHEN ${orderNumberCounters}.second = EXCLUDED.second THEN ${orderNumberCounters}.seq + 1 ELSE 0 END,
          second = EXCLUDED.second
      WHERE ${orderNumberCounters}.second < EXCLUDED.second
         OR (${orderNumberCounters}.second = EXCLUDED.second AND ${orderNumberCounters}.seq < ${SEQUENCE_PER_SECOND - 1})
    RETURNING second, seq`);
  const row = rows.rows[0];
  if (row) return { ok: true, second: Number(row.second), seq: Number(row.seq) };
  const [current] = await db
    .select({ second: orderNumberCounters.second })
    .from(orderNumberCounters)
    .where(and(eq(orderNumberCounters.instanceId, v.instanceId), eq(orderNumberCounters.bucket, v.bucket)));
  const lastSecond = current?.second ?? v.second;
  return { ok: false, reason: lastSecond > v.second ? 'clock_behind' : 'exhausted', lastSecond };
}

// ---------- writes ----------

export async function insertOrder(tx: Tx, v: typeof orders.$inferInsert): Promise<OrderRow> {
  const [row] = await tx.insert(orders).values(v).returning();
  return row!;
}

export async function insertItems(tx: Tx, rows: Array<typeof orderItems.$inferInsert>): Promise<void> {
  if (rows.length > 0) await tx.insert(orderItems).values(rows);
}

export async function insertAddresses(tx: Tx, rows: Array<typeof orderAddresses.$inferInsert>): Promise<void> {
  if (rows.length > 0) await tx.insert(orderAddresses).values(rows);
}

export async function insertHistory(tx: Tx, v: typeof orderStatusHistory.$inferInsert): Promise<void> {
  await tx.insert(orderStatusHistory).values(v);
}

/** The one conditional UPDATE of a transition: only while the order is still `from`. */
export async function moveStatus(
  tx: Tx,
  v: { id: string; from: OrderStatus; to: OrderStatus; now: Date; clearExpiry: boolean; dueBy?: Date },
): Promise<OrderRow | undefined> {
  const [row] = await tx
    .update(orders)
    .set({
      status: v.to,
      version: sql`${orders.version} + 1`,
      updatedAt: v.now,
      ...(v.clearExpiry ? { reservationExpiresAt: null } : {}),
    })
    .where(and(eq(orders.id, v.id), eq(orders.status, v.from), v.dueBy ? lte(orders.reservationExpiresAt, v.dueBy) : undefined))
    .returning();
  return row;
}

/** A staff edit: only at the version the editor read; bumps it. */
export async function updateAtVersion(
  tx: Tx,
  v: { id: string; version: number; now: Date; note?: string | null | undefined },
): Promise<OrderRow | undefined> {
  const [row] = await tx
    .update(orders)
    .set({ version: sql`${orders.version} + 1`, updatedAt: v.now, ...(v.note !== undefined ? { note: v.note } : {}) })
    .where(and(eq(orders.id, v.id), eq(orders.version, v.version)))
    .returning();
  return row;
}

export async function upsertAddress(tx: Tx, v: typeof orderAddresses.$inferInsert): Promise<void> {
  await tx
    .insert(orderAddresses)
    .values(v)
    .onConflictDoUpdate({
      target: [orderAddresses.orderId, orderAddresses.role],
      set: { name: v.name, mobile: v.mobile, zip: v.zip, city: v.city, district: v.district, line: v.line },
    });
}

/** Unpaid orders past their deadline, oldest deadline first. A plain read: the cancel locks each later. */
export async function expiredOrders(db: DbOrTx, now: Date, limit: number): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.status, 'pending_payment'), lte(orders.reservationExpiresAt, now)))
    .orderBy(asc(orders.reservationExpiresAt))
    .limit(limit);
}

/** An unpaid order's deadline moves to `until` where it is earlier (only while pending_payment). */
export async function extendExpiry(tx: Tx, v: { id: string; until: Date; now: Date }): Promise<OrderRow | undefined> {
  const [row] = await tx
    .update(orders)
    .set({ reservationExpiresAt: v.until, updatedAt: v.now })
    .where(and(eq(orders.id, v.id), eq(orders.status, 'pending_payment'), lt(orders.reservationExpiresAt, v.until)))
    .returning();
  return row;
}

/** The order row, locked for this transaction (payments come after the order in the lock order). */
export async function lockOrder(tx: Tx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id)).for('update');
  return row;
}

// ---------- reads ----------

export async function findOrder(db: DbOrTx, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row;
}

/** The order numbers of these orders, by order id (ids of no order are left out). */
export async function orderNumbersOf(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orders.id, orderNumber: orders.orderNumber })
    .from(orders)
    .where(inArray(orders.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.orderNumber]));
}

/** The buyer's name of each of these orders. */
export async function buyerNamesOf(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orderAddresses.orderId, name: orderAddresses.name })
    .from(orderAddresses)
    .where(and(inArray(orderAddresses.orderId, [...ids]), eq(orderAddresses.role, 'buyer')));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findByNumber(db: DbOrTx, orderNumber: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.orderNumber, orderNumber));
  return row;
}

export async function itemsOf(db: DbOrTx, orderId: string): Promise<OrderItemRow[]> {
  return db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.position));
}

export async function addressesOf(db: DbOrTx, orderId: string): Promise<OrderAddressRow[]> {
  return db.select().from(orderAddresses).where(eq(orderAddresses.orderId, orderId));
}

export async function historyOf(db: DbOrTx, orderId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(orderStatusHistory)
    .where(eq(orderStatusHistory.orderId, orderId))
    .orderBy(asc(orderStatusHistory.at), asc(orderStatusHistory.id));
}

// Correlated on the outer query's orders row (spelled out: drizzle writes bare column names here).
const itemCount = sql<number>`(SELECT coalesce(sum(oi.quantity), 0)::int FROM order_items oi WHERE oi.order_id = "orders"."id")`;

export interface SummaryRow {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  createdAt: Date;
  total: number;
  itemCount: number;
  paymentMethod: OrderRow['paymentMethod'];
}

/** What a list shows of each order (the shopper's list; the staff list adds the buyer). */
const summaryColumns = {
  id: orders.id,
  orderNumber: orders.orderNumber,
  status: orders.status,
  createdAt: orders.createdAt,
  total: orders.totalMinor,
  itemCount,
  paymentMethod: orders.paymentMethod,
};

/** A user's orders, newest first, with the units they hold. */
export async function listOwn(
  db: DbOrTx,
  v: { userId: string; status?: OrderStatus | undefined; page: number; pageSize: number },
): Promise<{ rows: SummaryRow[]; total: number }> {
  const where = and(eq(orders.userId, v.userId), v.status ? eq(orders.status, v.status) : undefined);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(v.pageSize)
      .offset((v.page - 1) * v.pageSize),
    db.select({ n: count() }).from(orders).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}

export interface AdminSummaryRow extends SummaryRow {
  buyerName: string;
  buyerEmail: string | null;
  buyerMobile: string;
  shippingMethodId: string | null;
}

/**
 * The staff list. The payment status filter is given as the order ids the payments module found
 * (`orderIds`); the payment status per order is added by the caller.
 */
export async function adminList(
  db: DbOrTx,
  q: AdminOrderListQuery & { orderIds?: readonly string[] | undefined },
): Promise<{ rows: AdminSummaryRow[]; total: number }> {
  const conds: Array<SQL | undefined> = [
    q.status ? eq(orders.status, q.status) : undefined,
    q.from ? gte(orders.createdAt, new Date(q.from)) : undefined,
    q.to ? lt(orders.createdAt, new Date(q.to)) : undefined,
    q.orderNumber ? sql`${orders.orderNumber} LIKE ${`${q.orderNumber}%`}` : undefined,
    q.shippingMethodId ? eq(orders.shippingMethodId, q.shippingMethodId) : undefined,
    q.email ? sql`lower(${orderAddresses.email}) = ${q.email.toLowerCase()}` : undefined,
    q.phone ? sql`${orderAddresses.mobile} LIKE ${`${q.phone}%`}` : undefined,
    q.orderIds ? (q.orderIds.length ? inArray(orders.id, [...q.orderIds]) : sql`false`) : undefined,
  ];
  const where = and(...conds);
  const sortCol = q.sort === 'total' ? orders.totalMinor : q.sort === 'orderNumber' ? orders.orderNumber : orders.createdAt;
  const dir = q.dir === 'asc' ? asc : desc;
  const joinBuyer = and(eq(orderAddresses.orderId, orders.id), eq(orderAddresses.role, 'buyer'));
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        ...summaryColumns,
        buyerName: orderAddresses.name,
        buyerEmail: orderAddresses.email,
        buyerMobile: sql<string>`coalesce(${orderAddresses.mobile}, '')`,
        shippingMethodId: orders.shippingMethodId,
      })
      .from(orders)
      .innerJoin(orderAddresses, joinBuyer)
      .where(where)
      .orderBy(dir(sortCol), dir(orders.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(orders).innerJoin(orderAddresses, joinBuyer).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}

// ---------- the staff dashboard ----------

/** Statuses whose total is not money the shop gets: the order was called off or paid back. */
const NOT_REVENUE: readonly OrderStatus[] = ['cancelled', 'payment_failed', 'refunded'];
/** Statuses of an order that has been paid (and not paid back in full). */
const PAID: readonly OrderStatus[] = ['paid', 'preparing_shipment', 'shipped', 'completed', 'refund_requested', 'refund_rejected'];

export interface DayFigures {
  day: string;
  from: Date;
  to: Date;
  orders: number;
  revenue: number;
  paid: number;
}

/**
 * The calendar day of `now` in `timeZone` (PostgreSQL's zone rules, daylight saving included), its
 * bounds [from, to), and the orders placed in it: how many, the totals of those not cancelled,
 * failed or refunded, and the part of that already paid.
 */
export async function dayFigures(db: DbOrTx, v: { now: Date; timeZone: string }): Promise<DayFigures> {
  const notRevenue = sql.join(
    NOT_REVENUE.map((s) => sql`${s}`),
    sql`, `,
  );
  const paid = sql.join(
    PAID.map((s) => sql`${s}`),
    sql`, `,
  );
  const res = await db.execute<{ day: string; from: Date | string; to: Date | string; orders: number; revenue: string; paid: string }>(sql`
    WITH d AS (SELECT (${v.now.toISOString()}::timestamptz AT TIME ZONE ${v.timeZone})::date AS day),
         b AS (SELECT day, day::timestamp AT TIME ZONE ${v.timeZone} AS f, (day + 1)::timestamp AT TIME ZONE ${v.timeZone} AS t FROM d)
    SELECT to_char(b.day, 'YYYY-MM-DD') AS day, b.f AS "from", b.t AS "to",
           count(o.id)::int AS orders,
           coalesce(sum(o.total_minor) FILTER (WHERE o.status NOT IN (${notRevenue})), 0)::bigint AS revenue,
           coalesce(sum(o.total_minor) FILTER (WHERE o.status IN (${paid})), 0)::bigint AS paid
    FROM b LEFT JOIN ${orders} o ON o.created_at >= b.f AND o.created_at < b.t
    GROUP BY b.day, b.f, b.t`);
  const r = res.rows[0]!;
  return {
    day: r.day,
    from: new Date(r.from),
    to: new Date(r.to),
    orders: Number(r.orders),
    revenue: Number(r.revenue),
    paid: Number(r.paid),
  };
}

/** How many orders are in each of `statuses` now, whenever placed (0 for none). */
export async function countByStatus(db: DbOrTx, statuses: readonly OrderStatus[]): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: orders.status, n: count() })
    .from(orders)
    .where(inArray(orders.status, [...statuses]))
    .groupBy(orders.status);
  const out: Record<string, number> = Object.fromEntries(statuses.map((s) => [s, 0]));
  for (const r of rows) out[r.status] = r.n;
  return out;
}

// ---------- a guest's account ----------

/**
 * Gives a guest order to the account just created for its buyer, in that account's transaction:
 * only while the order has no account yet (the row is locked by the UPDATE), bumping its version.
 * Undefined when it already had one.
 */
export async function attachToUser(tx: Tx, v: { id: string; userId: string; now: Date }): Promise<OrderRow | undefined> {
  const [row] = await tx
    .update(orders)
    .set({ userId: v.userId, version: sql`${orders.version} + 1`, updatedAt: v.now })
    .where(and(eq(orders.id, v.id), isNull(orders.userId)))
    .returning();
  return row;
}
