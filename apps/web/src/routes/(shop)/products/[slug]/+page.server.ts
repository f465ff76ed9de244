import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { pageError } from '$lib/server/session';
import type { PageServerLoad } from './$types';

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
  return { product, canonicalPath };
};
