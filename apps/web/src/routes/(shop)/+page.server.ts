import { ApiError } from '$lib/api/client';
import type { PageServerLoad } from './$types';

/** Home: newest products, bestsellers and the top-level categories. A failing catalog leaves the page up, with its empty state. */
export const load: PageServerLoad = async ({ locals }) => {
  const locale = locals.locale;
  const settle = async <T>(call: Promise<T>, empty: T): Promise<T> => {
    try {
      return await call;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      console.warn(`[web] home: catalog read failed (${err.code})`);
      return empty;
    }
  };
  const [featured, bestsellers, categories] = await Promise.all([
    settle(locals.api.catalog.products({ sort: 'newest', pageSize: 8, locale }), null),
    settle(locals.api.catalog.bestsellers(8, locale), { items: [] }),
    settle(locals.api.catalog.categories(locale), { items: [] }),
  ]);
  return {
    featured: featured?.items ?? [],
    bestsellers: bestsellers.items,
    categories: categories.items,
  };
};
