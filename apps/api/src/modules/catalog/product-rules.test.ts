import { describe, expect, it } from 'vitest';
import { effectiveDefinitions, validateProductAttributes, type AttributeDef, type ProductAttributes } from './product-rules.js';

const defs: AttributeDef[] = [
  { code: 'material', kind: 'basic', type: 'text', required: true, allowedValues: null, depth: 0 },
  { code: 'weight', kind: 'basic', type: 'number', required: false, allowedValues: null, depth: 0 },
  { code: 'organic', kind: 'basic', type: 'boolean', required: false, allowedValues: null, depth: 1 },
  { code: 'size', kind: 'sales', type: 'enum', required: true, allowedValues: [{ value: 'S' }, { value: 'M' }, { value: 'L' }], depth: 1 },
  { code: 'color', kind: 'sales', type: 'text', required: true, allowedValues: null, depth: 2 },
];

const v = (size: string | undefined, color: string | undefined, over: Partial<ProductAttributes['variants'][number]> = {}) => ({
  sku: `SKU-${size}-${color}-${Math.random()}`,
  status: 'active' as const,
  salesAttributes: Object.fromEntries(Object.entries({ size, color }).filter(([, x]) => x !== undefined)) as Record<string, string>,
  ...over,
});
const ok: ProductAttributes = { basicAttributes: { material: 'cotton' }, variants: [v('S', 'red'), v('M', 'red')] };

describe('validateProductAttributes', () => {
  it('accepts a valid product', () => expect(validateProductAttributes(defs, ok)).toEqual([]));

  it.each<[string, ProductAttributes, Array<[string, string]>]>([
    ['missing required basic', { ...ok, basicAttributes: {} }, [['body.basicAttributes.material', 'REQUIRED']]],
    ['blank required basic', { ...ok, basicAttributes: { material: ' ' } }, [['body.basicAttributes.material', 'REQUIRED']]],
    ['wrong text type', { ...ok, basicAttributes: { material: 3 } }, [['body.basicAttributes.material', 'INVALID_TYPE']]],
    ['wrong number type', { ...ok, basicAttributes: { material: 'x', weight: '3' } }, [['body.basicAttributes.weight', 'INVALID_TYPE']]],
    [
      'wrong boolean type',
      { ...ok, basicAttributes: { material: 'x', organic: 'yes' } },
      [['body.basicAttributes.organic', 'INVALID_TYPE']],
    ],
    ['unknown basic', { ...ok, basicAttributes: { material: 'x', colour: 'red' } }, [['body.basicAttributes.colour', 'UNKNOWN_ATTRIBUTE']]],
    [
      'enum value not allowed',
      { ...ok, variants: [v('S', 'red'), v('XXL', 'red')] },
      [['body.variants.1.salesAttributes.size', 'VALUE_NOT_ALLOWED']],
    ],
    [
      'sales attribute missing',
      { ...ok, variants: [v('S', 'red'), v('M', undefined)] },
      [['body.variants.1.salesAttributes.color', 'REQUIRED']],
    ],
    [
      'unknown sales attribute',
      { ...ok, variants: [v('S', 'red', { salesAttributes: { size: 'S', color: 'red', fit: 'slim' } })] },
      [['body.variants.0.salesAttributes.fit', 'UNKNOWN_ATTRIBUTE']],
    ],
    [
      'duplicate combination',
      { ...ok, variants: [v('S', 'red'), v('M', 'red'), v('S', 'red')] },
      [['body.variants.2.salesAttributes', 'DUPLICATE_COMBINATION']],
    ],
    [
      'duplicate sku in request',
      { ...ok, variants: [v('S', 'red', { sku: 'A-1' }), v('M', 'red', { sku: 'a-1' })] },
      [['body.variants.1.sku', 'DUPLICATE_SKU']],
    ],
  ])('%s', (_name, input, expected) => {
    expect(validateProductAttributes(defs, input).map((i) => [i.path, i.code])).toEqual(expected);
  });

  it('an inactive variant may be incomplete and may repeat a combination', () => {
    const input = {
      ...ok,
      variants: [v('S', 'red'), v('S', 'red', { status: 'inactive' }), v(undefined, undefined, { status: 'inactive' })],
    };
    expect(validateProductAttributes(defs, input)).toEqual([]);
  });

  it('without sales attributes two active variants clash', () => {
    const basicOnly = defs.filter((d) => d.kind === 'basic');
    expect(
      validateProductAttributes(basicOnly, { ...ok, variants: [v(undefined, undefined), v(undefined, undefined)] }).map((i) => i.code),
    ).toEqual(['DUPLICATE_COMBINATION']);
  });

  it('reports every issue at once', () => {
    const input = { basicAttributes: {}, variants: [v('XXL', 'red'), v('M', undefined)] };
    expect(validateProductAttributes(defs, input).map((i) => i.path)).toEqual([
      'body.basicAttributes.material',
      'body.variants.0.salesAttributes.size',
      'body.variants.1.salesAttributes.color',
    ]);
  });

  it('sales numbers and booleans arrive as strings', () => {
    const d: AttributeDef[] = [
      { code: 'volume', kind: 'sales', type: 'number', required: true, allowedValues: null, depth: 0 },
      { code: 'gift', kind: 'sales', type: 'boolean', required: true, allowedValues: null, depth: 0 },
    ];
    const input = {
      basicAttributes: {},
      variants: [
        v(undefined, undefined, { salesAttributes: { volume: '500', gift: 'true' } }),
        v(undefined, undefined, { salesAttributes: { volume: 'big', gift: 'maybe' } }),
      ],
    };
    expect(validateProductAttributes(d, input).map((i) => [i.path, i.code])).toEqual([
      ['body.variants.1.salesAttributes.gift', 'INVALID_TYPE'],
      ['body.variants.1.salesAttributes.volume', 'INVALID_TYPE'],
    ]);
  });
});

describe('effectiveDefinitions', () => {
  it('the deepest definition of a code wins', () => {
    const out = effectiveDefinitions([
      { code: 'size', kind: 'sales', type: 'text', required: false, allowedValues: null, depth: 2 },
      { code: 'size', kind: 'sales', type: 'enum', required: true, allowedValues: [{ value: 'S' }], depth: 0 },
    ]);
    expect(out).toEqual([expect.objectContaining({ code: 'size', type: 'text', depth: 2 })]);
  });
});
