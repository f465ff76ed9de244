/** The query parameter an admin list's sort links set, unless the table names another. */
export const defaultSortParam = 'sort';

/**
 * How a list is sorted by `key`, read from the sort parameter's value: `key` is ascending,
 * `-key` descending; any other value (or none) means not by this key. For `aria-sort`.
 */
export function sortDirection(current: string | null | undefined, key: string): 'ascending' | 'descending' | undefined {
  if (current === key) return 'ascending';
  if (current === `-${key}`) return 'descending';
  return undefined;
}

/**
 * The link of a column header that sorts by `key`: ascending first, descending when the list is
 * already ascending by it. Every other query parameter (the filters) stays; the page goes, as a
 * new order starts over at page 1.
 */
export function sortHref(url: URL, key: string, param = defaultSortParam, pageParam = 'page'): string {
  const params = new URLSearchParams(url.search);
  params.set(param, sortDirection(params.get(param), key) === 'ascending' ? `-${key}` : key);
  params.delete(pageParam);
  return `${url.pathname}?${params.toString()}`;
}
