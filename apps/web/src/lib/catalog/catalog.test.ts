import { describe, expect, it } from 'vitest';
import {
  jsonLd,
  listHref,
  parseAllowedValues,
  priceRange,
  readListState,
  reorder,
  safeHighlight,
  selectedVariant,
  variantOptions,
} from './catalog';

describe('safeHighlight', () => {
  it('keeps <mark> and escapes every other tag', () => {
    expect(safeHighlight('<mark>圓領</mark>T &amp; co')).toBe('<mark>圓領</mark>T &amp; co');
    expect(safeHighlight('<img src=x onerror=alert(1)><mark>a</mark>')).toBe('&lt;img src=x onerror=alert(1)&gt;<mark>a</mark>');
    expect(safeHighlight('<mark class="x">a</mark>')).toBe('&lt;mark class=&quot;x&quot;&gt;a</mark>');
  });
});

describe('jsonLd', () => {
  it('cannot close its script element', () => {
    expect(jsonLd({ name: '</script><script>alert(1)</script>' })).not.toContain('</script>');
  });
});

describe('the list query string', () => {
  it('reads leniently and writes without defaults', () => {
    const state = readListState(
      new URLSearchParams('q=%20圓領%20&attr=size:M&attr=size:M&attr=bad&price=500-999&sort=nope&page=0&inStock=true'),
    );
    expect(state).toEqual({
      q: '圓領',
      category: '',
      brand: '',
      price: '500-999',
      attr: ['size:M'],
      inStock: true,
      sort: 'relevance',
      page: 1,
    });
    expect(listHref(state)).toBe('/products?q=%E5%9C%93%E9%A0%98&price=500-999&attr=size%3AM&inStock=true');
    expect(listHref({})).toBe('/products');
  });

  it('turns price buckets into API bounds', () => {
    expect(priceRange('500-999')).toEqual({ priceMin: 500, priceMax: 999 });
    expect(priceRange('5000-')).toEqual({ priceMin: 5000 });
    expect(priceRange('x')).toEqual({});
  });
});

describe('variants', () => {
  const variants = [
    { id: 'a', sku: 'T-S-RED', salesAttributes: { size: 'S', color: 'red' } },
    { id: 'b', sku: 'T-L-RED', salesAttributes: { size: 'L', color: 'red' } },
    { id: 'c', sku: 'T-L-BLUE', salesAttributes: { size: 'L', color: 'blue' } },
  ];

  it('selects by id, else the first', () => {
    expect(selectedVariant(variants, 'c')?.sku).toBe('T-L-BLUE');
    expect(selectedVariant(variants, 'zzz')?.sku).toBe('T-S-RED');
  });

  it('points each option at the variant that changes only that attribute, when it exists', () => {
    const groups = variantOptions(variants, variants[0]);
    expect(groups.map((g) => g.code)).toEqual(['size', 'color']);
    expect(groups[0]?.options).toEqual([
      { value: 'S', variantId: 'a', selected: true },
      { value: 'L', variantId: 'b', selected: false },
    ]);
    // S/blue does not exist: blue leads to the first blue variant.
    expect(groups[1]?.options.find((o) => o.value === 'blue')?.variantId).toBe('c');
  });
});

describe('reorder', () => {
  it('moves before a sibling, or to the end', () => {
    expect(reorder(['a', 'b', 'c'], 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(reorder(['a', 'b', 'c'], 'a', null)).toEqual(['b', 'c', 'a']);
    expect(reorder(['a', 'b'], 'x', 'b')).toEqual(['a', 'x', 'b']);
  });
});

describe('parseAllowedValues', () => {
  it('reads value|中文|English lines', () => {
    expect(parseAllowedValues('S\nM|中號|Medium\n\n')).toEqual([
      { value: 'S', label: { 'zh-TW': 'S' } },
      { value: 'M', label: { 'zh-TW': '中號', en: 'Medium' } },
    ]);
  });
});
