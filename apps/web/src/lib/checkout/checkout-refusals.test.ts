import type { Cart } from '@shop/contracts/cart';
import { describe, expect, it } from 'vitest';
import { priceChangedFigures, shortageLines } from './checkout-refusals';

const line = (variantId: string, zh: string, en: string) =>
  ({ variantId, productName: { 'zh-TW': zh, en }, sku: 'SKU' }) as unknown as Cart['lines'][number];

describe('priceChangedFigures', () => {
  it('reads the server’s figures: discounts together, shipping after its discount', () => {
    const doc = {
      code: 'PRICE_CHANGED',
      current: {
        totals: { subtotal: 1000, lineDiscounts: 50, orderDiscounts: 100, shipping: 80, shippingDiscount: 80, total: 850 },
        gifts: [],
      },
    };
    expect(priceChangedFigures(doc)).toEqual({ subtotal: 1000, discounts: 150, shipping: 0, total: 850 });
  });

  it('gives nothing for a document without whole-number figures', () => {
    expect(priceChangedFigures({ current: { totals: { subtotal: 1, total: '9' } } })).toBeNull();
    expect(priceChangedFigures(null)).toBeNull();
  });
});

describe('shortageLines', () => {
  const cart = { lines: [line('v1', '限量帽', 'Rare cap'), line('v2', '襪子', 'Socks')] };

  it('names the lines short, with what is left, in the page’s language', () => {
    const doc = { lines: [{ variantId: 'v1', requested: 3, available: 1, lineIds: ['l1'] }] };
    expect(shortageLines(doc, cart, 'zh-TW', '商品')).toEqual([{ name: '限量帽', requested: 3, available: 1 }]);
    expect(shortageLines(doc, cart, 'en', 'Item')).toEqual([{ name: 'Rare cap', requested: 3, available: 1 }]);
  });

  it('skips malformed entries and names a variant no longer in the cart by the fallback', () => {
    const doc = { lines: [{ variantId: 'gone', requested: 1, available: -2 }, { variantId: 'v2' }, 'x'] };
    expect(shortageLines(doc, cart, 'zh-TW', '商品')).toEqual([{ name: '商品', requested: 1, available: 0 }]);
    expect(shortageLines({}, cart, 'zh-TW', '商品')).toEqual([]);
  });
});
