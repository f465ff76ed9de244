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

  it.each([
    [12_300, 24, 42, 42],
    [500, 24, 42, 21],
    [1008, 24, 42, 42],
    [0, 24, 0, 1],
    [100, 24, undefined, 5],
    [100, 24, Number.NaN, 5],
  ])('%i items of %i per page with at most %s pages make %i pages', (total, size, max, pages) => {
    expect(pageCount(total, size, max)).toBe(pages);
  });

  it('keeps the filters when linking another page', () => {
    expect(pageHref(new URL('http://x/admin/users?q=ann&role=ops'), 3)).toBe('/admin/users?q=ann&role=ops&page=3');
    expect(pageHref(new URL('http://x/admin/users?q=ann&page=3'), 1)).toBe('/admin/users?q=ann');
    expect(pageHref(new URL('http://x/admin/users?page=2'), 1)).toBe('/admin/users');
  });
});
