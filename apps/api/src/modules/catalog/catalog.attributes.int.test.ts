// Attributes as shoppers read them (option labels, text in both languages) and as staff edit them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProductImage } from '../../../test/catalog-helpers.js';
import { apiCalls, type Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, type Signed } from '../../../test/identity-helpers.js';

describe('catalog attributes', () => {
  let h: Harness;
  let ops: Signed;
  let admin: Signed;
  let tops: Json;
  let colour: Json;
  const { json: call } = apiCalls(() => h);
  const colourInput = (values: Array<[string, string, string]>, extra: Json = {}) => ({
    categoryId: tops.id,
    code: 'color',
    kind: 'sales',
    type: 'enum',
    required: true,
    label: { 'zh-TW': '顏色', en: 'Colour' },
    allowedValues: values.map(([value, zh, en]) => ({ value, label: { 'zh-TW': zh, en } })),
    sortOrder: 5,
    ...extra,
  });

  beforeAll(async () => {
    h = await createHarness();
    [ops, admin] = await Promise.all([makeStaff(h, ['ops']), makeStaff(h, ['admin'])]);
    // Another category defines `color` too (first in sort order), with other names: a product page
    // names its options by its own category's definition.
    const mugs = await call(admin, 'POST', '/admin/categories', { name: { 'zh-TW': '杯子', en: 'Mugs' } }, 201);
    await call(
      admin,
      'POST',
      '/admin/attributes',
      {
        categoryId: mugs.id,
        code: 'color',
        kind: 'sales',
        type: 'enum',
        label: { 'zh-TW': '杯色' },
        allowedValues: [{ value: 'navy', label: { 'zh-TW': '藍' } }],
      },
      201,
    );
    tops = await call(admin, 'POST', '/admin/categories', { name: { 'zh-TW': '上衣', en: 'Tops' } }, 201);
    colour = await call(
      admin,
      'POST',
      '/admin/attributes',
      colourInput([
        ['black', '黑色', 'Black'],
        ['navy', '海軍藍', 'Navy'],
        ['white', '白色', 'White'],
      ]),
      201,
    );
    await call(
      admin,
      'POST',
      '/admin/attributes',
      { categoryId: tops.id, code: 'material', kind: 'basic', type: 'text', label: { 'zh-TW': '材質', en: 'Material' } },
      201,
    );
    await call(
      admin,
      'POST',
      '/admin/attributes',
      { categoryId: tops.id, code: 'origin', kind: 'basic', type: 'text', label: { 'zh-TW': '產地', en: 'Origin' } },
      201,
    );
  });
  afterAll(() => h.close());

  async function onShelf(slugSuffix: string, basicAttributes: Json, colours: string[]): Promise<Json> {
    const product = await call(
      ops,
      'POST',
      '/admin/products',
      {
        name: { 'zh-TW': `素面T恤${slugSuffix}`, en: `Plain Tee ${slugSuffix}` },
        primaryCategoryId: tops.id,
        basicAttributes,
        variants: colours.map((c) => ({ sku: `TEE-${slugSuffix}-${c}`.toUpperCase(), salesAttributes: { color: c }, priceMinor: 390 })),
      },
      201,
    );
    await addProductImage(h, admin, product.id);
    for (const action of ['submit', 'approve', 'put_on_shelf'])
      await call(admin, 'POST', `/admin/products/${product.id}/transitions`, { action });
    return product;
  }

  it('a product page names colour options by their labels in its language, and text attributes in both languages', async () => {
    const product = await onShelf('a', { material: { 'zh-TW': '棉', en: 'Cotton' }, origin: '台灣' }, ['navy', 'black']);

    const zh = await call(null, 'GET', `/products/${product.slug}?locale=zh-TW`);
    expect(zh.options).toEqual([
      {
        code: 'color',
        label: '顏色',
        values: [
          { value: 'black', label: '黑色' },
          { value: 'navy', label: '海軍藍' },
        ],
      },
    ]);
    const byCode = (list: Json[]) => [...list].sort((a, b) => a.code.localeCompare(b.code));
    expect(byCode(zh.attributes)).toEqual([
      { code: 'material', label: '材質', value: '棉' },
      { code: 'origin', label: '產地', value: '台灣' },
    ]);

    const en = await call(null, 'GET', `/products/${product.slug}?locale=en`);
    expect(en.options).toEqual([
      {
        code: 'color',
        label: 'Colour',
        values: [
          { value: 'black', label: 'Black' },
          { value: 'navy', label: 'Navy' },
        ],
      },
    ]);
    // A value entered in zh-TW only falls back to it.
    expect(byCode(en.attributes)).toEqual([
      { code: 'material', label: 'Material', value: 'Cotton' },
      { code: 'origin', label: 'Origin', value: '台灣' },
    ]);
    // The staff API keeps both languages, and the English text is searchable.
    expect((await call(ops, 'GET', `/admin/products/${product.id}`)).basicAttributes.material).toEqual({ 'zh-TW': '棉', en: 'Cotton' });
    expect((await call(null, 'GET', '/products?q=cotton&locale=en')).items.map((i: Json) => i.id)).toContain(product.id);
  });

  it('refuses a translated value for a sales attribute and a blank zh-TW text', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/admin/products',
      headers: bearer(ops),
      payload: {
        name: { 'zh-TW': '壞T' },
        primaryCategoryId: tops.id,
        basicAttributes: { material: { 'zh-TW': ' ', en: 'Cotton' } },
        variants: [{ sku: 'BAD-1', salesAttributes: { color: 'navy' }, priceMinor: 1 }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('staff edit an attribute: names, option labels, new options and the required flag; an option in use cannot be removed', async () => {
    await onShelf('b', {}, ['navy', 'white']);
    const c = await onShelf('c', {}, ['navy']);

    const edited = await call(
      admin,
      'PUT',
      `/admin/attributes/${colour.id}`,
      colourInput(
        [
          ['black', '純黑', 'Jet black'],
          ['navy', '深藍', 'Dark navy'],
          ['white', '白色', 'White'],
          ['red', '紅色', 'Red'],
        ],
        { label: { 'zh-TW': '色彩', en: 'Color' }, required: false },
      ),
    );
    expect(edited).toMatchObject({ label: { 'zh-TW': '色彩', en: 'Color' }, required: false });
    expect(edited.allowedValues.map((v: Json) => v.value)).toEqual(['black', 'navy', 'white', 'red']);
    expect((await call(null, 'GET', `/products/${c.slug}?locale=en`)).options).toEqual([
      { code: 'color', label: 'Color', values: [{ value: 'navy', label: 'Dark navy' }] },
    ]);

    // navy is used by products a, b and c (their variants).
    const removeNavy = await h.app.inject({
      method: 'PUT',
      url: `/api/admin/attributes/${colour.id}`,
      headers: bearer(admin),
      payload: colourInput([
        ['black', '純黑', 'Jet black'],
        ['white', '白色', 'White'],
      ]),
    });
    expect(removeNavy.statusCode).toBe(409);
    expect(removeNavy.json()).toMatchObject({ code: 'ATTRIBUTE_OPTION_IN_USE', value: 'navy', products: 3 });

    const renameCode = await h.app.inject({
      method: 'PUT',
      url: `/api/admin/attributes/${colour.id}`,
      headers: bearer(admin),
      payload: colourInput(
        [
          ['black', '純黑', 'Jet black'],
          ['navy', '深藍', 'Dark navy'],
          ['white', '白色', 'White'],
        ],
        { code: 'colour' },
      ),
    });
    expect(renameCode.statusCode).toBe(409);
    expect(renameCode.json()).toMatchObject({ code: 'ATTRIBUTE_IN_USE', products: 3 });

    const del = await h.app.inject({ method: 'DELETE', url: `/api/admin/attributes/${colour.id}`, headers: bearer(admin) });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ code: 'ATTRIBUTE_IN_USE', products: 3 });

    // An unused option goes.
    const dropped = await call(
      admin,
      'PUT',
      `/admin/attributes/${colour.id}`,
      colourInput([
        ['black', '純黑', 'Jet black'],
        ['navy', '深藍', 'Dark navy'],
        ['white', '白色', 'White'],
      ]),
    );
    expect(dropped.allowedValues.map((v: Json) => v.value)).toEqual(['black', 'navy', 'white']);
  });
});
