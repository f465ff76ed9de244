// The cart's SQL: carts and their lines. Plain typed rows in and out; no rules here.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { cartItems, carts, type CartStatus } from './cart.tables.js';

export type CartRow = typeof carts.$inferSelect;
export type CartItemRow = typeof cartItems.$inferSelect;

/** The user's active cart, if any. */
export async function findUserCart(db: DbOrTx, userId: string): Promise<CartRow | undefined> {
  const [row] = await db
    .select()
    .from(carts)
    .where(and(eq(carts.userId, userId), eq(carts.status, 'active')));
  return row;
}

/** The cart of a guest token's hash, whatever its status. */
export async function findGuestCart(db: DbOrTx, tokenHash: string): Promise<CartRow | undefined> {
  const [row] = await db.select().from(carts).where(eq(carts.guestTokenHash, tokenHash));
  return row;
}

/** Creates the user's active cart unless one exists (a concurrent request may have made it); answers it either way. */
export async function ensureUserCart(tx: Tx, userId: string): Promise<CartRow> {
  await tx.insert(carts).values({ userId }).onConflictDoNothing();
  return (await findUserCart(tx, userId))!;
}

export async function insertGuestCart(tx: Tx, tokenHash: string): Promise<CartRow> {
  const [row] = await tx.insert(carts).values({ guestTokenHash: tokenHash }).returning();
  return row!;
}

/** Locks the carts (`FOR UPDATE`, in id order: the first lock of the global order) and answers them as they are now. */
export async function lockCarts(tx: Tx, ids: readonly string[]): Promise<CartRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(carts)
    .where(inArray(carts.id, [...ids]))
    .orderBy(asc(carts.id))
    .for('update');
}

export async function updateCart(
  tx: Tx,
  id: string,
  v: Partial<Pick<CartRow, 'couponCode' | 'shippingMethodId' | 'status'>> & { status?: CartStatus },
): Promise<void> {
  await tx
    .update(carts)
    .set({ ...v, version: sql`${carts.version} + 1`, updatedAt: sql`now()` })
    .where(eq(carts.id, id));
}

/** The cart's lines in the order they were added. */
export async function itemsOf(db: DbOrTx, cartId: string): Promise<CartItemRow[]> {
  return db.select().from(cartItems).where(eq(cartItems.cartId, cartId)).orderBy(asc(cartItems.addedAt), asc(cartItems.id));
}

export async function findItem(db: DbOrTx, cartId: string, itemId: string): Promise<CartItemRow | undefined> {
  const [row] = await db
    .select()
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.id, itemId)));
  return row;
}

/** The line of a variant (ordinary, or taken through the add-on promotion `addOnOf`). */
export async function findLine(db: DbOrTx, cartId: string, variantId: string, addOnOf: string | null): Promise<CartItemRow | undefined> {
  const [row] = await db
    .select()
    .from(cartItems)
    .where(
      and(
        eq(cartItems.cartId, cartId),
        eq(cartItems.variantId, variantId),
        addOnOf === null ? isNull(cartItems.addOnOf) : eq(cartItems.addOnOf, addOnOf),
      ),
    );
  return row;
}

export async function insertItem(tx: Tx, v: typeof cartItems.$inferInsert): Promise<CartItemRow> {
  const [row] = await tx.insert(cartItems).values(v).returning();
  return row!;
}

export async function setItemQuantity(tx: Tx, itemId: string, quantity: number): Promise<void> {
  await tx.update(cartItems).set({ quantity }).where(eq(cartItems.id, itemId));
}

/** Moves a line to another cart (merge). */
export async function moveItem(tx: Tx, itemId: string, cartId: string, quantity: number): Promise<void> {
  await tx.update(cartItems).set({ cartId, quantity }).where(eq(cartItems.id, itemId));
}

export async function deleteItem(tx: Tx, itemId: string): Promise<void> {
  await tx.delete(cartItems).where(eq(cartItems.id, itemId));
}
