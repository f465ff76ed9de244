import { redirect } from '@sveltejs/kit';
import { emptyProductValues } from '$lib/admin/product-form';
import { pageError } from '$lib/server/session';
import { editorOptions, productFailure, readProduct, refreshEditor } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const categoryId = url.searchParams.get('category') ?? '';
  try {
    return { options: await editorOptions(locals, categoryId), values: emptyProductValues(categoryId) };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    const read = await readProduct(request, locals);
    if ('failure' in read) return read.failure;
    let id: string;
    try {
      ({ id } = await locals.api.catalogAdmin.createProduct(read.input));
    } catch (err) {
      return productFailure(err, read.values, locals, url);
    }
    redirect(303, `/admin/products/${id}?notice=created`);
  },
  refresh: async ({ request, locals }) => refreshEditor(request, locals),
};
