// The only SQL on the inventory tables.
import { and, asc, count, desc, eq, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { stockLevels, stockMovements, stockReservations, type MovementKind, type ReservationStatus } from './inventory.tables.js';

export type LevelRow = typeof stockLevels.$inferSelect;
export type MovementRow = typeof stockMovements.$inferSelect;
export type ReservationRow = typeof stockReservations.$inferSelect;
export type NewMovement = typeof stockMovements.$inferInsert;

/**
 * Serialises stock writes per product for the rest of the transaction, so "the product's last unit
 * went" is decided on figures no other writer is changing. Every transaction takes these locks in
 * product-id order (callers pass the ids sorted; a function scan over the array keeps its order),
 * before any stock row.
 */
export async function lockProducts(tx: Tx, sortedProductIds: readonly string[]): Promise<void> {
  if (sortedProductIds.length === 0) return;
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended('stock:' || id, 0)) FROM unnest(${sql.param([...sortedProductIds])}::text[]) AS id`,
  );
}

/** Per product: whether any variant is unlimited, and the available units of the counted ones. */
export async function productAvailability(
  tx: Tx,
  productIds: readonly string[],
): Promise<Map<string, { available: number; unlimited: boolean }>> {
  const out = new Map<string, { available: number; unlimited: boolean }>();
  if (productIds.length === 0) return out;
  const rows = await tx
    .select({
      productId: stockLevels.productId,
      available: sql<number>`coalesce(sum(${stockLevels.onHand} - ${stockLevels.reserved}) FILTER (WHERE NOT ${stockLevels.unlimited}), 0)::int`,
      unlimited: sql<boolean>`bool_or(${stockLevels.unlimited})`,
    })
    .from(stockLevels)
    .where(inArray(stockLevels.productId, [...productIds]))
    .groupBy(stockLevels.productId);
  for (const r of rows) out.set(r.productId, { available: Number(r.available), unlimited: r.unlimited });
  return out;
}

export async function findLevels(db: Db | Tx, variantIds: readonly string[]): Promise<LevelRow[]> {
  if (variantIds.length === 0) return [];
  return db
    .select()
    .from(stockLevels)
    .where(inArray(stockLevels.variantId, [...variantIds]));
}

export async function findLevel(db: Db | Tx, variantId: string): Promise<LevelRow | undefined> {
  const [row] = await db.select().from(stockLevels).where(eq(stockLevels.variantId, variantId));
  return row;
}

/** A zero row for a variant that has none yet (a concurrent insert of the same variant wins quietly). */
export async function ensureLevel(tx: Tx, input: { variantId: string; productId: string }): Promise<void> {
  await tx.insert(stockLevels).values(input).onConflictDoNothing();
}

/** Zero rows for variants that have none yet, in one statement. */
export async function ensureLevels(tx: Tx, rows: ReadonlyArray<{ variantId: string; productId: string }>): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(stockLevels)
    .values(rows.map((r) => ({ variantId: r.variantId, productId: r.productId })))
    .onConflictDoNothing();
}

/**
 * Reserves `quantity` units in one statement: it succeeds only while enough are available
 * (unlimited variants always, without moving their counters). Undefined when it did not.
 */
export async function reserveUnits(tx: Tx, variantId: string, quantity: number): Promise<LevelRow | undefined> {
  const [row] = await tx
    .update(stockLevels)
    .set({
      reserved: sql`${stockLevels.reserved} + CASE WHEN ${stockLevels.unlimited} THEN 0 ELSE ${quantity}::int END`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(stockLevels.variantId, variantId),
        sql`(${stockLevels.unlimited} OR ${stockLevels.onHand} - ${stockLevels.reserved} >= ${quantity}::int)`,
      ),
    )
    .returning();
  return row;
}

/** Moves both counters by the given deltas (the CHECK constraints refuse what would break the invariant). */
export async function moveCounters(tx: Tx, variantId: string, delta: { onHand: number; reserved: number }): Promise<LevelRow> {
  const [row] = await tx
    .update(stockLevels)
    .set({
      onHand: sql`${stockLevels.onHand} + ${delta.onHand}::int`,
      reserved: sql`${stockLevels.reserved} + ${delta.reserved}::int`,
      updatedAt: sql`now()`,
    })
    .where(eq(stockLevels.variantId, variantId))
    .returning();
  if (!row) throw new Error(`no stock row for variant ${variantId}`);
  return row;
}

/** Sets on hand of many variants in one statement; returns the rows after. */
export async function setOnHand(tx: Tx, rows: ReadonlyArray<{ variantId: string; onHand: number }>): Promise<LevelRow[]> {
  if (rows.length === 0) return [];
  return tx
    .update(stockLevels)
    .set({ onHand: sql`v.on_hand`, updatedAt: sql`now()` })
    .from(
      sql`unnest(${sql.param(rows.map((r) => r.variantId))}::uuid[], ${sql.param(rows.map((r) => r.onHand))}::int[]) AS v(variant_id, on_hand)`,
    )
    .where(sql`${stockLevels.variantId} = v.variant_id`)
    .returning();
}

export async function updateSettings(
  tx: Tx,
  variantId: string,
  values: { lowStockThreshold?: number | undefined; unlimited?: boolean | undefined },
): Promise<LevelRow> {
  const [row] = await tx
    .update(stockLevels)
    .set({
      ...(values.lowStockThreshold === undefined ? {} : { lowStockThreshold: values.lowStockThreshold }),
      ...(values.unlimited === undefined ? {} : { unlimited: values.unlimited }),
      updatedAt: sql`now()`,
    })
    .where(eq(stockLevels.variantId, variantId))
    .returning();
  if (!row) throw new Error(`no stock row for variant ${variantId}`);
  return row;
}

/** One low-stock threshold for many variants' rows, in one statement. */
export async function setThresholds(tx: Tx, variantIds: readonly string[], lowStockThreshold: number): Promise<void> {
  if (variantIds.length === 0) return;
  await tx
    .update(stockLevels)
    .set({ lowStockThreshold, updatedAt: sql`now()` })
    .where(inArray(stockLevels.variantId, [...variantIds]));
}

/** Ledger rows, in batches that stay below PostgreSQL's bind-parameter limit. */
export async function insertMovements(tx: Tx, rows: NewMovement[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(stockMovements).values(rows.slice(i, i + 1000));
}

export async function activeReservations(tx: Tx, reference: string): Promise<ReservationRow[]> {
  return tx
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.reference, reference), eq(stockReservations.status, 'active')))
    .orderBy(asc(stockReservations.variantId));
}

export async function insertReservations(tx: Tx, rows: Array<typeof stockReservations.$inferInsert>): Promise<ReservationRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(stockReservations).values(rows).returning();
}

/**
 * Closes the given reservations that are still active: the status condition makes each leave
 * `active` once, whoever else tries at the same time. Returns the rows this call closed.
 */
export async function closeReservations(
  tx: Tx,
  input: { ids: readonly string[]; status: Exclude<ReservationStatus, 'active'>; reason?: string | undefined },
): Promise<ReservationRow[]> {
  if (input.ids.length === 0) return [];
  return tx
    .update(stockReservations)
    .set({ status: input.status, closedAt: sql`now()`, releaseReason: input.reason ?? null })
    .where(and(inArray(stockReservations.id, [...input.ids]), eq(stockReservations.status, 'active')))
    .returning();
}

/** Moves the reference's active reservations' expiry to `until` where it is earlier. Returns how many moved. */
export async function extendReservations(tx: Tx, input: { reference: string; until: Date }): Promise<number> {
  const rows = await tx
    .update(stockReservations)
    .set({ expiresAt: input.until })
    .where(
      and(
        eq(stockReservations.reference, input.reference),
        eq(stockReservations.status, 'active'),
        lt(stockReservations.expiresAt, input.until),
      ),
    )
    .returning({ id: stockReservations.id });
  return rows.length;
}

/** References with an active reservation past its expiry, oldest first. */
export async function expiredReferences(db: Db | Tx, input: { now: Date; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ reference: stockReservations.reference, first: sql<Date>`min(${stockReservations.expiresAt})` })
    .from(stockReservations)
    .where(and(eq(stockReservations.status, 'active'), lte(stockReservations.expiresAt, input.now)))
    .groupBy(stockReservations.reference)
    .orderBy(sql`min(${stockReservations.expiresAt})`)
    .limit(input.limit);
  return rows.map((r) => r.reference);
}

export type LevelFilter = 'low' | 'out';

const available = sql`(${stockLevels.onHand} - ${stockLevels.reserved})`;

function filterCondition(filter: LevelFilter | undefined): SQL | undefined {
  if (filter === 'out') return and(eq(stockLevels.unlimited, false), lte(available, 0));
  if (filter === 'low') return and(eq(stockLevels.unlimited, false), lte(available, stockLevels.lowStockThreshold));
  return undefined;
}

/**
 * A page of stock rows, lowest available first (unlimited ones last), optionally only low (available
 * ≤ threshold, out ones included) or out, optionally only the given variants or one product's.
 */
export async function listLevels(
  db: Db,
  input: {
    filter?: LevelFilter | undefined;
    variantIds?: readonly string[] | undefined;
    productId?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: LevelRow[]; total: number }> {
  const where = and(
    filterCondition(input.filter),
    input.variantIds ? inArray(stockLevels.variantId, [...input.variantIds]) : undefined,
    input.productId ? eq(stockLevels.productId, input.productId) : undefined,
  );
  if (input.variantIds && input.variantIds.length === 0) return { rows: [], total: 0 };
  const rows = await db
    .select()
    .from(stockLevels)
    .where(where)
    .orderBy(asc(stockLevels.unlimited), asc(available), asc(stockLevels.variantId))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [total] = await db.select({ n: count() }).from(stockLevels).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** A variant's ledger, newest first. */
export async function movementsOf(
  db: Db,
  input: { variantId: string; page: number; pageSize: number },
): Promise<{ rows: MovementRow[]; total: number }> {
  const rows = await db
    .select()
    .from(stockMovements)
    .where(eq(stockMovements.variantId, input.variantId))
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [total] = await db.select({ n: count() }).from(stockMovements).where(eq(stockMovements.variantId, input.variantId));
  return { rows, total: total?.n ?? 0 };
}

export type { MovementKind };
