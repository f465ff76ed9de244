// The cart's SQL: carts and their lines. Plain typed rows in and out; no rules here.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { ReadVersions } from '../../platform/read-versions.js';
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

// The hot reads, as plain SQL (the query builder cost more than running them): a cart with its lines
// in one statement, the lines in the order they were added.
const cartColumns = sql.raw(
  `c.id, c.user_id AS "userId", c.guest_token_hash AS "guestTokenHash", c.status, c.coupon_code AS "couponCode",
   c.shipping_method_id AS "shippingMethodId", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`,
);
const itemColumns = sql.raw(
  `i.id AS "itemId", i.variant_id AS "variantId", i.product_id AS "productId", i.quantity,
   i.unit_price_when_added AS "unitPriceWhenAdded", i.add_on_of AS "addOnOf", i.added_at AS "addedAt"`,
);
// The shop-wide read versions (platform/read-versions.ts) ride along: the answer's pricing needs them next.
const versionsColumn = sql.raw(`(SELECT json_object_agg(name, version) FROM read_versions) AS "readVersions"`);
type JoinedRow = CartRow & { itemId: string | null; readVersions: ReadVersions | null } & Omit<CartItemRow, 'id' | 'cartId'>;
export interface CartWithItems {
  cart: CartRow;
  items: CartItemRow[];
  versions: ReadVersions;
}

/** A cart and its lines from rows of `cart LEFT JOIN lines` (one row per line, or one without lines). */
function withItems(rows: readonly JoinedRow[]): CartWithItems | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const cart: CartRow = {
    id: first.id,
    userId: first.userId,
    guestTokenHash: first.guestTokenHash,
    status: first.status,
    couponCode: first.couponCode,
    shippingMethodId: first.shippingMethodId,
    version: first.version,
    createdAt: first.createdAt,
    updatedAt: first.updatedAt,
  };
  const items = rows.flatMap((r): CartItemRow[] =>
    r.itemId === null
      ? []
      : [
          {
            id: r.itemId,
            cartId: cart.id,
            variantId: r.variantId,
            productId: r.productId,
            quantity: r.quantity,
            unitPriceWhenAdded: r.unitPriceWhenAdded,
            addOnOf: r.addOnOf,
            addedAt: r.addedAt,
          },
        ],
  );
  return { cart, items, versions: first.readVersions ?? {} };
}

/** The user's active cart and its lines, in one statement. */
export async function findUserCartWithItems(db: DbOrTx, userId: string): Promise<CartWithItems | undefined> {
  const { rows } = await db.execute<JoinedRow>(sql`
    SELECT ${cartColumns}, ${itemColumns}, ${versionsColumn} FROM carts c LEFT JOIN cart_items i ON i.cart_id = c.id
    WHERE c.user_id = ${userId} AND c.status = 'active' ORDER BY i.added_at, i.id`);
  return withItems(rows);
}

/** The cart of a guest token's hash (whatever its status) and its lines, in one statement. */
export async function findGuestCartWithItems(db: DbOrTx, tokenHash: string): Promise<CartWithItems | undefined> {
  const { rows } = await db.execute<JoinedRow>(sql`
    SELECT ${cartColumns}, ${itemColumns}, ${versionsColumn} FROM carts c LEFT JOIN cart_items i ON i.cart_id = c.id
    WHERE c.guest_token_hash = ${tokenHash} ORDER BY i.added_at, i.id`);
  return withItems(rows);
}

/**
 * Locks the user's active cart, or the guest's cart (whatever its status), `FOR UPDATE`: the first
 * lock of the global order, taken by the statement that finds the cart. Answers the row as it is
 * once locked.
 */
export async function lockOwnCart(tx: Tx, owner: { userId: string } | { tokenHash: string }): Promise<CartRow | undefined> {
  const where = 'userId' in owner ? sql`c.user_id = ${owner.userId} AND c.status = 'active'` : sql`c.guest_token_hash = ${owner.tokenHash}`;
  const { rows } = await tx.execute<CartRow>(sql`SELECT ${cartColumns} FROM carts c WHERE ${where} FOR UPDATE`);
  return rows[0];
}

/**
 * Marks the cart changed (version + 1) and answers it with its lines as this transaction left them,
 * in one statement (the lines are read after the cart's lock was taken, so they are current).
 */
export async function touchCart(tx: Tx, id: string): Promise<CartWithItems | undefined> {
  const { rows } = await tx.execute<JoinedRow>(sql`
    WITH c AS (UPDATE carts SET version = version + 1, updated_at = now() WHERE id = ${id} RETURNING *)
    SELECT ${cartColumns}, ${itemColumns}, ${versionsColumn} FROM c LEFT JOIN cart_items i ON i.cart_id = c.id ORDER BY i.added_at, i.id`);
  return withItems(rows);
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
  const { rows } = await db.execute<CartItemRow>(sql`
    SELECT i.id, i.cart_id AS "cartId", i.variant_id AS "variantId", i.product_id AS "productId", i.quantity,
      i.unit_price_when_added AS "unitPriceWhenAdded", i.add_on_of AS "addOnOf", i.added_at AS "addedAt"
    FROM cart_items i WHERE i.cart_id = ${cartId} ORDER BY i.added_at, i.id`);
  return rows;
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
  await tx.execute(sql`UPDATE cart_items SET quantity = ${quantity} WHERE id = ${itemId}`);
}

/** Moves a line to another cart (merge). */
export async function moveItem(tx: Tx, itemId: string, cartId: string, quantity: number): Promise<void> {
  await tx.update(cartItems).set({ cartId, quantity }).where(eq(cartItems.id, itemId));
}

export async function deleteItem(tx: Tx, itemId: string): Promise<void> {
  await tx.delete(cartItems).where(eq(cartItems.id, itemId));
}
