import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import {
  allowedActions,
  checkProductForm,
  productInputFrom,
  productToValues,
  renumberRows,
  variantRows,
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
