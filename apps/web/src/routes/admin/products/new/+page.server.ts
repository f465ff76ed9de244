import { redirect } from '@sveltejs/kit';
import { emptyProductValues } from '$lib/admin/product-form';
import { pageError } from '$lib/server/session';
import { applyStock, editorOptions, productFailure, readProduct, refreshEditor } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  const categoryId = url.searchParams.get('category') ?? '';
  // Staff who may read stock get the stock column (figures come once the variants exist).
  const stock = (await parent()).adminSections.includes('stock') ? {} : null;
  try {
    return { options: await editorOptions(locals, categoryId), values: emptyProductValues(categoryId), stock };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    const read = await readProduct(request, locals);
    if ('failure' in read) return read.failure;
    let created: { id: string; variants: Array<{ id: string; sku: string }> };
    try {
      created = await locals.api.catalogAdmin.createProduct(read.input);
    } catch (err) {
      return productFailure(err, read.values, locals, url);
    }
    // The new variants' stock, set once they exist; the ones refused are named on the product's page.
    const stock = await applyStock(locals, read.stockChanges, created.variants);
    const failed = Object.keys(stock.problems);
    const query = new URLSearchParams({ notice: 'created' });
    if (stock.updated > 0) query.set('stockUpdated', String(stock.updated));
    if (failed.length > 0) query.set('stockFailed', failed.join(','));
    redirect(303, `/admin/products/${created.id}?${query}`);
  },
  refresh: async ({ request, locals }) => refreshEditor(request, locals),
};
