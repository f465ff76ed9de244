import { fail, redirect } from '@sveltejs/kit';
import { MAX_LINE_QUANTITY } from '@shop/contracts/cart';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { unitsStillAddable } from '$lib/cart/cart';
import { localizeHref } from '$lib/i18n';
import { pageError } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/**
 * One product. The variant (`?variant=`) and image (`?image=`) are picked by the page from the
 * address, not here, so switching them never reloads the product.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  let product;
  try {
    // A former slug: the API answers 301 and fetch follows it, so the answer's slug differs.
    product = await locals.api.catalog.product(params.slug, locals.locale);
  } catch (err) {
    pageError(err, url);
  }
  const canonicalPath = `/products/${encodeURIComponent(product.slug)}`;
  if (product.slug !== params.slug) redirect(301, localizeHref(`${canonicalPath}${url.search}`, locals.locale));
  // Units left per variant; without it the page tells the catalog's coarser state.
  const stock = await locals.api.stock.product(product.id).catch((err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
    return null;
  });
  return { product, canonicalPath, stock };
};

/** What the add-to-cart form answers: the units added, or why not (with what can still be added). */
export interface AddToCartResult {
  form: 'cart';
  added?: { variantId: string; quantity: number };
  message?: string;
  /** INVENTORY_SHORTAGE: units of the variant that can still go into the cart. */
  available?: number;
  variantId?: string;
}

export const actions: Actions = {
  addToCart: async ({ request, locals }) => {
    const data = await request.formData();
    const variantId = String(data.get('variantId') ?? '');
    const quantityText = String(data.get('quantity') ?? '').trim();
    const quantity = /^\d{1,3}$/.test(quantityText) ? Number(quantityText) : Number.NaN;
    if (!/^[0-9a-f-]{36}$/i.test(variantId)) {
      return fail(400, { form: 'cart', message: locals.t('cart.add.chooseVariant'), variantId } satisfies AddToCartResult);
    }
    if (!(quantity >= 1 && quantity <= MAX_LINE_QUANTITY)) {
      return fail(400, { form: 'cart', message: locals.t('cart.add.lineLimit'), variantId } satisfies AddToCartResult);
    }
    try {
      await locals.api.cart.addItem({ variantId, quantity });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
      if (err.code === 'INVENTORY_SHORTAGE') {
        const available = unitsStillAddable(err.document, quantity);
        const message = available > 0 ? locals.t('cart.add.shortage', { available }) : locals.t('cart.add.shortageNone');
        return fail(status, { form: 'cart', message, available, variantId } satisfies AddToCartResult);
      }
      return fail(status, { form: 'cart', message: problemCopy(locals.t, err), variantId } satisfies AddToCartResult);
    }
    return { form: 'cart', added: { variantId, quantity } } satisfies AddToCartResult;
  },
};
