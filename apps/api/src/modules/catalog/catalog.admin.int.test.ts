import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProductImage } from '../../../test/catalog-helpers.js';
import { apiCalls, type Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { emitStockEvent } from '../../../test/stock-helpers.js';
import { currentSnapshot, resolveSlug, variantsForCart } from './index.js';

describe('catalog admin API', () => {
  let h: Harness;
  let admin: Signed;
  let ops: Signed;
  let customer: Signed;
  const cat: Record<'apparel' | 'tops' | 'tees' | 'other', Json> = {} as never;
  let brand: Json;

  const { call, ok } = apiCalls(() => h);
  const transition = (who: Signed, id: string, body: Json) => call(who, 'POST', `/admin/products/${id}/transitions`, body);

  let skuN = 0;
  const variant = (size: string, over: Json = {}) => ({
    sku: `TEE-${size}-${++skuN}`,
    salesAttributes: { size },
    priceMinor: 390,
    ...over,
  });
  const productBody = (over: Json = {}) => ({
    name: { 'zh-TW': '經典圓領T恤' },
    description: { 'zh-TW': '百分之百純棉。', en: '100% cotton.' },
    brandId: brand.id,
    primaryCategoryId: cat.tees.id,
    basicAttributes: { material: '棉' },
    variants: [variant('S'), variant('M')],
    ...over,
  });
  const snapshotCount = async (productId: string) =>
    (await h.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM product_snapshots WHERE product_id = $1', [productId])).rows[0]!.n;

  beforeAll(async () => {
    h = await createHarness();
    [admin, ops, customer] = await Promise.all([makeStaff(h, ['admin']), makeStaff(h, ['ops']), registerUser(h)]);

    cat.apparel = ok(await call(ops, 'POST', '/admin/categories', { name: { 'zh-TW': '服飾', en: 'Apparel' } }), 201);
    cat.tops = ok(
      await call(ops, 'POST', '/admin/categories', { parentId: cat.apparel.id, name: { 'zh-TW': '上衣', en: 'Tops' }, sortOrder: 2 }),
      201,
    );
    cat.tees = ok(await call(ops, 'POST', '/admin/categories', { parentId: cat.tops.id, name: { 'zh-TW': 'T恤' } }), 201);
    cat.other = ok(
      await call(ops, 'POST', '/admin/categories', { parentId: cat.apparel.id, name: { 'zh-TW': '褲子', en: 'Tops' }, sortOrder: 1 }),
      201,
    );
    brand = ok(await call(ops, 'POST', '/admin/brands', { name: { 'zh-TW': '好日子', en: 'Good Days' } }), 201);
    ok(
      await call(ops, 'POST', '/admin/attributes', {
        categoryId: cat.apparel.id,
        code: 'material',
        kind: 'basic',
        type: 'text',
        required: true,
        label: { 'zh-TW': '材質', en: 'Material' },
      }),
      201,
    );
    ok(
      await call(ops, 'POST', '/admin/attributes', {
        categoryId: cat.tops.id,
        code: 'size',
        kind: 'sales',
        type: 'enum',
        required: true,
        label: { 'zh-TW': '尺寸', en: 'Size' },
        allowedValues: ['S', 'M', 'L'].map((value) => ({ value, label: { 'zh-TW': value } })),
      }),
      201,
    );
  });
  afterAll(() => h?.close());

  describe('categories, brands, attributes', () => {
    it('computes path, depth and slugs (English, else zh-TW, -2 on collision)', () => {
      expect(cat.apparel).toMatchObject({ parentId: null, depth: 0, path: `/${cat.apparel.id}/`, slug: 'apparel' });
      expect(cat.tops).toMatchObject({ depth: 1, path: `/${cat.apparel.id}/${cat.tops.id}/`, slug: 'tops' });
      expect(cat.tees).toMatchObject({ depth: 2, path: `/${cat.apparel.id}/${cat.tops.id}/${cat.tees.id}/`, slug: 't恤' });
      expect(cat.other.slug).toBe('tops-2');
      expect(brand).toMatchObject({ slug: 'good-days', name: { 'zh-TW': '好日子', en: 'Good Days' } });
    });

    it('lists the tree with both locales, siblings by sort order', async () => {
      const { items } = ok(await call(ops, 'GET', '/admin/categories'));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ id: cat.apparel.id, name: { 'zh-TW': '服飾', en: 'Apparel' } });
      expect(items[0].children.map((c: Json) => c.id)).toEqual([cat.other.id, cat.tops.id]);
      expect(items[0].children[1].children[0]).toMatchObject({ id: cat.tees.id, depth: 2, children: [] });
    });

    it('lists the attributes in force for a subcategory, inherited ones marked', async () => {
      const { items } = ok(await call(ops, 'GET', `/admin/attributes?categoryId=${cat.tees.id}`));
      expect(items.map((a: Json) => [a.code, a.inherited])).toEqual([
        ['material', true],
        ['size', true],
      ]);
    });

    it('refuses a second attribute with the same code in a category (409), an explicit slug taken (409)', async () => {
      const dup = await call(ops, 'POST', '/admin/attributes', {
        categoryId: cat.apparel.id,
        code: 'material',
        kind: 'basic',
        type: 'text',
        label: { 'zh-TW': '材' },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'ATTRIBUTE_CODE_TAKEN' });
      const slug = await call(ops, 'POST', '/admin/brands', { name: { 'zh-TW': '別家' }, slug: 'good-days' });
      expect(slug.json()).toMatchObject({ status: 409, code: 'SLUG_TAKEN' });
    });

    it('moving a category under its own descendant is 409 CATEGORY_CYCLE; a real move rewrites the subtree', async () => {
      const cycle = await call(ops, 'PUT', `/admin/categories/${cat.apparel.id}`, {
        parentId: cat.tees.id,
        name: { 'zh-TW': '服飾', en: 'Apparel' },
      });
      expect(cycle.statusCode).toBe(409);
      expect(cycle.json()).toMatchObject({ code: 'CATEGORY_CYCLE' });
      const self = await call(ops, 'PUT', `/admin/categories/${cat.tops.id}`, { parentId: cat.tops.id, name: { 'zh-TW': '上衣' } });
      expect(self.json()).toMatchObject({ code: 'CATEGORY_CYCLE' });

      // Tops (with T恤) under 褲子, then back.
      const moved = ok(
        await call(ops, 'PUT', `/admin/categories/${cat.tops.id}`, {
          parentId: cat.other.id,
          name: { 'zh-TW': '上衣', en: 'Tops' },
          sortOrder: 2,
        }),
      );
      expect(moved).toMatchObject({ parentId: cat.other.id, depth: 2, path: `${cat.other.path}${cat.tops.id}/`, slug: 'tops' });
      const { rows } = await h.pool.query('SELECT path, depth FROM categories WHERE id = $1', [cat.tees.id]);
      expect(rows[0]).toEqual({ path: `${cat.other.path}${cat.tops.id}/${cat.tees.id}/`, depth: 3 });
      const back = ok(
        await call(ops, 'PUT', `/admin/categories/${cat.tops.id}`, {
          parentId: cat.apparel.id,
          name: { 'zh-TW': '上衣', en: 'Tops' },
          sortOrder: 2,
        }),
      );
      expect(back).toMatchObject({ path: cat.tops.path, depth: 1 });
      const again = await h.pool.query('SELECT path, depth FROM categories WHERE id = $1', [cat.tees.id]);
      expect(again.rows[0]).toEqual({ path: cat.tees.path, depth: 2 });
    });

    it('refuses to delete a category with subcategories (409 CATEGORY_NOT_EMPTY), deletes an empty one', async () => {
      const res = await call(ops, 'DELETE', `/admin/categories/${cat.tops.id}`);
      expect(res.json()).toMatchObject({ status: 409, code: 'CATEGORY_NOT_EMPTY' });
      const leaf = ok(await call(ops, 'POST', '/admin/categories', { parentId: cat.other.id, name: { 'zh-TW': '短褲' } }), 201);
      expect((await call(ops, 'DELETE', `/admin/categories/${leaf.id}`)).statusCode).toBe(204);
    });
  });

  describe('products', () => {
    let product: Json;

    beforeAll(async () => {
      product = ok(await call(ops, 'POST', '/admin/products', productBody()), 201);
    });

    it('creates a draft with two variants, a Chinese slug and the creator', () => {
      expect(product).toMatchObject({
        status: 'draft',
        version: 1,
        slug: '經典圓領t恤',
        createdBy: ops.id,
        name: { 'zh-TW': '經典圓領T恤' },
        description: { 'zh-TW': '百分之百純棉。', en: '100% cotton.' },
        basicAttributes: { material: '棉' },
      });
      expect(product.variants.map((v: Json) => v.salesAttributes.size)).toEqual(['S', 'M']);
    });

    it('gives a second product of the same name the slug -2', async () => {
      const p = ok(await call(ops, 'POST', '/admin/products', productBody()), 201);
      expect(p.slug).toBe('經典圓領t恤-2');
    });

    it('keeps the order-discount, store-pickup, cooling-off and fulfilment flags: defaults, given, changed by an edit', async () => {
      expect(product).toMatchObject({
        type: 'physical',
        excludedFromOrderDiscounts: false,
        storePickupEligible: true,
        coolingOffExempt: false,
      });
      const flagged = ok(
        await call(
          ops,
          'POST',
          '/admin/products',
          productBody({
            type: 'virtual',
            excludedFromOrderDiscounts: true,
            storePickupEligible: false,
            coolingOffExempt: true,
            variants: [variant('S')],
          }),
        ),
        201,
      );
      expect(flagged).toMatchObject({
        type: 'virtual',
        excludedFromOrderDiscounts: true,
        storePickupEligible: false,
        coolingOffExempt: true,
      });
      const edited = ok(
        await call(ops, 'PUT', `/admin/products/${flagged.id}`, {
          ...productBody({ variants: flagged.variants }),
          version: flagged.version,
          excludedFromOrderDiscounts: false,
        }),
      );
      // An edit that leaves a flag out keeps it.
      expect(edited).toMatchObject({
        type: 'physical',
        excludedFromOrderDiscounts: false,
        storePickupEligible: false,
        coolingOffExempt: true,
      });
      expect(ok(await call(ops, 'GET', `/admin/products/${flagged.id}`))).toMatchObject({
        excludedFromOrderDiscounts: false,
        storePickupEligible: false,
        coolingOffExempt: true,
      });
      // The product editor sends the flags with every save.
      ok(
        await call(ops, 'PUT', `/admin/products/${flagged.id}`, {
          ...productBody({ variants: edited.variants }),
          version: edited.version,
          excludedFromOrderDiscounts: true,
          storePickupEligible: true,
          coolingOffExempt: false,
        }),
      );
      expect(ok(await call(ops, 'GET', `/admin/products/${flagged.id}`))).toMatchObject({
        excludedFromOrderDiscounts: true,
        storePickupEligible: true,
        coolingOffExempt: false,
      });
    });

    it('tells the cart a variant’s facts: price, visibility, option labels, categories with ancestors, flags', async () => {
      const p = ok(
        await call(ops, 'POST', '/admin/products', productBody({ excludedFromOrderDiscounts: true, variants: [variant('M')] })),
        201,
      );
      const facts = await variantsForCart(h.db, [p.variants[0].id, randomUUID()]);
      expect(facts.size).toBe(1);
      expect(facts.get(p.variants[0].id)).toEqual({
        variantId: p.variants[0].id,
        productId: p.id,
        sku: p.variants[0].sku,
        active: true,
        buyerVisible: false, // a draft
        productStatus: 'draft',
        price: 390,
        productName: { 'zh-TW': '經典圓領T恤', en: '經典圓領T恤' },
        slug: p.slug,
        options: [{ name: { 'zh-TW': '尺寸', en: 'Size' }, value: { 'zh-TW': 'M', en: 'M' } }],
        imageUrl: null,
        categoryIds: [cat.apparel.id, cat.tops.id, cat.tees.id].sort(),
        brandId: brand.id,
        weightGrams: null,
        fulfilment: 'physical',
        excludedFromOrderDiscounts: true,
        storePickupEligible: true,
        coolingOffExempt: false,
      });
    });

    it('names every attribute problem per field (400 VALIDATION_FAILED)', async () => {
      const res = await call(
        ops,
        'POST',
        '/admin/products',
        productBody({ basicAttributes: {}, variants: [variant('S'), variant('XXL'), variant('S')] }),
      );
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.errors.map((e: Json) => [e.path, e.code])).toEqual([
        ['body.basicAttributes.material', 'REQUIRED'],
        ['body.variants.1.salesAttributes.size', 'VALUE_NOT_ALLOWED'],
        ['body.variants.2.salesAttributes', 'DUPLICATE_COMBINATION'],
      ]);
    });

    it('refuses a SKU another product has (409 SKU_TAKEN naming it)', async () => {
      const sku = product.variants[0].sku;
      const res = await call(ops, 'POST', '/admin/products', productBody({ variants: [variant('S', { sku })] }));
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'SKU_TAKEN', sku });
      expect(res.json().detail).toContain(sku);
    });

    it('replaces variants by id and refuses a stale version (409 VERSION_CONFLICT)', async () => {
      const [s] = product.variants;
      const body = productBody({
        name: { 'zh-TW': '經典圓領T恤', en: 'Classic Tee' },
        version: 1,
        variants: [{ ...s, priceMinor: 350 }, variant('L')],
      });
      const updated = ok(await call(ops, 'PUT', `/admin/products/${product.id}`, body));
      expect(updated.version).toBe(2);
      expect(updated.slug).toBe('經典圓領t恤'); // an omitted slug is kept
      expect(updated.variants.map((v: Json) => [v.id === s.id, v.salesAttributes.size, v.priceMinor])).toEqual([
        [true, 'S', 350],
        [false, 'L', 390],
      ]);
      const stale = await call(ops, 'PUT', `/admin/products/${product.id}`, body);
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
      const got = ok(await call(ops, 'GET', `/admin/products/${product.id}`));
      expect(got.variants).toHaveLength(2);
      product = got;
    });

    it('goes through review: submit, ops may not approve (403), reject needs a reason (400), admin approves, ops puts it on the shelf', async () => {
      await addProductImage(h, ops, product.id);
      expect(ok(await transition(ops, product.id, { action: 'submit' })).status).toBe('pending_review');
      const queue = ok(await call(ops, 'GET', '/admin/products/review-queue'));
      expect(queue.items.map((p: Json) => p.id)).toContain(product.id);

      expect((await transition(ops, product.id, { action: 'approve' })).statusCode).toBe(403);
      const noReason = await transition(admin, product.id, { action: 'reject' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);

      const approved = ok(await transition(admin, product.id, { action: 'approve' }));
      expect(approved.status).toBe('approved');
      expect(await snapshotCount(product.id)).toBe(0);
      const onShelf = ok(await transition(ops, product.id, { action: 'put_on_shelf', version: approved.version }));
      expect(onShelf).toMatchObject({ status: 'on_shelf', firstOnShelfAt: expect.any(String) });
      expect(await snapshotCount(product.id)).toBe(1);

      const { rows } = await h.pool.query('SELECT event_type FROM event_outbox WHERE aggregate_id = $1 ORDER BY created_at, id', [
        product.id,
      ]);
      expect(rows.map((r) => r.event_type)).toEqual(
        expect.arrayContaining(['product.created', 'product.updated', 'product.submitted', 'product.approved', 'product.published']),
      );
      product = onShelf;
    });

    it('refuses a transition the lifecycle does not allow (409 with from and to)', async () => {
      const res = await transition(ops, product.id, { action: 'submit' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'PRODUCT_INVALID_TRANSITION', from: 'on_shelf', to: 'pending_review' });
    });

    it('rejects with a reason and lets the editor submit again', async () => {
      const p = ok(await call(ops, 'POST', '/admin/products', productBody({ name: { 'zh-TW': '條紋T恤', en: 'Striped Tee' } })), 201);
      await addProductImage(h, ops, p.id);
      ok(await transition(ops, p.id, { action: 'submit' }));
      const rejected = ok(await transition(admin, p.id, { action: 'reject', reason: '照片不清楚' }));
      expect(rejected).toMatchObject({ status: 'rejected', reviewNote: '照片不清楚' });
      expect(ok(await transition(ops, p.id, { action: 'submit' })).status).toBe('pending_review');
    });

    it('snapshots: identical content reuses the row, a price change (by an approver) makes a new one', async () => {
      const put = (variants: Json[]) =>
        call(ops, 'PUT', `/admin/products/${product.id}`, {
          ...productBody({ name: product.name, slug: product.slug }),
          version: product.version,
          variants,
        });
      const same = ok(await put(product.variants));
      expect(same).toMatchObject({ status: 'on_shelf', version: product.version + 1 });
      expect(await snapshotCount(product.id)).toBe(1);
      const first = await h.db.transaction((tx) => currentSnapshot(tx, product.id));
      expect(await h.db.transaction((tx) => currentSnapshot(tx, product.id))).toBe(first);

      const cheaper = ok(
        await call(admin, 'PUT', `/admin/products/${product.id}`, {
          ...productBody({ name: product.name }),
          version: same.version,
          variants: same.variants.map((v: Json) => ({ ...v, priceMinor: 299 })),
        }),
      );
      expect(await snapshotCount(product.id)).toBe(2);
      expect(await h.db.transaction((tx) => currentSnapshot(tx, product.id))).not.toBe(first);

      // Back to the old price: the old snapshot again, no third row.
      product = ok(
        await call(admin, 'PUT', `/admin/products/${product.id}`, {
          ...productBody({ name: product.name }),
          version: cheaper.version,
          variants: product.variants,
        }),
      );
      expect(await snapshotCount(product.id)).toBe(2);
      expect(await h.db.transaction((tx) => currentSnapshot(tx, product.id))).toBe(first);
    });

    it('a new slug keeps the old one resolvable and reserved', async () => {
      const oldSlug = product.slug;
      const renamed = ok(
        await call(ops, 'PUT', `/admin/products/${product.id}`, {
          ...productBody({ name: product.name, slug: 'classic-tee' }),
          version: product.version,
          variants: product.variants,
        }),
      );
      expect(renamed.slug).toBe('classic-tee');
      expect(await resolveSlug(h.db, oldSlug)).toEqual({ productId: product.id, canonicalSlug: 'classic-tee' });
      expect(await resolveSlug(h.db, 'classic-tee')).toEqual({ productId: product.id, canonicalSlug: 'classic-tee' });
      expect(await resolveSlug(h.db, 'no-such-slug')).toBeUndefined();

      const other = await call(ops, 'POST', '/admin/products', productBody({ slug: oldSlug, variants: [variant('S')] }));
      expect(other.json()).toMatchObject({ status: 409, code: 'SLUG_TAKEN' });
      product = renamed;
    });

    it('logs every write with actor and diff, newest first', async () => {
      const { items, total } = ok(await call(ops, 'GET', `/admin/products/${product.id}/log`));
      expect(total).toBe(items.length);
      expect(items.map((e: Json) => e.operation)).toEqual([
        'update',
        'update',
        'update',
        'update',
        'put_on_shelf',
        'approve',
        'submit',
        'image_add',
        'update',
        'create',
      ]);
      expect(items.every((e: Json) => e.entityType === 'product' && e.entityId === product.id)).toBe(true);
      const approve = items.find((e: Json) => e.operation === 'approve');
      expect(approve).toMatchObject({ actorId: admin.id, diff: { status: { before: 'pending_review', after: 'approved' } } });
      const create = items.at(-1);
      expect(create).toMatchObject({ actorId: ops.id, diff: { status: { before: null, after: 'draft' } } });
      const rename = items[0];
      expect(Object.keys(rename.diff)).toEqual(['slug']);
      expect(rename.diff.slug).toEqual({ before: '經典圓領t恤', after: 'classic-tee' });
      const firstEdit = items.at(-2);
      expect(firstEdit.diff.name).toEqual({ before: { 'zh-TW': '經典圓領T恤' }, after: { 'zh-TW': '經典圓領T恤', en: 'Classic Tee' } });
      expect(firstEdit.diff.variants.after.map((v: Json) => v.priceMinor)).toEqual([350, 390]);
    });

    it('sells out and comes back automatically (on the stock module’s events, in the catalog’s own transaction)', async () => {
      const stock = async (change: 'depleted' | 'restocked') => {
        await emitStockEvent(h.db, change, { productId: product.id, variantId: product.variants[0].id });
        await h.deliverEvents();
        return ok(await call(ops, 'GET', `/admin/products/${product.id}`)).status;
      };
      expect(await stock('restocked')).toBe('on_shelf'); // not sold out: nothing to do
      expect(await stock('depleted')).toBe('sold_out');
      expect(await stock('depleted')).toBe('sold_out'); // already sold out: nothing to do
      expect(ok(await call(ops, 'GET', `/admin/products/${product.id}`)).status).toBe('sold_out');
      expect(await stock('restocked')).toBe('on_shelf');
      const { items } = ok(await call(ops, 'GET', `/admin/products/${product.id}/log?pageSize=2`));
      expect(items.map((e: Json) => [e.operation, e.actorId])).toEqual([
        ['restock', null],
        ['sell_out', null],
      ]);
    });

    it('lists by status and name, deleted ones only when asked', async () => {
      const onShelf = ok(await call(ops, 'GET', '/admin/products?status=on_shelf'));
      expect(onShelf.items.map((p: Json) => p.id)).toEqual([product.id]);
      expect(onShelf.items[0]).toMatchObject({ variantCount: 2, priceMinMinor: 350, priceMaxMinor: 390 });
      const byName = ok(await call(ops, 'GET', `/admin/products?q=${encodeURIComponent('條紋')}`));
      expect(byName.items.map((p: Json) => p.name.en)).toEqual(['Striped Tee']);
      expect(ok(await call(ops, 'GET', '/admin/products?q=%25')).total).toBe(0);

      ok(await transition(ops, product.id, { action: 'freeze' }));
      expect((await call(ops, 'PUT', `/admin/products/${product.id}`, { ...productBody(), version: 99 })).statusCode).toBe(409);
      expect(ok(await transition(ops, product.id, { action: 'unfreeze' })).status).toBe('off_shelf');
      const deleted = ok(await transition(ops, product.id, { action: 'delete' }));
      expect(deleted).toMatchObject({ status: 'deleted', deletedAt: expect.any(String) });
      expect(ok(await call(ops, 'GET', '/admin/products')).items.map((p: Json) => p.id)).not.toContain(product.id);
      expect(ok(await call(ops, 'GET', '/admin/products?status=deleted')).items.map((p: Json) => p.id)).toEqual([product.id]);
      const gone = await transition(ops, product.id, { action: 'unfreeze' });
      expect(gone.json()).toMatchObject({ code: 'PRODUCT_INVALID_TRANSITION', from: 'deleted', to: 'off_shelf' });
    });
  });

  describe('access', () => {
    it.each([
      ['GET', '/admin/products'],
      ['GET', '/admin/categories'],
      ['POST', '/admin/categories'],
      ['GET', '/admin/brands'],
      ['GET', '/admin/attributes'],
      ['GET', '/admin/products/review-queue'],
    ] as const)('a customer gets 403 on %s %s, an anonymous caller 401', async (method, url) => {
      const body = method === 'POST' ? { name: { 'zh-TW': '偷偷' } } : undefined;
      expect((await call(customer, method, url, body)).statusCode).toBe(403);
      expect((await call(null, method, url, body)).statusCode).toBe(401);
    });

    it('a customer cannot move a product through its lifecycle', async () => {
      const p = ok(
        await call(ops, 'POST', '/admin/products', productBody({ name: { 'zh-TW': '素面T恤' }, variants: [variant('M')] })),
        201,
      );
      expect((await transition(customer, p.id, { action: 'submit' })).statusCode).toBe(403);
      expect((await call(customer, 'GET', `/admin/products/${p.id}/log`)).statusCode).toBe(403);
    });
  });
});
