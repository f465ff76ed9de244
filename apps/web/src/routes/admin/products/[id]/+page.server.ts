import { TransitionBody } from '@shop/contracts/catalog';
import { IdParams } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { reorder } from '$lib/catalog';
import { productToValues } from '$lib/forms/product-form';
import { text } from '$lib/forms/form-data';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError } from '$lib/server/session';
import { editorOptions, productFailure, readProduct, refreshEditor } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

function productId(params: { id: string }): string {
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'PRODUCT_NOT_FOUND' });
  return parsed.data.id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const id = productId(params);
  const logPage = Math.max(1, Number(url.searchParams.get('page')) || 1);
  try {
    const [product, log] = await Promise.all([locals.api.catalogAdmin.product(id), locals.api.catalogAdmin.log(id, logPage)]);
    const options = await editorOptions(locals, product.primaryCategoryId ?? undefined);
    return { product, log, options, values: productToValues(product), notice: url.searchParams.get('notice') === 'created' ? 'created' : null };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  save: async ({ request, locals, url, params }) => {
    const id = productId(params);
    const read = await readProduct(request, locals);
    if ('failure' in read) return read.failure;
    try {
      await locals.api.catalogAdmin.updateProduct(id, read.input);
    } catch (err) {
      return productFailure(err, read.values, locals, url);
    }
    return { form: 'saved' };
  },

  transition: async ({ request, locals, url, params }) => {
    const id = productId(params);
    const form = await request.formData();
    const values = { action: text(form, 'action'), reason: text(form, 'reason'), version: text(form, 'version') };
    const parsed = TransitionBody.safeParse({
      action: values.action,
      reason: values.reason.trim() || undefined,
      version: values.version ? Number(values.version) : undefined,
    });
    if (!parsed.success) return invalid('transition', zodFieldErrors(parsed.error, locals.t), values);
    if (parsed.data.action === 'reject' && !parsed.data.reason) {
      return invalid('transition', { reason: locals.t('fieldError.required') }, values);
    }
    try {
      await locals.api.catalogAdmin.transition(id, parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'transition', values, t: locals.t, url });
    }
    return { form: 'transition', done: parsed.data.action };
  },

  refresh: async ({ request, locals }) => refreshEditor(request, locals),

  /** Passes the file on to the API, which checks its type by content and its size. */
  upload: async ({ request, locals, url, params }) => {
    const id = productId(params);
    const form = await request.formData();
    const file = form.get('file');
    const values = { variantId: text(form, 'variantId'), 'alt.zh-TW': text(form, 'alt.zh-TW') };
    if (!(file instanceof File) || file.size === 0) return invalid('images', { file: locals.t('fieldError.chooseFile') }, values);
    const upload = new FormData();
    upload.set('file', file, file.name);
    if (values.variantId) upload.set('variantId', values.variantId);
    if (values['alt.zh-TW'].trim()) upload.set('alt.zh-TW', values['alt.zh-TW'].trim());
    try {
      await locals.api.catalogAdmin.uploadImage(id, upload);
    } catch (err) {
      return apiFailure(err, { form: 'images', values, t: locals.t, url });
    }
    return { form: 'images', uploaded: true };
  },

  deleteImage: async ({ request, locals, url, params }) => {
    const id = productId(params);
    try {
      await locals.api.catalogAdmin.deleteImage(id, text(await request.formData(), 'imageId'));
    } catch (err) {
      return apiFailure(err, { form: 'images', values: {}, t: locals.t, url });
    }
    return { form: 'images', deleted: true };
  },

  /**
   * Puts `imageId` before `beforeId` (last when empty): the earlier/later buttons and drag and drop.
   * The order is worked out from the product as it is now and sent whole (every image id once).
   */
  moveImage: async ({ request, locals, url, params }) => {
    const id = productId(params);
    const form = await request.formData();
    const imageId = text(form, 'imageId');
    const beforeId = text(form, 'beforeId') || null;
    try {
      const images = [...((await locals.api.catalogAdmin.product(id)).images ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
      const current = images.map((image) => image.id);
      if (!current.includes(imageId)) return invalid('images', {}, {}, locals.t('problem.NOT_FOUND'));
      const order = beforeId === imageId ? current : reorder(current, imageId, beforeId);
      if (order.some((imageIdAt, i) => imageIdAt !== current[i])) await locals.api.catalogAdmin.reorderImages(id, order);
    } catch (err) {
      return apiFailure(err, { form: 'images', values: {}, t: locals.t, url });
    }
    return { form: 'images', reordered: true };
  },
};
