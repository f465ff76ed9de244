import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { shippingMethods } from './shipping.tables.js';

export type ShippingMethodRow = typeof shippingMethods.$inferSelect;
export type ShippingMethodValuesRow = Omit<typeof shippingMethods.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
type DbOrTx = Db | Tx;

const order = [asc(shippingMethods.sortOrder), asc(shippingMethods.code)];

export async function listActive(db: DbOrTx): Promise<ShippingMethodRow[]> {
  return db
    .select()
    .from(shippingMethods)
    .where(eq(shippingMethods.active, true))
    .orderBy(...order);
}

export async function listAll(db: DbOrTx): Promise<ShippingMethodRow[]> {
  return db
    .select()
    .from(shippingMethods)
    .orderBy(...order);
}

export async function findMethod(db: DbOrTx, id: string): Promise<ShippingMethodRow | undefined> {
  const [row] = await db.select().from(shippingMethods).where(eq(shippingMethods.id, id));
  return row;
}

export async function findMethodForUpdate(tx: Tx, id: string): Promise<ShippingMethodRow | undefined> {
  const [row] = await tx.select().from(shippingMethods).where(eq(shippingMethods.id, id)).for('update');
  return row;
}

export async function insertMethods(tx: Tx, values: ShippingMethodValuesRow[]): Promise<ShippingMethodRow[]> {
  if (values.length === 0) return [];
  return tx.insert(shippingMethods).values(values).returning();
}

export async function updateMethod(tx: Tx, id: string, values: Partial<ShippingMethodValuesRow>): Promise<ShippingMethodRow | undefined> {
  const [row] = await tx
    .update(shippingMethods)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(shippingMethods.id, id))
    .returning();
  return row;
}

/** Blocks other seeders (and writers) until the transaction ends, so "only when empty" holds. */
export async function lockMethodsTable(tx: Tx): Promise<void> {
  await tx.execute(sql`LOCK TABLE ${shippingMethods} IN SHARE ROW EXCLUSIVE MODE`);
}

export async function countMethods(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(shippingMethods);
  return row?.n ?? 0;
}
