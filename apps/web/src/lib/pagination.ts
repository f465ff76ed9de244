/** Number of pages for `total` items, at least 1 (an empty list still has its first page). */
export function pageCount(total: number, pageSize: number): number {
  if (!Number.isFinite(total) || !Number.isFinite(pageSize) || pageSize <= 0) return 1;
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The current address with `page` set (dropped for page 1), keeping every other query parameter. */
export function pageHref(url: URL, page: number, param = 'page'): string {
  const params = new URLSearchParams(url.search);
  if (page <= 1) params.delete(param);
  else params.set(param, String(page));
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}
