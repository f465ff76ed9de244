/**
 * Number of pages for `total` items, at least 1 (an empty list still has its first page).
 * `maxPages`, when the API says how many pages can be requested (a search ranks only so many
 * matches, whatever `total` estimates), caps it.
 */
export function pageCount(total: number, pageSize: number, maxPages?: number): number {
  if (!Number.isFinite(total) || !Number.isFinite(pageSize) || pageSize <= 0) return 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return maxPages === undefined || !Number.isFinite(maxPages) ? pages : Math.max(1, Math.min(pages, Math.floor(maxPages)));
}

/** The current address with `page` set (dropped for page 1), keeping every other query parameter. */
export function pageHref(url: URL, page: number, param = 'page'): string {
  const params = new URLSearchParams(url.search);
  if (page <= 1) params.delete(param);
  else params.set(param, String(page));
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}
