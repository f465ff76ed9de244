import { TransitionBody } from '@shop/contracts/catalog';
import { RevisionDecisionBody, type AdminProduct } from '@shop/contracts/catalog-admin';
import { IdParams } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { reorder } from '$lib/catalog/catalog';
import { productToValues, withStock } from '$lib/admin/product-form';
import { text } from '$lib/forms/form-data';
import { zodFieldErrors } from '$lib/forms/field-errors';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError } from '$lib/server/session';
import { isAdmin } from '$lib/identity/user';
import { applyStock, editorOptions, productFailure, productStock, readProduct, refreshEditor } from '../editor.server';
import type { Actions, PageServerLoad } from './$types';

function productId(params: { id: string }): string {
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'PRODUCT_NOT_FOUND' });
  return parsed.data.id;
}

/**
 * The product with its pending revision's edit in place of the live content: what someone who may
 * not approve goes on editing (saving again updates the same revision).
 */
function withRevision(product: AdminProduct): AdminProduct {
  const values = product.pendingRevision?.values as
    (Partial<AdminProduct> & { variants?: Array<Partial<AdminProduct['variants'][number]>> }) | undefined;
  if (!values) return product;
  return {
    ...product,
    ...(values.name ? { name: values.name } : {}),
    description: values.description ?? null,
    ...(values.slug ? { slug: values.slug } : {}),
    brandId: values.brandId ?? null,
    primaryCategoryId: values.primaryCategoryId ?? product.primaryCategoryId,
    excludedFromOrderDiscounts: values.excludedFromOrderDiscounts ?? product.excludedFromOrderDiscounts,
    storePickupEligible: values.storePickupEligible ?? product.storePickupEligible,
    basicAttributes: values.basicAttributes ?? product.basicAttributes,
    variants: (values.variants ?? []).map((v, i) => ({
      id: v.id ?? '',
      sku: v.sku ?? '',
      salesAttributes: v.salesAttributes ?? {},
      priceMinor: v.priceMinor ?? 0,
      compareAtMinor: v.compareAtMinor ?? null,
      status: v.status ?? 'active',
      weightGrams: v.weightGrams ?? null,
      sortOrder: i,
    })),
  };
}

/** What the create action said of the new variants' stock (it redirects here): how many were set, which were refused. */
function createdStock(url: URL) {
  const updated = Number.parseInt(url.searchParams.get('stockUpdated') ?? '', 10);
  const failed = (url.searchParams.get('stockFailed') ?? '').split(',').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return { updated: Number.isSafeInteger(updated) && updated > 0 ? updated : 0, failed };
}

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
  const id = productId(params);
  const logPage = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const { adminSections } = await parent();
  try {
    const [product, log, stock] = await Promise.all([
      locals.api.catalogAdmin.product(id),
      locals.api.catalogAdmin.log(id, logPage),
      productStock(locals, adminSections, id),
    ]);
    const editingRevision = Boolean(product.pendingRevision) && !isAdmin(locals.user?.roles);
    const edited = editingRevision ? withRevision(product) : product;
    const options = await editorOptions(locals, edited.primaryCategoryId ?? undefined);
    const notice = url.searchParams.get('notice') === 'created' ? 'created' : null;
    return {
      product,
      log,
      options,
      editingRevision,
      stock,
      values: stock ? withStock(productToValues(edited), stock) : productToValues(edited),
      notice,
      createdStock: notice ? createdStock(url) : { updated: 0, failed: [] },
    };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  save: async ({ request, locals, url, params }) => {
    const id = productId(params);
    const read = await readProduct(request, locals);
    if ('failure' in read) return read.failure;
    let saved: AdminProduct;
    try {
      saved = await locals.api.catalogAdmin.updateProduct(id, read.input);
    } catch (err) {
      return productFailure(err, read.values, locals, url);
    }
    const stock = await applyStock(locals, read.stockChanges, saved.variants);
    return { form: 'saved', pending: Boolean(saved.pendingRevision), stockUpdated: stock.updated, stockProblems: stock.problems };
  },

  /** An approver's decision on the pending revision: approve, or reject with a reason. */
  revision: async ({ request, locals, url, params }) => {
    const id = productId(params);
    const form = await request.formData();
    const values = { decision: text(form, 'decision'), reason: text(form, 'reason') };
    const parsed = RevisionDecisionBody.safeParse({ decision: values.decision, reason: values.reason.trim() || undefined });
    if (!parsed.success) return invalid('revision', zodFieldErrors(parsed.error, locals.t), values);
    if (parsed.data.decision === 'reject' && !parsed.data.reason)
      return invalid('revision', { reason: locals.t('fieldError.required') }, values);
    try {
      await locals.api.catalogAdmin.decideRevision(id, parsed.data);
    } catch (err) {
      return apiFailure(err, { form: 'revision', values, t: locals.t, url });
    }
    return { form: 'revision', done: parsed.data.decision };
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
