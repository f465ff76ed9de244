import { error, redirect } from '@sveltejs/kit';
import { categoryPath, listHref, pageSize, priceRange, readListState } from '$lib/catalog/catalog';
import { localizeHref } from '$lib/i18n';
import { pageError } from '$lib/server/session';
import type { PageServerLoad } from './$types';
import { lastPageInstead } from './results';

/** Search and browse: every filter, the sort and the page come from the query string (a GET form). */
export const load: PageServerLoad = async ({ locals, url }) => {
  const state = readListState(url.searchParams);
  const locale = locals.locale;
  let loaded;
  try {
    loaded = await Promise.all([
      locals.api.catalog.products({
        q: state.q || undefined,
        category: state.category || undefined,
        brand: state.brand || undefined,
        ...priceRange(state.price),
        attr: state.attr,
        inStock: state.inStock ? 'true' : undefined,
        sort: state.sort,
        page: state.page,
        pageSize,
        locale,
      }),
      locals.api.catalog.categories(locale),
    ]);
  } catch (err) {
    pageError(err, url);
  }
  const [list, categories] = loaded;
  // A category page of a category that does not exist (a typo, a deleted one) is not an empty list.
  const path = state.category ? categoryPath(categories.items, state.category) : [];
  if (path === null) error(404, { message: 'Not Found' });
  // A page past the last (an older, longer result's link) would read "nothing found"; the last page does not.
  const lastPage = lastPageInstead(state.page, list);
  if (lastPage !== null) redirect(307, localizeHref(listHref({ ...state, page: lastPage }), locale));
  return { state, list, categories: categories.items, categoryPath: path, canonicalPath: listHref({ ...state, page: state.page }) };
};
