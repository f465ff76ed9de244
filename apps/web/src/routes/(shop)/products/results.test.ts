import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import { lastPageInstead, resultCountText, showFacetCounts } from './results';

describe('resultCountText', () => {
  it.each([
    ['zh-TW', true, 1234, '共 1,234 件商品'],
    ['zh-TW', false, 12_300, '約 12,300 件商品'],
    ['en', true, 1234, '1,234 products'],
    ['en', false, 12_300, 'About 12,300 products'],
    ['zh-TW', true, 0, '共 0 件商品'],
  ] as const)('%s, exact %s, %i: %s', (locale, totalExact, total, text) => {
    expect(resultCountText(getTranslator(locale), { total, totalExact, pages: 42 })).toBe(text);
  });
});

describe('showFacetCounts', () => {
  it('shows counts only when they count every match', () => {
    expect(showFacetCounts({ total: 206, totalExact: true, pages: 9 })).toBe(true);
    expect(showFacetCounts({ total: 12_300, totalExact: false, pages: 42 })).toBe(false);
  });
});

describe('lastPageInstead', () => {
  const list = { total: 12_300, totalExact: false, pages: 42 };
  it.each([
    [1, list, null],
    [42, list, null],
    [43, list, 42],
    [500, list, 42],
    // Nothing found at all: page 1 says so.
    [3, { total: 0, totalExact: true, pages: 0 }, 1],
    [1, { total: 0, totalExact: true, pages: 0 }, null],
    [2, { total: 0, totalExact: true, pages: 1 }, 1],
  ])('page %i of %j goes to %s', (page, summary, to) => {
    expect(lastPageInstead(page, summary)).toBe(to);
  });
});
