// A category or brand change reaches its products' search rows through the outbox: a rename
// changes what finds them, a move changes which categories include them.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../test/harness.js';
import { bearer, makeStaff, type Signed } from '../../../../test/identity-helpers.js';
import { insertSearchFixture, type Fixture } from './search.fixture.js';
import { CatalogEvents, catalogReindexHandler, REINDEX_BATCH } from './search.reindex.js';

describe('reindexing after category and brand changes', () => {
  let h: Harness;
  let f: Fixture;
  let admin: Signed;
  beforeAll(async () => {
    h = await createHarness();
    f = await insertSearchFixture(h.db);
    admin = await makeStaff(h, ['admin']);
  });
  afterAll(() => h?.close());

  const slugs = async (qs: string) => {
    const res = await h.app.inject({ method: 'GET', url: `/api/products?${qs}&pageSize=100` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Array<{ slug: string }> }).items.map((i) => i.slug).sort();
  };
  const put = async (url: string, payload: unknown) => {
    const res = await h.app.inject({ method: 'PUT', url: `/api${url}`, headers: bearer(admin), payload: payload as object });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** What the worker does after the staff write: deliver its events (the handler invalidates cached reads). */
  const settle = () => h.deliverEvents();

  it('a renamed category finds its products (and its subcategories’ products) by the new name', async () => {
    const key = Object.keys(f.cat).find((k) => f.products.some((p) => p.category === f.cat[k] && f.visible.includes(p)))!;
    const id = f.cat[key]!;
    const expected = await slugs(`category=${id}`);
    expect(expected.length).toBeGreaterThan(0);
    const { rows } = await h.db.execute<{ parent_id: string | null; slug: string; sort_order: number }>(
      sql`SELECT parent_id, slug, sort_order FROM categories WHERE id = ${id}`,
    );
    await put(`/admin/categories/${id}`, {
      parentId: rows[0]!.parent_id,
      slug: rows[0]!.slug,
      sortOrder: rows[0]!.sort_order,
      name: { 'zh-TW': '琉璃光分類', en: 'Quasarwear' },
    });
    await settle();
    expect(await slugs('q=琉璃光')).toEqual(expected);
    expect(await slugs('q=quasarwear')).toEqual(expected);
  });

  it('a moved category’s products are found under their new ancestor', async () => {
    const roots = (await h.db.execute<{ id: string }>(sql`SELECT id FROM categories WHERE parent_id IS NULL ORDER BY slug`)).rows.map(
      (r) => r.id,
    );
    expect(roots.length).toBeGreaterThan(1);
    const leaf = (
      await h.db.execute<{ id: string; parent_id: string; slug: string; path: string }>(sql`
      SELECT c.id, c.parent_id, c.slug, c.path FROM categories c WHERE c.parent_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM product_search s WHERE s.visible AND s.category_ids @> ARRAY[c.id]) ORDER BY c.slug LIMIT 1`)
    ).rows[0]!;
    const target = roots.find((r) => !leaf.path.includes(r))!;
    const moving = await slugs(`category=${leaf.id}`);
    const before = await slugs(`category=${target}`);
    expect(before).not.toEqual(expect.arrayContaining(moving));
    const name = (await h.db.execute<{ name: unknown }>(sql`SELECT name FROM categories WHERE id = ${leaf.id}`)).rows[0]!.name;
    await put(`/admin/categories/${leaf.id}`, { parentId: target, slug: leaf.slug, name });
    await settle();
    expect(await slugs(`category=${target}`)).toEqual([...before, ...moving].sort());
  });

  it('a renamed brand finds its products by the new name', async () => {
    const brandId = f.visible[0]!.brand;
    const expected = await slugs(`brand=${brandId}`);
    await put(`/admin/brands/${brandId}`, { name: { 'zh-TW': '星塵工坊', en: 'Stardustery' } });
    // Asked before the reindex has run: nothing yet, and that answer is now cached.
    expect(await slugs('q=stardustery')).toEqual([]);
    await settle();
    expect(await slugs('q=星塵')).toEqual(expected);
    expect(await slugs('q=stardustery')).toEqual(expected);
  });

  it('goes a batch per event: a full batch appends the next one, after its last product', async () => {
    const root = f.cat.apparel!;
    const ids = (
      await h.db.execute<{ id: string }>(
        sql`SELECT product_id AS id FROM product_search WHERE category_ids @> ARRAY[${root}]::uuid[] ORDER BY product_id`,
      )
    ).rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(3);
    const handler = catalogReindexHandler({ batch: 2 });
    const event = {
      id: randomUUID(),
      aggregateType: 'category',
      aggregateId: root,
      eventType: CatalogEvents.reindexRequested.type,
      payload: { scope: 'category', id: root },
      attempts: 0,
      createdAt: new Date(),
    };
    await h.db.transaction((tx) => handler.handle(tx, event));
    const next = await h.db.execute<{ payload: { scope: string; id: string; after: string } }>(sql`
      SELECT payload FROM event_outbox WHERE event_type = ${CatalogEvents.reindexRequested.type} AND payload->>'after' IS NOT NULL ORDER BY created_at DESC LIMIT 1`);
    expect(next.rows[0]?.payload).toEqual({ scope: 'category', id: root, after: ids[1] });
    expect(REINDEX_BATCH).toBeGreaterThan(2);
  });
});
