import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, type Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';

describe('product import', () => {
  let h: Harness;
  let ops: Signed;
  let tees: Json;

  const { call, ok } = apiCalls(() => h);
  const count = async () => (await h.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM products')).rows[0]!.n;

  /** The JSON example's T-shirt, with SKU codes and Traditional Chinese values. */
  const tee = (sku: string, over: Json = {}) => ({
    categoryId: 't-shirts',
    spu: { name: '經典圓領男士T恤', brandId: 2001, description: '柔軟舒適，100%純棉' },
    basicAttributes: [
      { attributeId: 101, attributeName: '品牌', value: 'NIKE' },
      { attributeId: 102, attributeName: '材質', value: '棉' },
      { attributeId: 104, attributeName: '袖型', value: '短袖' },
    ],
    skus: [
      {
        skuCode: `${sku}-BK-L`,
        skuName: '黑色 L',
        price: 79.0,
        stock: 100,
        salesAttributes: [
          { attributeId: 201, attributeName: '顏色', value: '黑色' },
          { attributeId: 202, attributeName: '尺碼', value: 'L' },
        ],
      },
      {
        skuCode: `${sku}-WH-M`,
        skuName: '白色 M',
        price: 79.0,
        stock: 150,
        salesAttributes: [
          { attributeId: 201, attributeName: '顏色', value: '白色' },
          { attributeId: 202, attributeName: '尺碼', value: 'M' },
        ],
      },
    ],
    ...over,
  });

  beforeAll(async () => {
    h = await createHarness();
    ops = await makeStaff(h, ['ops']);
    const apparel = ok(await call(ops, 'POST', '/admin/categories', { name: { 'zh-TW': '服飾', en: 'Apparel' } }), 201);
    tees = ok(
      await call(ops, 'POST', '/admin/categories', { parentId: apparel.id, name: { 'zh-TW': 'T恤', en: 'T-shirts' }, slug: 't-shirts' }),
      201,
    );
    ok(await call(ops, 'POST', '/admin/brands', { name: { 'zh-TW': 'NIKE', en: 'Nike' }, slug: 'nike' }), 201);
    const attr = (body: Json) => call(ops, 'POST', '/admin/attributes', { categoryId: apparel.id, ...body });
    ok(await attr({ code: 'material', kind: 'basic', type: 'text', required: true, label: { 'zh-TW': '材質', en: 'Material' } }), 201);
    ok(
      await attr({
        code: 'sleeve',
        kind: 'basic',
        type: 'enum',
        label: { 'zh-TW': '袖型', en: 'Sleeve' },
        allowedValues: [
          { value: 'short', label: { 'zh-TW': '短袖', en: 'Short' } },
          { value: 'long', label: { 'zh-TW': '長袖', en: 'Long' } },
        ],
      }),
      201,
    );
    ok(
      await attr({
        code: 'color',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: { 'zh-TW': '顏色', en: 'Colour' },
        allowedValues: [
          { value: 'black', label: { 'zh-TW': '黑色', en: 'Black' } },
          { value: 'white', label: { 'zh-TW': '白色', en: 'White' } },
        ],
      }),
      201,
    );
    ok(
      await attr({
        code: 'size',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: { 'zh-TW': '尺碼', en: 'Size' },
        allowedValues: ['S', 'M', 'L'].map((value) => ({ value, label: { 'zh-TW': value } })),
      }),
      201,
    );
  });
  afterAll(() => h?.close());

  it('creates every product of a good JSON file as drafts, mapped onto codes, logged and indexed', async () => {
    const body = ok(
      await call(ops, 'POST', '/admin/products/import', [tee('A'), tee('B', { spu: { name: '素色T恤', brand: 'nike' } })]),
      201,
    );
    expect(body.created).toBe(2);
    const p = ok(await call(ops, 'GET', `/admin/products/${body.items[0].id}`));
    expect(p).toMatchObject({
      status: 'draft',
      primaryCategoryId: tees.id,
      basicAttributes: { material: '棉', sleeve: 'short' },
      name: { 'zh-TW': '經典圓領男士T恤' },
    });
    expect(p.brandId).not.toBeNull();
    expect(p.variants.map((v: Json) => [v.sku, v.salesAttributes, v.priceMinor])).toEqual([
      ['A-BK-L', { color: 'black', size: 'L' }, 79],
      ['A-WH-M', { color: 'white', size: 'M' }, 79],
    ]);
    const log = ok(await call(ops, 'GET', `/admin/products/${p.id}/log`));
    expect(log.items[0].operation).toBe('import');
    const indexed = await h.pool.query('SELECT count(*)::int AS n FROM product_search WHERE product_id = ANY($1)', [
      body.items.map((i: Json) => i.id),
    ]);
    expect(indexed.rows[0].n).toBe(2);
  });

  it('creates nothing when one row is bad, and names every bad row', async () => {
    const before = await count();
    const bad = tee('C', { skus: [{ skuCode: 'C-1', price: 79, salesAttributes: { 顏色: '紫色', 尺碼: 'M' } }] });
    const res = await call(ops, 'POST', '/admin/products/import', [tee('D'), bad, tee('E', { categoryId: 'no-such' }), tee('A')]);
    expect(res.statusCode, res.body).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('IMPORT_INVALID');
    const rows = problem.errors.map((e: Json) => e.row);
    expect(rows).toEqual(expect.arrayContaining([2, 3, 4]));
    expect(rows).not.toContain(1);
    expect(problem.errors.find((e: Json) => e.row === 2)).toMatchObject({ path: 'skus.0.salesAttributes.color' });
    expect(problem.errors.find((e: Json) => e.row === 3)).toMatchObject({ path: 'categoryId' });
    expect(problem.errors.find((e: Json) => e.row === 4).message).toContain('already exists');
    expect(await count()).toBe(before);
  });

  it('catches a SKU used twice in the file', async () => {
    const res = await call(ops, 'POST', '/admin/products/import', [
      tee('F'),
      tee('G', { skus: [{ skuCode: 'f-bk-l', price: 10, salesAttributes: { color: 'black', size: 'S' } }] }),
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        row: 2,
        path: 'skus.0.skuCode',
        code: 'SKU_DUPLICATE_IN_FILE',
        params: { sku: 'f-bk-l', row: 1 },
        message: 'SKU f-bk-l is also in row 1.',
      },
    ]);
  });

  it('imports CSV (one row per SKU) and reports CSV lines and columns', async () => {
    const csv = [
      'product,category,name_zh,name_en,brand,basic.material,basic.sleeve,sku,price,sales.color,sales.size',
      'p1,t-shirts,條紋T恤,Striped Tee,nike,棉,長袖,CSV-1-S,390,black,S',
      'p1,,,,,,,CSV-1-M,390,白色,M',
      'p2,t-shirts,"口袋T恤, 寬版",Pocket Tee,,棉,,CSV-2-L,450,black,L',
    ].join('\r\n');
    const body = ok(await call(ops, 'POST', '/admin/products/import', csv, { 'content-type': 'text/csv' }), 201);
    expect(body.items.map((i: Json) => [i.row, i.skus])).toEqual([
      [2, ['CSV-1-S', 'CSV-1-M']],
      [4, ['CSV-2-L']],
    ]);
    expect(ok(await call(ops, 'GET', `/admin/products/${body.items[1].id}`)).name['zh-TW']).toBe('口袋T恤, 寬版');

    const before = await count();
    const bad = [
      'category,name_zh,basic.material,sku,price,sales.color,sales.size',
      't-shirts,好T恤,棉,CSV-3-S,abc,black,S',
      't-shirts,好T恤二,棉,CSV-1-S,100,black,M',
    ].join('\n');
    const res = await call(ops, 'POST', '/admin/products/import', bad, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, path: 'price' }),
        expect.objectContaining({ row: 3, path: 'sku', message: 'SKU CSV-1-S already exists.' }),
      ]),
    );
    expect(await count()).toBe(before);
  });

  it('reads prices with thousands separators: 1,200 and 1200 are both NT$1,200', async () => {
    const csv = [
      'category,name_zh,basic.material,sku,price,compare_at_price,sales.color,sales.size',
      't-shirts,千元T恤,棉,K-1,"1,200","1,500",black,S',
      't-shirts,千元T恤,棉,K-2,1200,,black,M',
    ].join('\n');
    const body = ok(await call(ops, 'POST', '/admin/products/import', csv, { 'content-type': 'text/csv' }), 201);
    const p = ok(await call(ops, 'GET', `/admin/products/${body.items[0].id}`));
    expect(p.variants.map((v: Json) => [v.sku, v.priceMinor, v.compareAtMinor])).toEqual([
      ['K-1', 1200, 1500],
      ['K-2', 1200, null],
    ]);
  });

  it('takes text attributes in both languages: { "zh-TW", "en" } in JSON, a basic.<code>.en column in CSV', async () => {
    const json = ok(
      await call(ops, 'POST', '/admin/products/import', [
        tee('BI', { basicAttributes: { 品牌: 'NIKE', 材質: { 'zh-TW': '棉', en: 'Cotton' }, 袖型: '短袖' } }),
      ]),
      201,
    );
    expect(ok(await call(ops, 'GET', `/admin/products/${json.items[0].id}`)).basicAttributes).toEqual({
      material: { 'zh-TW': '棉', en: 'Cotton' },
      sleeve: 'short',
    });
    const csv = [
      'category,name_zh,basic.material,basic.material.en,sku,price,sales.color,sales.size',
      't-shirts,雙語T恤,麻,Linen,BI-CSV-1,390,black,S',
    ].join('\n');
    const body = ok(await call(ops, 'POST', '/admin/products/import', csv, { 'content-type': 'text/csv' }), 201);
    expect(ok(await call(ops, 'GET', `/admin/products/${body.items[0].id}`)).basicAttributes).toEqual({
      material: { 'zh-TW': '麻', en: 'Linen' },
    });
  });

  it('gives every row problem a stable code and parameters, for clients to word in their language', async () => {
    const bad = [
      'category,name_zh,basic.material,sku,price,sales.color,sales.size',
      'no-such,壞T恤,棉,Q-1,10,black,S',
      't-shirts,壞T恤二,棉,Q-2,"1,2",black,S',
      't-shirts,壞T恤三,棉,Q-3,10.5,black,S',
      't-shirts,壞T恤四,棉,Q-4,10,紫色,S',
    ].join('\n');
    const res = await call(ops, 'POST', '/admin/products/import', bad, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(400);
    const errors = res.json().errors as Json[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, path: 'category', code: 'CATEGORY_NOT_FOUND', params: { ref: 'no-such' } }),
        expect.objectContaining({ row: 3, path: 'price', code: 'INVALID_TYPE', params: { expected: 'number' } }),
        expect.objectContaining({ row: 4, path: 'price', code: 'PRICE_NOT_WHOLE', params: {} }),
        expect.objectContaining({ row: 5, path: 'sales.color', code: 'VALUE_NOT_ALLOWED', params: { attribute: 'color' } }),
      ]),
    );
    for (const e of errors) expect(e.code).toMatch(/^[A-Z][A-Z_]+$/);
  });

  it('is for staff only', async () => {
    const customer = await registerUser(h);
    expect((await call(customer, 'POST', '/admin/products/import', [tee('Z')])).statusCode).toBe(403);
  });
});
