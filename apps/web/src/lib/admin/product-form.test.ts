import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import {
  allowedActions,
  checkProductForm,
  emptyProductValues,
  productInputFrom,
  productToValues,
  readStockChanges,
  renumberRows,
  stockProblemKey,
  stockTargets,
  variantRows,
  withStock,
  type AttributeField,
} from './product-form';

const fields: AttributeField[] = [
  { code: 'material', kind: 'basic', type: 'text', required: false, allowedValues: null },
  { code: 'washable', kind: 'basic', type: 'boolean', required: false, allowedValues: null },
  { code: 'size', kind: 'sales', type: 'enum', required: true, allowedValues: [{ value: 'S' }, { value: 'L' }] },
];
const category = '0b8e7a3c-6f1d-4c2a-9e5b-1d2c3b4a5f60';

describe('the product form', () => {
  it('reads named paths into ProductInput, prices in whole NT$', () => {
    const values = {
      'name.zh-TW': '圓領T',
      'name.en': '',
      primaryCategoryId: category,
      'basicAttributes.material': ' 棉 ',
      'basicAttributes.washable': 'on',
      'variants.0.sku': 'TEE-S',
      'variants.0.salesAttributes.size': 'S',
      'variants.0.priceMinor': '390',
      'variants.3.sku': 'TEE-L',
      'variants.3.salesAttributes.size': 'L',
      'variants.3.priceMinor': '450',
      'variants.3.compareAtMinor': '500',
      'variants.3.weightGrams': '180',
      version: '3',
    };
    expect(productInputFrom(values, fields)).toEqual({
      name: { 'zh-TW': '圓領T' },
      brandId: null,
      primaryCategoryId: category,
      excludedFromOrderDiscounts: false,
      storePickupEligible: false,
      coolingOffExempt: false,
      basicAttributes: { material: '棉', washable: true },
      variants: [
        { sku: 'TEE-S', salesAttributes: { size: 'S' }, priceMinor: 390, compareAtMinor: null, status: 'active', weightGrams: null },
        { sku: 'TEE-L', salesAttributes: { size: 'L' }, priceMinor: 450, compareAtMinor: 500, status: 'active', weightGrams: 180 },
      ],
      version: 3,
    });
  });

  it('sends a text attribute in both languages when English is given, and reads it back into both fields', () => {
    const values = {
      'name.zh-TW': '圓領T',
      primaryCategoryId: category,
      'basicAttributes.material': '棉',
      'basicAttributes.material.en': ' Cotton ',
      'variants.0.sku': 'A',
      'variants.0.priceMinor': '1',
    };
    expect(productInputFrom(values, fields).basicAttributes).toEqual({ material: { 'zh-TW': '棉', en: 'Cotton' } });
    const product = {
      id: category,
      slug: 'tee',
      name: { 'zh-TW': '圓領T' },
      description: null,
      brandId: null,
      primaryCategoryId: category,
      categoryIds: [],
      type: 'physical' as const,
      basicAttributes: { material: { 'zh-TW': '棉', en: 'Cotton' } },
      status: 'draft' as const,
      version: 1,
      reviewNote: null,
      createdBy: null,
      createdAt: '',
      updatedAt: '',
      firstOnShelfAt: null,
      deletedAt: null,
      variants: [
        {
          id: category,
          sku: 'A',
          salesAttributes: {},
          priceMinor: 1,
          compareAtMinor: null,
          status: 'active' as const,
          weightGrams: 250,
          sortOrder: 0,
        },
      ],
    };
    expect(productToValues(product)).toMatchObject({
      'basicAttributes.material': '棉',
      'basicAttributes.material.en': 'Cotton',
      'variants.0.weightGrams': '250',
    });
  });

  it('reports errors under the input names', () => {
    const checked = checkProductForm(
      { 'name.zh-TW': '', primaryCategoryId: category, 'variants.0.sku': 'bad sku', 'variants.0.priceMinor': '' },
      fields,
      getTranslator('zh-TW'),
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(['name.zh-TW', 'variants.0.priceMinor', 'variants.0.sku']);
  });

  it('renumbers rows, adding or removing one', () => {
    const values = { 'variants.0.sku': 'A', 'variants.2.sku': 'C', 'variants.5.sku': 'F' };
    expect(variantRows(values)).toEqual([0, 2, 5]);
    expect(renumberRows(values, { remove: 2 })).toEqual({ 'variants.0.sku': 'A', 'variants.1.sku': 'F' });
    expect(variantRows(renumberRows(values, { add: true }))).toEqual([0, 1, 2, 3]);
  });
});

describe('the cart flags', () => {
  const base = { 'name.zh-TW': '圓領T', primaryCategoryId: category, 'variants.0.sku': 'A', 'variants.0.priceMinor': '1' };
  const saved = {
    id: category,
    slug: 'tee',
    name: { 'zh-TW': '圓領T' },
    description: null,
    brandId: null,
    primaryCategoryId: category,
    categoryIds: [],
    type: 'virtual' as const,
    basicAttributes: {},
    status: 'draft' as const,
    version: 2,
    reviewNote: null,
    createdBy: null,
    createdAt: '',
    updatedAt: '',
    firstOnShelfAt: null,
    deletedAt: null,
    variants: [],
  };

  it('sends every flag as ticked (on) or not (absent: a checkbox left unticked is not posted)', () => {
    expect(productInputFrom({ ...base, excludedFromOrderDiscounts: 'on' }, fields)).toMatchObject({
      excludedFromOrderDiscounts: true,
      storePickupEligible: false,
    });
    expect(productInputFrom({ ...base, storePickupEligible: 'on' }, fields)).toMatchObject({
      excludedFromOrderDiscounts: false,
      storePickupEligible: true,
      coolingOffExempt: false,
    });
    expect(productInputFrom({ ...base, coolingOffExempt: 'on' }, fields)).toMatchObject({ coolingOffExempt: true });
  });

  it('starts a new product as the API does: discounts apply, store pickup offered', () => {
    const input = productInputFrom({ ...emptyProductValues(category), ...base }, fields);
    expect(input).toMatchObject({ excludedFromOrderDiscounts: false, storePickupEligible: true });
    expect(input).not.toHaveProperty('type');
  });

  it('reads the flags and the type of a saved product back, and sends the type as it was', () => {
    const values = productToValues({ ...saved, excludedFromOrderDiscounts: true, storePickupEligible: false, coolingOffExempt: true });
    expect(values).toMatchObject({ excludedFromOrderDiscounts: 'on', storePickupEligible: '', coolingOffExempt: 'on', type: 'virtual' });
    expect(productInputFrom(values, fields)).toMatchObject({
      type: 'virtual',
      excludedFromOrderDiscounts: true,
      storePickupEligible: false,
      coolingOffExempt: true,
    });
    // An answer without the flags: the API's defaults.
    expect(productToValues(saved)).toMatchObject({ excludedFromOrderDiscounts: '', storePickupEligible: 'on', coolingOffExempt: '' });
  });
});

describe('the stock column', () => {
  const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
  const figures = (onHand: number, unlimited = false) => ({ onHand, reserved: 0, available: onHand, unlimited });

  it('fills each saved variant’s on-hand figure (0 without a stock row), none for unlimited or new rows', () => {
    const values = {
      'variants.0.id': ids[0]!,
      'variants.0.sku': 'A',
      'variants.1.id': ids[1]!,
      'variants.1.sku': 'B',
      'variants.2.id': ids[2]!,
      'variants.2.sku': 'C',
      'variants.3.sku': 'NEW',
    };
    const out = withStock(values, { [ids[0]!]: figures(5), [ids[2]!]: figures(0, true) });
    expect(out).toMatchObject({ 'variants.0.stock': '5', 'variants.0.stockWas': '5', 'variants.1.stock': '0', 'variants.1.stockWas': '0' });
    expect(out).not.toHaveProperty('variants.2.stock');
    expect(out).not.toHaveProperty('variants.3.stock');
  });

  it('reads only the figures that changed; a new row’s blank or 0 changes nothing', () => {
    const values = {
      'variants.0.id': ids[0]!,
      'variants.0.sku': 'A',
      'variants.0.stock': '5',
      'variants.0.stockWas': '5',
      'variants.1.id': ids[1]!,
      'variants.1.sku': 'B',
      'variants.1.stock': ' 7 ',
      'variants.1.stockWas': '0',
      'variants.2.id': ids[2]!,
      'variants.2.sku': 'C',
      'variants.2.stock': '',
      'variants.2.stockWas': '3',
      'variants.3.sku': ' NEW-1 ',
      'variants.3.stock': '12',
      'variants.4.sku': 'NEW-2',
      'variants.4.stock': '0',
      'variants.5.sku': 'NEW-3',
    };
    expect(readStockChanges(values)).toEqual({
      changes: [
        { row: 1, variantId: ids[1], sku: 'B', set: 7 },
        { row: 3, variantId: null, sku: 'NEW-1', set: 12 },
      ],
      errors: {},
    });
  });

  it('takes 0 as a count, and refuses anything but a whole number from 0 up', () => {
    const row = (stock: string) => ({
      'variants.0.id': ids[0]!,
      'variants.0.sku': 'A',
      'variants.0.stock': stock,
      'variants.0.stockWas': '4',
    });
    expect(readStockChanges(row('0')).changes).toEqual([{ row: 0, variantId: ids[0], sku: 'A', set: 0 }]);
    for (const bad of ['-1', '1.5', '1e3', 'abc', '99999999999', '1000000001']) {
      expect(readStockChanges(row(bad)), bad).toEqual({ changes: [], errors: { 'variants.0.stock': 'admin.stock.setNegative' } });
    }
    expect(readStockChanges(row('1000000000')).changes).toHaveLength(1);
  });

  it('finds each change’s variant in the saved product: by id, a new one by SKU, none when it is not there', () => {
    const changes = [
      { row: 0, variantId: ids[0]!, sku: 'A', set: 1 },
      { row: 1, variantId: null, sku: 'new-1', set: 2 },
      { row: 2, variantId: null, sku: 'PENDING', set: 3 },
      { row: 3, variantId: ids[2]!, sku: 'GONE', set: 4 },
    ];
    const targets = stockTargets(changes, [
      { id: ids[0]!, sku: 'A' },
      { id: ids[1]!, sku: 'NEW-1' },
    ]);
    expect(targets.map((t) => t.target)).toEqual([ids[0], ids[1], null, null]);
    expect(stockProblemKey(null, 'PENDING')).toBe('sku:pending');
    expect(stockProblemKey(ids[0]!, 'A')).toBe(ids[0]);
  });
});

describe('allowedActions', () => {
  it('follows the lifecycle and leaves approving to admins', () => {
    expect(allowedActions('draft', false)).toEqual(['submit', 'freeze', 'delete']);
    expect(allowedActions('pending_review', false)).toEqual(['freeze', 'delete']);
    expect(allowedActions('pending_review', true)).toEqual(['approve', 'reject', 'freeze', 'delete']);
    expect(allowedActions('approved', false)).toEqual(['put_on_shelf', 'freeze', 'delete']);
    expect(allowedActions('frozen', true)).toEqual(['unfreeze', 'delete']);
    expect(allowedActions('deleted', false)).toEqual(['restore']);
  });
});
