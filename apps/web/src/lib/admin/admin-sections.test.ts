import { describe, expect, it } from 'vitest';
import { consoleSections } from './admin-sections';

describe('consoleSections', () => {
  it('offers exactly the sections the API allowed, in menu order', () => {
    expect(consoleSections(['categories', 'products'])).toEqual([
      { key: 'products', href: '/admin/products' },
      { key: 'categories', href: '/admin/categories' },
    ]);
  });

  it('offers nothing when nothing is allowed', () => {
    expect(consoleSections([])).toEqual([]);
  });
});
