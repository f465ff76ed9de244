// Staff put a product on sale through the admin API; shoppers find it through search, and see
// staff changes at once although catalog reads are cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProductImage } from '../../../test/catalog-helpers.js';
import { apiCalls, type Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { makeStaff, type Signed } from '../../../test/identity-helpers.js';

describe('from the back office to the storefront', () => {
  let h: Harness;
  let ops: Signed;
  let admin: Signed;
  const { json: call } = apiCalls(() => h);

  beforeAll(async () => {
    h = await createHarness();
    [ops, admin] = await Promise.all([makeStaff(h, ['ops']), makeStaff(h, ['admin'])]);
  });
  afterAll(() => h.close());

  it('an ops user creates a product, an admin approves it, it appears in search, and an admin’s price change shows at once', async () => {
    const tops = await call(ops, 'POST', '/admin/categories', { name: { 'zh-TW': '上衣', en: 'Tops' } }, 201);
    await call(
      ops,
      'POST',
      '/admin/attributes',
      {
        categoryId: tops.id,
        code: 'size',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: { 'zh-TW': '尺寸', en: 'Size' },
        allowedValues: ['S', 'M'].map((value) => ({ value, label: { 'zh-TW': value } })),
      },
      201,
    );
    const body = {
      name: { 'zh-TW': '亞麻圓領襯衫', en: 'Linen Crew Shirt' },
      primaryCategoryId: tops.id,
      variants: [
        { sku: 'LIN-S', salesAttributes: { size: 'S' }, priceMinor: 1280 },
        { sku: 'LIN-M', salesAttributes: { size: 'M' }, priceMinor: 1280 },
      ],
    };
    const product = await call(ops, 'POST', '/admin/products', body, 201);

    const search = () => call(null, 'GET', `/products?q=${encodeURIComponent('圓領')}`);
    expect((await search()).items).toEqual([]); // a draft is invisible
    await call(null, 'GET', `/products/${product.slug}`, undefined, 404);

    await addProductImage(h, ops, product.id);
    await call(ops, 'POST', `/admin/products/${product.id}/transitions`, { action: 'submit' });
    await call(ops, 'POST', `/admin/products/${product.id}/transitions`, { action: 'approve' }, 403);
    await call(admin, 'POST', `/admin/products/${product.id}/transitions`, { action: 'approve' });
    await call(ops, 'POST', `/admin/products/${product.id}/transitions`, { action: 'put_on_shelf' });

    // Browsing without a query takes the category counts kept per catalog version: the new
    // product is counted as soon as it is on the shelf, and no longer once it is off.
    const browseCount = async () =>
      ((await call(null, 'GET', `/products?category=${tops.slug}`)).facets.categories as Json[]).find((f) => f.value === tops.id)?.count ??
      0;
    expect(await browseCount()).toBe(1);

    const found = await search();
    expect(found.items).toEqual([
      expect.objectContaining({ id: product.id, priceMinor: 1280, highlight: expect.stringContaining('<mark>圓領</mark>') }),
    ]);
    expect((await call(null, 'GET', '/products?q=linen&locale=en')).items[0]).toMatchObject({ name: 'Linen Crew Shirt' });

    // An approver's price change applies at once (an ops change would wait for approval).
    const current = await call(admin, 'GET', `/admin/products/${product.id}`);
    await call(admin, 'PUT', `/admin/products/${product.id}`, {
      ...body,
      version: current.version,
      variants: current.variants.map((v: Json) => ({ id: v.id, sku: v.sku, salesAttributes: v.salesAttributes, priceMinor: 990 })),
    });
    expect((await search()).items[0]).toMatchObject({ id: product.id, priceMinor: 990 });
    expect((await call(null, 'GET', `/products/${product.slug}`)).variants.map((v: Json) => v.priceMinor)).toEqual([990, 990]);

    await call(ops, 'POST', `/admin/products/${product.id}/transitions`, { action: 'take_off_shelf' });
    expect((await search()).items).toEqual([]);
    await call(null, 'GET', `/products/${product.slug}`, undefined, 404);
    expect(await browseCount()).toBe(0);
  });
});
