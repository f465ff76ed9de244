import { describe, expect, it } from 'vitest';
import { describeChanges, operationLabel } from './catalog-changes';
import { getTranslator } from '$lib/i18n';

const zh = getTranslator('zh-TW');
const en = getTranslator('en');
const variant = (over: Record<string, unknown> = {}) => ({
  id: 'v1',
  sku: 'TEE-S',
  salesAttributes: {},
  priceMinor: 199,
  compareAtMinor: null,
  status: 'active',
  weightGrams: null,
  ...over,
});

describe('operationLabel', () => {
  it('names known actions in both languages and shows unknown ones as they are', () => {
    expect(operationLabel('revision_propose', zh)).toBe('提出修改（待審核）');
    expect(operationLabel('put_on_shelf', en)).toBe('Put on shelf');
    expect(operationLabel('something_new', zh)).toBe('something_new');
  });
});

describe('describeChanges', () => {
  it('a variant price change reads as the price before and after, not as "variants"', () => {
    const diff = { variants: { before: [variant()], after: [variant({ priceMinor: 179 })] } };
    expect(describeChanges(diff, zh, 'zh-TW')).toEqual(['價格（TEE-S）：$199 → $179']);
    expect(describeChanges(diff, en, 'en')).toEqual(['Price (TEE-S): NT$199 → NT$179']);
  });

  it('names the cart flags and says yes or no', () => {
    const diff = {
      excludedFromOrderDiscounts: { before: false, after: true },
      storePickupEligible: { before: true, after: false },
    };
    expect(describeChanges(diff, zh, 'zh-TW')).toEqual(['不適用全單折扣：否 → 是', '可超商取貨：是 → 否']);
    expect(describeChanges(diff, en, 'en')).toEqual([
      'Excluded from order-level discounts: No → Yes',
      'Convenience-store pickup: Yes → No',
    ]);
  });

  it('names added and removed variants, weight and the status in words', () => {
    const diff = {
      status: { before: 'pending_review', after: 'approved' },
      variants: {
        before: [variant(), variant({ id: 'v2', sku: 'TEE-M' })],
        after: [variant({ weightGrams: 200 }), variant({ id: undefined, sku: 'TEE-L', priceMinor: 250 })],
      },
    };
    expect(describeChanges(diff, zh, 'zh-TW')).toEqual([
      '狀態：待審核 → 已核准',
      '重量（TEE-S）：（空白） → 200 公克',
      '新增規格 TEE-L（$250）',
      '移除規格 TEE-M',
    ]);
  });

  it('shows names in the page language and a revision’s prices by SKU', () => {
    const diff = {
      name: { before: { 'zh-TW': '晨光馬克杯', en: 'Dawn mug' }, after: { 'zh-TW': '夕陽馬克杯', en: 'Dusk mug' } },
      prices: {
        before: [{ sku: 'MUG-1', priceMinor: 199, compareAtMinor: null }],
        after: [{ sku: 'MUG-1', priceMinor: 179, compareAtMinor: 199 }],
      },
    };
    expect(describeChanges(diff, zh, 'zh-TW')).toEqual([
      '名稱：晨光馬克杯 → 夕陽馬克杯',
      '價格（MUG-1）：$199 → $179',
      '原價（MUG-1）：（空白） → $199',
    ]);
    expect(describeChanges(diff, en, 'en')[0]).toBe('Name: Dawn mug → Dusk mug');
  });

  it('counts the images a revision adds and removes', () => {
    const diff = {
      images: {
        before: [{ id: 'a', url: '/media/a' }],
        after: [
          { id: 'b', url: '/media/b' },
          { id: 'c', url: '/media/c' },
        ],
      },
    };
    expect(describeChanges(diff, zh, 'zh-TW')).toEqual(['新增 2 張圖片', '移除 1 張圖片']);
    expect(describeChanges({ images: { before: ['a', 'b'], after: ['b', 'a'] } }, zh, 'zh-TW')).toEqual(['調整圖片順序']);
  });
});
