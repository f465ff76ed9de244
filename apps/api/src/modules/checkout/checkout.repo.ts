// The checkout module's SQL: idempotency keys.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { idempotencyKeys } from './checkout.tables.js';

export type KeyRow = typeof idempotencyKeys.$inferSelect;

/** The key's row while it is not expired. */
export async function findKey(db: DbOrTx, scope: string, key: string, now: Date): Promise<KeyRow | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), gt(idempotencyKeys.expiresAt, now)));
  return row;
}

/** The row of the request that placed this order. */
export async function findKeyByOrder(db: DbOrTx, orderId: string): Promise<KeyRow | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.orderId, orderId), sql`${idempotencyKeys.responseStatus} IS NOT NULL`))
    .limit(1);
  return row;
}

/**
 * Takes the key for this transaction: inserted (or taken over when the stored one expired). A
 * concurrent request with the same key waits here until this transaction ends; undefined when the
 * key is held by a committed request (read it with `findKey`).
 */
export async function claimKey(
  tx: Tx,
  v: { scope: string; key: string; requestHash: string; orderId: string; now: Date; expiresAt: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(idempotencyKeys)
    .values({ ...v, createdAt: v.now, responseStatus: null, responseBody: null })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: {
        requestHash: v.requestHash,
        orderId: v.orderId,
        responseStatus: null,
        responseBody: null,
        createdAt: v.now,
        expiresAt: v.expiresAt,
      },
      setWhere: lte(idempotencyKeys.expiresAt, v.now),
    })
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

/** Stores the answer of the request holding the key (in its transaction). */
export async function completeKey(tx: Tx, v: { scope: string; key: string; status: number; body: unknown }): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: v.status, responseBody: v.body })
    .where(and(eq(idempotencyKeys.scope, v.scope), eq(idempotencyKeys.key, v.key)));
}

/** Deletes keys past their expiry; answers how many. */
export async function deleteExpired(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
  return rows.length;
}
