import { describe, expect, it } from 'vitest';
import { diffFields } from './diff.js';
import { contentHash, snapshotContent, type SnapshotSource } from './snapshot.js';

describe('contentHash', () => {
  it('ignores key order', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
  });
  it('is a sha256 hex digest', () => {
    expect(contentHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
  it('changes with any value, and with array order', () => {
    expect(contentHash({ p: 100 })).not.toBe(contentHash({ p: 101 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });
});

const source = (over: Partial<SnapshotSource['variants'][number]> = {}): SnapshotSource => ({
  product: {
    id: 'p1',
    slug: 'tee',
    name: { 'zh-TW': '圓領T恤', en: 'Tee' },
    description: null,
    type: 'physical',
    coolingOffExempt: false,
    basicAttributes: { material: 'cotton' },
  },
  brand: { id: 'b1', name: { 'zh-TW': '好牌' } },
  categories: [{ id: 'c1', name: { 'zh-TW': '上衣' } }],
  variants: [
    {
      id: 'v1',
      sku: 'TEE-S',
      salesAttributes: { size: 'S' },
      priceMinor: 390,
      compareAtMinor: null,
      status: 'active',
      weightGrams: 200,
      ...over,
    },
    { id: 'v2', sku: 'TEE-X', salesAttributes: { size: 'M' }, priceMinor: 390, compareAtMinor: null, status: 'inactive', weightGrams: 200 },
  ],
  images: [{ storageKey: 'p1/a.webp', variantId: null }],
});

describe('snapshotContent', () => {
  it('keeps active variants only and no staff fields', () => {
    const c = snapshotContent(source());
    expect(c.variants.map((v) => v.sku)).toEqual(['TEE-S']);
    expect(c).not.toHaveProperty('status');
    expect(c).not.toHaveProperty('version');
  });
  it('same content, same hash; a price change, a new hash', () => {
    expect(contentHash(snapshotContent(source()))).toBe(contentHash(snapshotContent(source())));
    expect(contentHash(snapshotContent(source({ priceMinor: 420 })))).not.toBe(contentHash(snapshotContent(source())));
  });
  it('an inactive variant changing does not change what buyers see', () => {
    const a = source();
    const b = source();
    b.variants[1]!.priceMinor = 999;
    expect(contentHash(snapshotContent(a))).toBe(contentHash(snapshotContent(b)));
  });
});

describe('diffFields', () => {
  it.each<[Record<string, unknown> | null, Record<string, unknown> | null, Record<string, unknown>]>([
    [{ a: 1, b: 2 }, { a: 1, b: 3 }, { b: { before: 2, after: 3 } }],
    [null, { a: 1 }, { a: { before: null, after: 1 } }],
    [{ a: 1 }, null, { a: { before: 1, after: null } }],
    [{ n: { en: 'x', 'zh-TW': 'y' } }, { n: { 'zh-TW': 'y', en: 'x' } }, {}],
    [{ v: [1] }, { v: [1, 2] }, { v: { before: [1], after: [1, 2] } }],
    [{ a: undefined }, { a: null }, {}],
  ])('%j → %j gives %j', (b, a, d) => expect(diffFields(b, a)).toEqual(d));
});
