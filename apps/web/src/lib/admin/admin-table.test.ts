import { describe, expect, it } from 'vitest';
import { sortDirection, sortHref } from './admin-table';

describe('admin table sorting', () => {
  it('reads the direction of a key from the sort parameter', () => {
    expect(sortDirection('name', 'name')).toBe('ascending');
    expect(sortDirection('-name', 'name')).toBe('descending');
    expect(sortDirection('-createdAt', 'name')).toBeUndefined();
    expect(sortDirection('names', 'name')).toBeUndefined();
    expect(sortDirection(null, 'name')).toBeUndefined();
    expect(sortDirection(undefined, 'name')).toBeUndefined();
  });

  it('sorts ascending first, then flips to descending, and back', () => {
    const base = 'http://shop.test/admin/users';
    expect(sortHref(new URL(base), 'name')).toBe('/admin/users?sort=name');
    expect(sortHref(new URL(`${base}?sort=name`), 'name')).toBe('/admin/users?sort=-name');
    expect(sortHref(new URL(`${base}?sort=-name`), 'name')).toBe('/admin/users?sort=name');
    expect(sortHref(new URL(`${base}?sort=-name`), 'email')).toBe('/admin/users?sort=email');
  });

  it('keeps the filters and starts over at the first page', () => {
    const url = new URL('http://shop.test/admin/users?q=ann&role=ops&page=3&sort=email');
    expect(sortHref(url, 'createdAt')).toBe('/admin/users?q=ann&role=ops&sort=createdAt');
  });

  it('uses the parameter names the table is given', () => {
    const url = new URL('http://shop.test/admin/mailbox?to=ann%40example.tw&p=2');
    expect(sortHref(url, 'sentAt', 'order', 'p')).toBe('/admin/mailbox?to=ann%40example.tw&order=sentAt');
  });
});
