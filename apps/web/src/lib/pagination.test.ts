import { describe, expect, it } from 'vitest';
import { pageCount, pageHref } from './pagination';

describe('pagination', () => {
  it.each([
    [0, 20, 1],
    [1, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [100, 0, 1],
  ])('%i items of %i per page make %i pages', (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });

  it('keeps the filters when linking another page', () => {
    expect(pageHref(new URL('http://x/admin/users?q=ann&role=ops'), 3)).toBe('/admin/users?q=ann&role=ops&page=3');
    expect(pageHref(new URL('http://x/admin/users?q=ann&page=3'), 1)).toBe('/admin/users?q=ann');
    expect(pageHref(new URL('http://x/admin/users?page=2'), 1)).toBe('/admin/users');
  });
});
