/** What the product list says about its results, from the API's answer (pure; the page renders it). */
import type { Translate } from '$lib/i18n';

/** The parts of `ProductListResponse` these rules read. */
export interface ResultsSummary {
  total: number;
  /** False: `total` is the API's estimate, and facet counts cover only the ranked matches. */
  totalExact: boolean;
  /** How many pages can be requested. */
  pages: number;
}

/** 「共 1,234 件商品」, or 「約 12,300 件商品」 when the total is an estimate. */
export function resultCountText(t: Translate, list: ResultsSummary): string {
  return t(list.totalExact ? 'catalog.resultCount' : 'catalog.resultCountEstimate', { count: list.total });
}

/**
 * Facet counts are shown only when they count every match: counted over the ranked matches of a
 * broad search they would undercount, and a value counted 0 there may still have products.
 */
export function showFacetCounts(list: ResultsSummary): boolean {
  return list.totalExact;
}

/**
 * The page to send a request for a page past the last one to (a link from an older, longer result,
 * or an edited address), instead of an empty page that reads "nothing found"; null when it is fine.
 */
export function lastPageInstead(requested: number, list: ResultsSummary): number | null {
  return requested > 1 && requested > list.pages ? Math.max(1, list.pages) : null;
}
