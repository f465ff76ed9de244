import { flattenTree } from '$lib/catalog/catalog';
import { apiFailure, invalid } from '$lib/server/forms';
import { checkProductForm, postedValues, renumberRows, type AttributeField } from '$lib/admin/product-form';
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

/** Reads and checks the posted product; the input to send, or the 400 to answer. */
export async function readProduct(request: Request, locals: App.Locals) {
  const values: FormValues = renumberRows(postedValues(await request.formData()));
  const fields: AttributeField[] = await attributeFields(locals, values.primaryCategoryId);
  const checked = checkProductForm(values, fields, locals.t);
  if (!checked.ok) return { failure: invalid('product', checked.errors, values), values };
  return { input: checked.input, values };
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
