// The taxonomy's SQL: categories (a materialized path tree), brands, attribute definitions.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { likeLiteral } from '../../db/pg.js';
import { attributeDefinitions, brands, categories, productCategories, products } from './catalog.tables.js';

export type CategoryRow = typeof categories.$inferSelect;
export type BrandRow = typeof brands.$inferSelect;
export type AttributeDefRow = typeof attributeDefinitions.$inferSelect;

// ---------- categories ----------

export async function listCategories(db: DbOrTx): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.depth), asc(categories.sortOrder), asc(categories.slug));
}

export async function findCategory(db: DbOrTx, id: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id));
  return row;
}

export async function findCategories(db: DbOrTx, ids: readonly string[]): Promise<CategoryRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(categories)
    .where(inArray(categories.id, [...ids]));
}

export async function categorySlugTaken(db: DbOrTx, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.slug, slug), exceptId ? ne(categories.id, exceptId) : undefined));
  return row !== undefined;
}

/** Serialises category moves and deletions (held until the transaction ends). */
export async function lockCategoryTree(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('catalog.category_tree'))`);
}

export async function insertCategory(tx: Tx, v: typeof categories.$inferInsert): Promise<CategoryRow> {
  const [row] = await tx.insert(categories).values(v).returning();
  return row!;
}

export async function updateCategory(
  tx: Tx,
  id: string,
  v: Partial<Pick<CategoryRow, 'name' | 'description' | 'slug' | 'sortOrder'>>,
): Promise<CategoryRow | undefined> {
  const [row] = await tx
    .update(categories)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(categories.id, id))
    .returning();
  return row;
}

/**
 * Moves a category and its whole subtree in one statement: every path starting with `oldPath` gets
 * `newPath` instead, depths shift by the same amount, and the moved root gets its new parent.
 */
export async function moveSubtree(
  tx: Tx,
  m: { id: string; parentId: string | null; oldPath: string; newPath: string; depthDelta: number },
): Promise<number> {
  const res = await tx.execute(sql`
    UPDATE ${categories}
       SET path = ${m.newPath} || substr(path, ${m.oldPath.length + 1}),
           depth = depth + ${m.depthDelta},
           parent_id = CASE WHEN id = ${m.id} THEN ${m.parentId}::uuid ELSE parent_id END,
           updated_at = now()
     WHERE path LIKE ${`${likeLiteral(m.oldPath)}%`}`);
  return res.rowCount ?? 0;
}

export async function categoryHasChildren(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.parentId, id)).limit(1);
  return row !== undefined;
}

export async function categoryHasProducts(db: DbOrTx, id: string): Promise<boolean> {
  const [a] = await db.select({ id: products.id }).from(products).where(eq(products.primaryCategoryId, id)).limit(1);
  if (a) return true;
  const [b] = await db
    .select({ id: productCategories.productId })
    .from(productCategories)
    .where(eq(productCategories.categoryId, id))
    .limit(1);
  return b !== undefined;
}

export async function deleteCategory(tx: Tx, id: string): Promise<void> {
  await tx.delete(categories).where(eq(categories.id, id));
}

// ---------- brands ----------

export async function listBrands(db: DbOrTx): Promise<BrandRow[]> {
  return db.select().from(brands).orderBy(asc(brands.slug));
}

export async function findBrand(db: DbOrTx, id: string): Promise<BrandRow | undefined> {
  const [row] = await db.select().from(brands).where(eq(brands.id, id));
  return row;
}

export async function brandSlugTaken(db: DbOrTx, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: brands.id })
    .from(brands)
    .where(and(eq(brands.slug, slug), exceptId ? ne(brands.id, exceptId) : undefined));
  return row !== undefined;
}

export async function insertBrand(tx: Tx, v: typeof brands.$inferInsert): Promise<BrandRow> {
  const [row] = await tx.insert(brands).values(v).returning();
  return row!;
}

export async function updateBrand(
  tx: Tx,
  id: string,
  v: Partial<Pick<BrandRow, 'name' | 'slug' | 'logoUrl'>>,
): Promise<BrandRow | undefined> {
  const [row] = await tx
    .update(brands)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(brands.id, id))
    .returning();
  return row;
}

export async function brandHasProducts(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.brandId, id)).limit(1);
  return row !== undefined;
}

export async function deleteBrand(tx: Tx, id: string): Promise<void> {
  await tx.delete(brands).where(eq(brands.id, id));
}

// ---------- attribute definitions ----------

export type AttributeDefWithDepth = AttributeDefRow & { depth: number };

/** Definitions of these categories (a category and its ancestors), each with the depth of its category. */
export async function attributeDefsOf(db: DbOrTx, categoryIds: readonly string[]): Promise<AttributeDefWithDepth[]> {
  if (categoryIds.length === 0) return [];
  const rows = await db
    .select({ def: attributeDefinitions, depth: categories.depth })
    .from(attributeDefinitions)
    .innerJoin(categories, eq(categories.id, attributeDefinitions.categoryId))
    .where(inArray(attributeDefinitions.categoryId, [...categoryIds]))
    .orderBy(asc(categories.depth), asc(attributeDefinitions.sortOrder), asc(attributeDefinitions.code));
  return rows.map((r) => ({ ...r.def, depth: r.depth }));
}

export async function listAllAttributeDefs(db: DbOrTx): Promise<AttributeDefWithDepth[]> {
  const rows = await db
    .select({ def: attributeDefinitions, depth: categories.depth })
    .from(attributeDefinitions)
    .innerJoin(categories, eq(categories.id, attributeDefinitions.categoryId))
    .orderBy(asc(categories.path), asc(attributeDefinitions.sortOrder), asc(attributeDefinitions.code));
  return rows.map((r) => ({ ...r.def, depth: r.depth }));
}

export async function findAttributeDef(db: DbOrTx, id: string): Promise<AttributeDefRow | undefined> {
  const [row] = await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, id));
  return row;
}

export async function insertAttributeDef(tx: Tx, v: typeof attributeDefinitions.$inferInsert): Promise<AttributeDefRow> {
  const [row] = await tx.insert(attributeDefinitions).values(v).returning();
  return row!;
}

export async function updateAttributeDef(
  tx: Tx,
  id: string,
  v: Omit<typeof attributeDefinitions.$inferInsert, 'id'>,
): Promise<AttributeDefRow | undefined> {
  const [row] = await tx.update(attributeDefinitions).set(v).where(eq(attributeDefinitions.id, id)).returning();
  return row;
}

/**
 * How many products (not deleted) the definition governs that carry the attribute, or this value of
 * it: products whose primary category is the definition's category or below it, unless a nearer
 * category redefines the code; basic attributes on the product, sales attributes on any variant.
 */
export async function countProductsUsingAttribute(
  db: DbOrTx,
  input: { code: string; kind: 'basic' | 'sales'; categoryPath: string; categoryDepth: number; value?: string },
): Promise<number> {
  const { code, value } = input;
  const carries =
    input.kind === 'basic'
      ? value === undefined
        ? sql`p.basic_attributes ->> ${code} IS NOT NULL`
        : sql`p.basic_attributes ->> ${code} = ${value}`
      : sql`EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND ${
          value === undefined ? sql`v.sales_attributes ->> ${code} IS NOT NULL` : sql`v.sales_attributes ->> ${code} = ${value}`
        })`;
  const r = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n
    FROM products p JOIN categories c ON c.id = p.primary_category_id
    WHERE p.deleted_at IS NULL AND starts_with(c.path, ${input.categoryPath})
      AND NOT EXISTS (
        SELECT 1 FROM attribute_definitions d JOIN categories dc ON dc.id = d.category_id
        WHERE d.code = ${code} AND dc.depth > ${input.categoryDepth} AND starts_with(c.path, dc.path))
      AND ${carries}`);
  return r.rows[0]?.n ?? 0;
}

export async function deleteAttributeDef(tx: Tx, id: string): Promise<void> {
  await tx.delete(attributeDefinitions).where(eq(attributeDefinitions.id, id));
}
