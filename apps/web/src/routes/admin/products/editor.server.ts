import type { AdminSection } from '@shop/contracts/admin';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { flattenTree } from '$lib/catalog/catalog';
import { apiFailure, invalid } from '$lib/server/forms';
import {
  checkProductForm,
  postedValues,
  readStockChanges,
  renumberRows,
  stockProblemKey,
  stockTargets,
  type AttributeField,
  type StockChange,
  type StockFigures,
} from '$lib/admin/product-form';
import { text, type FormValues } from '$lib/forms/form-data';
import { addMatrixRows } from '$lib/admin/variant-matrix';

/** What the product editor shows besides the product: categories (flattened tree), brands and the category's attributes. */
export async function editorOptions(locals: App.Locals, categoryId: string | undefined) {
  const [categories, brands, attributes] = await Promise.all([
    locals.api.catalogAdmin.categories(),
    locals.api.catalogAdmin.brands(),
    attributeFields(locals, categoryId),
  ]);
  return {
    categories: flattenTree(categories.items).map(({ node, depth }) => ({
      id: node.id,
      name: node.name['zh-TW'],
      en: node.name.en ?? null,
      depth,
    })),
    brands: brands.items.map((b) => ({ id: b.id, name: b.name['zh-TW'], en: b.name.en ?? null })),
    attributes,
  };
}

export async function attributeFields(locals: App.Locals, categoryId: string | undefined) {
  if (!categoryId || !/^[0-9a-f-]{36}$/i.test(categoryId)) return [];
  const { items } = await locals.api.catalogAdmin.attributes(categoryId);
  return items;
}

/**
 * The editor's "refresh" (no JS, or the category changed): the form comes back as typed, with a
 * row added or removed and the chosen category's attribute fields. Nothing is saved.
 */
export async function refreshEditor(request: Request, locals: App.Locals) {
  const form = await request.formData();
  const op = typeof form.get('op') === 'string' ? (form.get('op') as string) : '';
  const removeMatch = /^remove:(\d+)$/.exec(op);
  let values = renumberRows(postedValues(form), { add: op === 'add', ...(removeMatch ? { remove: Number(removeMatch[1]) } : {}) });
  const attributes = await attributeFields(locals, values.primaryCategoryId);
  if (op === 'matrix') {
    // The ticked options of each sales attribute, in the definition's order.
    const choices = attributes
      .filter((a) => a.kind === 'sales' && a.type === 'enum')
      .map((a) => {
        const ticked = new Set(form.getAll(`matrix.${a.code}`).filter((x) => typeof x === 'string'));
        return { code: a.code, values: (a.allowedValues ?? []).map((o) => o.value).filter((value) => ticked.has(value)) };
      });
    values = addMatrixRows(values, choices, {
      skuPrefix: text(form, 'matrix.skuPrefix'),
      price: text(form, 'matrix.price'),
      weightGrams: text(form, 'matrix.weightGrams'),
    });
  }
  return { form: 'product', values, errors: {}, message: null, attributes };
}

/**
 * Reads and checks the posted product and its changed stock figures; the input to send and the
 * stock to set after it, or the 400 to answer (nothing is saved while a stock figure is wrong).
 */
export async function readProduct(request: Request, locals: App.Locals) {
  const values: FormValues = renumberRows(postedValues(await request.formData()));
  const fields: AttributeField[] = await attributeFields(locals, values.primaryCategoryId);
  const checked = checkProductForm(values, fields, locals.t);
  const stock = readStockChanges(values);
  const stockErrors = Object.fromEntries(Object.entries(stock.errors).map(([field, key]) => [field, locals.t(key)]));
  if (!checked.ok || Object.keys(stockErrors).length > 0) {
    return { failure: invalid('product', { ...(checked.ok ? {} : checked.errors), ...stockErrors }, values), values };
  }
  return { input: checked.input, values, stockChanges: stock.changes };
}

/**
 * The stock of a product's variants by variant id, or null for staff the access policies keep from
 * stock (the editor then shows no stock column). Variants that never had stock are not listed.
 */
export async function productStock(
  locals: App.Locals,
  sections: readonly AdminSection[],
  productId: string,
): Promise<Record<string, StockFigures> | null> {
  if (!sections.includes('stock')) return null;
  const levels: Record<string, StockFigures> = {};
  try {
    // A product has at most 200 variants: two pages at most.
    for (let page = 1; page <= 2; page++) {
      const list = await locals.api.admin.stock({ productId, page, pageSize: 100 });
      for (const l of list.items)
        levels[l.variantId] = { onHand: l.onHand, reserved: l.reserved, available: l.available, unlimited: l.unlimited };
      if (page * list.pageSize >= list.total) break;
    }
  } catch (err) {
    // The policies changed since the menu was drawn: no stock column rather than no editor.
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
  return levels;
}

/**
 * After the product was saved: sets each changed stock figure through the stock API (a count,
 * `set`, with the editor as its reason), one variant at a time. A refusal does not undo the product
 * save: it comes back as the copy to show next to its variant (keyed by `stockProblemKey`).
 */
export async function applyStock(
  locals: App.Locals,
  changes: readonly StockChange[],
  saved: ReadonlyArray<{ id: string; sku: string }>,
): Promise<{ updated: number; problems: Record<string, string> }> {
  const problems: Record<string, string> = {};
  let updated = 0;
  for (const change of stockTargets(changes, saved)) {
    const key = stockProblemKey(change.variantId ?? change.target, change.sku);
    if (!change.target) {
      problems[key] = locals.t('admin.catalog.stockAfterApproval');
      continue;
    }
    try {
      await locals.api.admin.adjustStock(change.target, { set: change.set, reason: locals.t('admin.catalog.stockReason') });
      updated++;
    } catch (err) {
      // Whatever went wrong (a session that ended included), the product is saved: say so per variant.
      problems[key] = problemCopy(locals.t, err);
    }
  }
  return { updated, problems };
}

export function productFailure(err: unknown, values: FormValues, locals: App.Locals, url: URL) {
  return apiFailure(err, {
    form: 'product',
    values,
    t: locals.t,
    url,
    fieldForCode: { SKU_TAKEN: ['form', 'fieldError.skuTaken'], SLUG_TAKEN: ['slug', 'fieldError.slugTaken'] },
  });
}
