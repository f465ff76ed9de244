import { describe, expect, it } from 'vitest';
import { addMatrixRows, combinations, matrixSku } from './variant-matrix';

describe('the variant matrix', () => {
  it('makes every colour × size combination, colour varying slowest', () => {
    expect(
      combinations([
        { code: 'color', values: ['black', 'navy'] },
        { code: 'size', values: ['S', 'M'] },
        { code: 'fit', values: [] },
      ]),
    ).toEqual([
      { color: 'black', size: 'S' },
      { color: 'black', size: 'M' },
      { color: 'navy', size: 'S' },
      { color: 'navy', size: 'M' },
    ]);
    expect(combinations([{ code: 'size', values: [] }])).toEqual([]);
  });

  it('derives SKUs a SKU may be', () => {
    expect(matrixSku('tee', { color: 'black', size: 'M' })).toBe('TEE-BLACK-M');
    expect(matrixSku(' ', { size: '大 號' })).toBe('');
    expect(matrixSku('mug', { volume: '350 ml' })).toBe('MUG-350-ML');
  });

  it('adds the missing rows, keeps existing ones and replaces the blank first row', () => {
    const values = {
      'name.zh-TW': '圓領T',
      'variants.0.id': 'v1',
      'variants.0.sku': 'TEE-BLACK-S',
      'variants.0.priceMinor': '450',
      'variants.0.salesAttributes.color': 'black',
      'variants.0.salesAttributes.size': 'S',
      'variants.1.sku': '',
      'variants.1.priceMinor': '',
      'variants.1.status': 'active',
    };
    const out = addMatrixRows(
      values,
      [
        { code: 'color', values: ['black'] },
        { code: 'size', values: ['S', 'M'] },
      ],
      { skuPrefix: 'tee', price: '390', weightGrams: '200' },
    );
    expect(out).toEqual({
      'name.zh-TW': '圓領T',
      'variants.0.id': 'v1',
      'variants.0.sku': 'TEE-BLACK-S',
      'variants.0.priceMinor': '450',
      'variants.0.salesAttributes.color': 'black',
      'variants.0.salesAttributes.size': 'S',
      'variants.1.sku': 'TEE-BLACK-M',
      'variants.1.priceMinor': '390',
      'variants.1.weightGrams': '200',
      'variants.1.status': 'active',
      'variants.1.salesAttributes.color': 'black',
      'variants.1.salesAttributes.size': 'M',
    });
    expect(addMatrixRows(values, [], { skuPrefix: '', price: '', weightGrams: '' })).toBe(values);
  });
});
