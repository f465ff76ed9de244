// Categories, brands and attribute definitions: the staff side of the catalog's taxonomy.
import { uniqueViolation } from '../../db/pg.js';
import { randomUUID } from 'node:crypto';
import type { AttributeDefinitionInput, BrandInput, CategoryInput } from '@shop/contracts/catalog';
import type { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { authorize } from '../../platform/access.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import * as repo from './catalog.repo.js';
import { catalogWrite } from './catalog.write.js';
import type { CatalogDeps, StaffCall } from './catalog.types.js';
import { diffFields } from './diff.js';
import { baseSlug, uniqueSlug } from './slug.js';
import { requestReindex } from './search/index.js';

type CategoryValues = z.output<typeof CategoryInput>;
type BrandValues = z.output<typeof BrandInput>;
type AttributeValues = z.output<typeof AttributeDefinitionInput>;

/** The ids on a category's path, root first: itself and its ancestors. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);

/** An explicit slug must be free (409 SLUG_TAKEN); otherwise one is derived from the name, with `-2`, `-3` … on collision. */
export async function chooseSlug(explicit: string | undefined, derived: string, isTaken: (s: string) => Promise<boolean>): Promise<string> {
  if (explicit === undefined) return uniqueSlug(derived, isTaken);
  if (await isTaken(explicit)) throw new ConflictError('SLUG_TAKEN', `The slug ${explicit} is taken.`, { slug: explicit });
  return explicit;
}

/** Runs a write, turning the unique violations a race can still cause into the same 409 as the check before it. */
export async function mappingUniqueErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const c = uniqueViolation(err);
    if (c?.endsWith('_slug_uq') || c === 'product_slug_history_pkey') throw new ConflictError('SLUG_TAKEN', 'The slug is taken.');
    if (c === 'variants_sku_uq') throw new ConflictError('SKU_TAKEN', 'A SKU of this product is taken.');
    if (c === 'attribute_definitions_cat_code_uq')
      throw new ConflictError('ATTRIBUTE_CODE_TAKEN', 'This category already defines an attribute with this code.');
    throw err;
  }
}

export async function log(tx: Tx, call: StaffCall, e: { entityType: string; entityId: string; operation: string; diff: unknown }) {
  await repo.insertOperationLog(tx, { actorId: call.actor?.userId ?? null, ...e });
}

const categoryFields = (c: repo.CategoryRow | undefined) =>
  c ? { parentId: c.parentId, path: c.path, slug: c.slug, name: c.name, description: c.description, sortOrder: c.sortOrder } : null;

// ---------- categories ----------

export interface CategoryNode extends repo.CategoryRow {
  children: CategoryNode[];
}

/** The whole tree, siblings by sort order, with both locales. */
export async function categoryTree(deps: CatalogDeps, call: StaffCall): Promise<CategoryNode[]> {
  await authorize(deps.db, { ...call, action: 'read', resource: { type: 'category' } });
  const rows = await repo.listCategories(deps.db);
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  // Rows come ordered by depth, then sort order: parents exist before their children are attached.
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

async function parentOf(tx: Tx, parentId: string | null): Promise<repo.CategoryRow | undefined> {
  if (parentId === null) return undefined;
  const parent = await repo.findCategory(tx, parentId);
  if (!parent) throw new ValidationError([{ path: 'body.parentId', code: 'NOT_FOUND', message: 'No such category.' }]);
  return parent;
}

export async function createCategory(deps: CatalogDeps, input: StaffCall & { values: CategoryValues }): Promise<repo.CategoryRow> {
  await authorize(deps.db, { ...input, action: 'create', resource: { type: 'category' } });
  const v = input.values;
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      const parent = await parentOf(tx, v.parentId);
      const slug = await chooseSlug(v.slug, baseSlug(v.name, 'category'), (s) => repo.categorySlugTaken(tx, s));
      const id = randomUUID();
      const row = await repo.insertCategory(tx, {
        id,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
        slug,
        name: v.name,
        description: v.description ?? null,
        sortOrder: v.sortOrder,
      });
      await log(tx, input, { entityType: 'category', entityId: id, operation: 'create', diff: diffFields(null, categoryFields(row)) });
      return row;
    }),
  );
}

/**
 * Replaces a category's fields (PUT). A different `parentId` moves it with its whole subtree, in one
 * statement; moving it under itself or a descendant is 409 CATEGORY_CYCLE. An omitted slug keeps the current one.
 */
export async function updateCategory(
  deps: CatalogDeps,
  input: StaffCall & { categoryId: string; values: CategoryValues },
): Promise<repo.CategoryRow> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'category', id: input.categoryId } });
  const v = input.values;
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      // Moves are serialised: two concurrent moves could otherwise each pass the cycle check and together make a loop.
      await repo.lockCategoryTree(tx);
      const current = await repo.findCategory(tx, input.categoryId);
      if (!current) throw new NotFoundError('category', input.categoryId, 'CATEGORY_NOT_FOUND');
      const slug =
        v.slug === undefined || v.slug === current.slug
          ? current.slug
          : await chooseSlug(v.slug, '', (s) => repo.categorySlugTaken(tx, s, current.id));
      await repo.updateCategory(tx, current.id, { slug, name: v.name, description: v.description ?? null, sortOrder: v.sortOrder });
      let operation = 'update';
      if (v.parentId !== current.parentId) {
        const parent = await parentOf(tx, v.parentId);
        if (parent && parent.path.startsWith(current.path)) {
          throw new ConflictError('CATEGORY_CYCLE', 'A category cannot move under itself or one of its subcategories.', {
            categoryId: current.id,
            parentId: parent.id,
          });
        }
        await repo.moveSubtree(tx, {
          id: current.id,
          parentId: parent?.id ?? null,
          oldPath: current.path,
          newPath: `${parent?.path ?? '/'}${current.id}/`,
          depthDelta: (parent ? parent.depth + 1 : 0) - current.depth,
        });
        operation = 'move';
      }
      const after = (await repo.findCategory(tx, current.id))!;
      const diff = diffFields(categoryFields(current), categoryFields(after));
      await log(tx, input, { entityType: 'category', entityId: current.id, operation, diff });
      // Its products' search text (the name) or ancestors (a move) changed: reindexed from the outbox.
      if (operation === 'move' || diff.name) await requestReindex(tx, { scope: 'category', id: current.id });
      return after;
    }),
  );
}

/** Deletes an empty category (its attribute definitions go with it); 409 CATEGORY_NOT_EMPTY when it has subcategories or products. */
export async function deleteCategory(deps: CatalogDeps, input: StaffCall & { categoryId: string }): Promise<void> {
  await authorize(deps.db, { ...input, action: 'delete', resource: { type: 'category', id: input.categoryId } });
  await catalogWrite(deps, async (tx) => {
    await repo.lockCategoryTree(tx);
    const current = await repo.findCategory(tx, input.categoryId);
    if (!current) throw new NotFoundError('category', input.categoryId, 'CATEGORY_NOT_FOUND');
    if ((await repo.categoryHasChildren(tx, current.id)) || (await repo.categoryHasProducts(tx, current.id))) {
      throw new ConflictError('CATEGORY_NOT_EMPTY', 'Move or delete its subcategories and products first.');
    }
    await repo.deleteCategory(tx, current.id);
    await log(tx, input, {
      entityType: 'category',
      entityId: current.id,
      operation: 'delete',
      diff: diffFields(categoryFields(current), null),
    });
  });
}

// ---------- brands ----------

const brandFields = (b: repo.BrandRow | undefined) => (b ? { slug: b.slug, name: b.name, logoUrl: b.logoUrl } : null);

export async function listBrands(deps: CatalogDeps, call: StaffCall): Promise<repo.BrandRow[]> {
  await authorize(deps.db, { ...call, action: 'read', resource: { type: 'brand' } });
  return repo.listBrands(deps.db);
}

export async function createBrand(deps: CatalogDeps, input: StaffCall & { values: BrandValues }): Promise<repo.BrandRow> {
  await authorize(deps.db, { ...input, action: 'create', resource: { type: 'brand' } });
  const v = input.values;
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      const slug = await chooseSlug(v.slug, baseSlug(v.name, 'brand'), (s) => repo.brandSlugTaken(tx, s));
      const row = await repo.insertBrand(tx, { slug, name: v.name, logoUrl: v.logoUrl ?? null });
      await log(tx, input, { entityType: 'brand', entityId: row.id, operation: 'create', diff: diffFields(null, brandFields(row)) });
      return row;
    }),
  );
}

export async function updateBrand(deps: CatalogDeps, input: StaffCall & { brandId: string; values: BrandValues }): Promise<repo.BrandRow> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'brand', id: input.brandId } });
  const v = input.values;
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      const current = await repo.findBrand(tx, input.brandId);
      if (!current) throw new NotFoundError('brand', input.brandId, 'BRAND_NOT_FOUND');
      const slug =
        v.slug === undefined || v.slug === current.slug
          ? current.slug
          : await chooseSlug(v.slug, '', (s) => repo.brandSlugTaken(tx, s, current.id));
      const row = (await repo.updateBrand(tx, current.id, { slug, name: v.name, logoUrl: v.logoUrl ?? null }))!;
      const diff = diffFields(brandFields(current), brandFields(row));
      await log(tx, input, { entityType: 'brand', entityId: row.id, operation: 'update', diff });
      if (diff.name) await requestReindex(tx, { scope: 'brand', id: row.id });
      return row;
    }),
  );
}

/** 409 BRAND_IN_USE while products name it. */
export async function deleteBrand(deps: CatalogDeps, input: StaffCall & { brandId: string }): Promise<void> {
  await authorize(deps.db, { ...input, action: 'delete', resource: { type: 'brand', id: input.brandId } });
  await catalogWrite(deps, async (tx) => {
    const current = await repo.findBrand(tx, input.brandId);
    if (!current) throw new NotFoundError('brand', input.brandId, 'BRAND_NOT_FOUND');
    if (await repo.brandHasProducts(tx, current.id)) throw new ConflictError('BRAND_IN_USE', 'Products still name this brand.');
    await repo.deleteBrand(tx, current.id);
    await log(tx, input, { entityType: 'brand', entityId: current.id, operation: 'delete', diff: diffFields(brandFields(current), null) });
  });
}

// ---------- attribute definitions ----------

export type AttributeView = repo.AttributeDefRow & { inherited: boolean };
const attributeFields = (a: repo.AttributeDefRow | undefined) => {
  if (!a) return null;
  const { id: _id, ...rest } = a;
  return rest;
};

/**
 * With `categoryId`: the definitions in force there, own and inherited from its ancestors (root
 * first). Without: every definition.
 */
export async function listAttributes(deps: CatalogDeps, input: StaffCall & { categoryId?: string | undefined }): Promise<AttributeView[]> {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'attribute' } });
  if (!input.categoryId) return (await repo.listAllAttributeDefs(deps.db)).map(({ depth: _d, ...a }) => ({ ...a, inherited: false }));
  const category = await repo.findCategory(deps.db, input.categoryId);
  if (!category) throw new NotFoundError('category', input.categoryId, 'CATEGORY_NOT_FOUND');
  const defs = await repo.attributeDefsOf(deps.db, pathIds(category.path));
  return defs.map(({ depth: _d, ...a }) => ({ ...a, inherited: a.categoryId !== category.id }));
}

async function checkAttributeCategory(tx: Tx, categoryId: string) {
  if (!(await repo.findCategory(tx, categoryId)))
    throw new ValidationError([{ path: 'body.categoryId', code: 'NOT_FOUND', message: 'No such category.' }]);
}

const attributeValues = (v: AttributeValues) => ({
  categoryId: v.categoryId,
  code: v.code,
  kind: v.kind,
  type: v.type,
  required: v.required,
  label: v.label,
  allowedValues: v.type === 'enum' ? (v.allowedValues ?? []) : null,
  sortOrder: v.sortOrder,
});

export async function createAttribute(deps: CatalogDeps, input: StaffCall & { values: AttributeValues }): Promise<AttributeView> {
  await authorize(deps.db, { ...input, action: 'create', resource: { type: 'attribute' } });
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      await checkAttributeCategory(tx, input.values.categoryId);
      const row = await repo.insertAttributeDef(tx, attributeValues(input.values));
      await log(tx, input, {
        entityType: 'attribute',
        entityId: row.id,
        operation: 'create',
        diff: diffFields(null, attributeFields(row)),
      });
      return { ...row, inherited: false };
    }),
  );
}

/**
 * Products store an attribute by its code and an option by its value (code), so while products
 * carry the attribute those cannot change under them: changing its code, kind, type or category is
 * 409 ATTRIBUTE_IN_USE and removing (or renaming) an option a product uses is 409
 * ATTRIBUTE_OPTION_IN_USE, both with how many products (`products`). Names, option labels, new
 * options, the required flag and the order change freely.
 */
async function checkAttributeChange(tx: Tx, current: repo.AttributeDefRow, next: ReturnType<typeof attributeValues>) {
  const category = await repo.findCategory(tx, current.categoryId);
  if (!category) return;
  const scope = { code: current.code, kind: current.kind, categoryPath: category.path, categoryDepth: category.depth };
  const identity = (['code', 'kind', 'type', 'categoryId'] as const).filter((k) => current[k] !== next[k]);
  if (identity.length > 0) {
    const n = await repo.countProductsUsingAttribute(tx, scope);
    if (n > 0) {
      throw new ConflictError('ATTRIBUTE_IN_USE', `${n} product(s) use this attribute: its ${identity.join(', ')} cannot change.`, {
        products: n,
        fields: identity,
      });
    }
  }
  const kept = new Set((next.allowedValues ?? []).map((a) => a.value));
  for (const option of current.type === 'enum' ? (current.allowedValues ?? []) : []) {
    if (kept.has(option.value)) continue;
    const n = await repo.countProductsUsingAttribute(tx, { ...scope, value: option.value });
    if (n > 0) {
      throw new ConflictError('ATTRIBUTE_OPTION_IN_USE', `${n} product(s) use the option ${option.value}: change them first.`, {
        products: n,
        value: option.value,
      });
    }
  }
}

/**
 * Replaces a definition, within the limits `checkAttributeChange` sets. Products already saved are
 * not re-validated (a newly required attribute is asked for at their next save).
 */
export async function updateAttribute(
  deps: CatalogDeps,
  input: StaffCall & { attributeId: string; values: AttributeValues },
): Promise<AttributeView> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'attribute', id: input.attributeId } });
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      const current = await repo.findAttributeDef(tx, input.attributeId);
      if (!current) throw new NotFoundError('attribute', input.attributeId, 'ATTRIBUTE_NOT_FOUND');
      await checkAttributeCategory(tx, input.values.categoryId);
      const next = attributeValues(input.values);
      await checkAttributeChange(tx, current, next);
      const row = (await repo.updateAttributeDef(tx, current.id, next))!;
      const diff = diffFields(attributeFields(current), attributeFields(row));
      await log(tx, input, { entityType: 'attribute', entityId: row.id, operation: 'update', diff });
      // Option labels are searchable text of the products in the category's subtree.
      if (diff.allowedValues) await requestReindex(tx, { scope: 'category', id: row.categoryId });
      return { ...row, inherited: false };
    }),
  );
}

/** 409 ATTRIBUTE_IN_USE (with `products`) while products carry the attribute: their values would lose their definition. */
export async function deleteAttribute(deps: CatalogDeps, input: StaffCall & { attributeId: string }): Promise<void> {
  await authorize(deps.db, { ...input, action: 'delete', resource: { type: 'attribute', id: input.attributeId } });
  await catalogWrite(deps, async (tx) => {
    const current = await repo.findAttributeDef(tx, input.attributeId);
    if (!current) throw new NotFoundError('attribute', input.attributeId, 'ATTRIBUTE_NOT_FOUND');
    const category = await repo.findCategory(tx, current.categoryId);
    const n = category
      ? await repo.countProductsUsingAttribute(tx, {
          code: current.code,
          kind: current.kind,
          categoryPath: category.path,
          categoryDepth: category.depth,
        })
      : 0;
    if (n > 0) throw new ConflictError('ATTRIBUTE_IN_USE', `${n} product(s) use this attribute: it cannot be deleted.`, { products: n });
    await repo.deleteAttributeDef(tx, current.id);
    await log(tx, input, {
      entityType: 'attribute',
      entityId: current.id,
      operation: 'delete',
      diff: diffFields(attributeFields(current), null),
    });
  });
}
