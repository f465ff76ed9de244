// Review of what shoppers see: edits of a live product by staff who may not approve wait for an
// approver; a product goes to review only with images; a deleted product can be restored.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProductImage, imageForm } from '../../../test/catalog-helpers.js';
import { apiCalls, type Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, type Signed } from '../../../test/identity-helpers.js';

describe('catalog review', () => {
  let h: Harness;
  let mediaDir: string;
  let admin: Signed;
  let ops: Signed;
  let category: Json;
  let n = 0;

  const { call, ok } = apiCalls(() => h);
  const transition = (who: Signed, id: string, action: string) => call(who, 'POST', `/admin/products/${id}/transitions`, { action });
  const bodyOf = (p: Json, over: Json = {}) => ({
    name: p.name,
    description: p.description,
    primaryCategoryId: p.primaryCategoryId,
    version: p.version,
    variants: p.variants.map((v: Json) => ({
      id: v.id,
      sku: v.sku,
      salesAttributes: v.salesAttributes,
      priceMinor: v.priceMinor,
      compareAtMinor: v.compareAtMinor,
      weightGrams: v.weightGrams,
    })),
    ...over,
  });

  /** A product on the shelf: created by ops with an image, approved by the admin. */
  async function liveProduct(name: string): Promise<Json> {
    const created = ok(
      await call(ops, 'POST', '/admin/products', {
        name: { 'zh-TW': name },
        description: { 'zh-TW': '厚實陶瓷。' },
        primaryCategoryId: category.id,
        variants: [{ sku: `MUG-${++n}`, priceMinor: 199 }],
      }),
      201,
    );
    await addProductImage(h, ops, created.id);
    ok(await transition(ops, created.id, 'submit'));
    ok(await transition(admin, created.id, 'approve'));
    return ok(await transition(ops, created.id, 'put_on_shelf'));
  }
  const shopView = async (slug: string) => ok(await call(null, 'GET', `/products/${encodeURIComponent(slug)}`));
  const search = async (q: string) => ok(await call(null, 'GET', `/products?q=${encodeURIComponent(q)}`)).items as Json[];
  const log = async (id: string) => ok(await call(ops, 'GET', `/admin/products/${id}/log`)).items as Json[];

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'shop-media-'));
    h = await createHarness({ env: { MEDIA_DIR: mediaDir } });
    [admin, ops] = await Promise.all([makeStaff(h, ['admin']), makeStaff(h, ['ops'])]);
    category = ok(await call(ops, 'POST', '/admin/categories', { name: { 'zh-TW': '杯子', en: 'Mugs' } }), 201);
  });
  afterAll(async () => {
    await h?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  describe('pending revisions', () => {
    it('ops renames and reprices a live product: shoppers keep the approved name and price until an admin approves; the log shows both', async () => {
      const live = await liveProduct('晨光馬克杯');
      const edit = bodyOf(live, { name: { 'zh-TW': '夕陽馬克杯' }, variants: [{ ...bodyOf(live).variants[0], priceMinor: 179 }] });
      const proposed = ok(await call(ops, 'PUT', `/admin/products/${live.id}`, edit));
      expect(proposed).toMatchObject({ name: { 'zh-TW': '晨光馬克杯' }, status: 'on_shelf', version: live.version });
      expect(proposed.pendingRevision.changes).toMatchObject({
        name: { before: { 'zh-TW': '晨光馬克杯' }, after: { 'zh-TW': '夕陽馬克杯' } },
        prices: { before: [{ priceMinor: 199 }], after: [{ priceMinor: 179 }] },
      });

      // The shop and search still show the approved content.
      const shown = await shopView(live.slug);
      expect(shown.name).toBe('晨光馬克杯');
      expect(shown.variants.map((v: Json) => v.priceMinor)).toEqual([199]);
      expect(await search('夕陽')).toEqual([]);
      expect((await search('晨光')).map((p) => [p.id, p.priceMinor])).toEqual([[live.id, 199]]);
      // The approver finds it in the review queue.
      const queue = ok(await call(admin, 'GET', '/admin/products/review-queue'));
      expect(queue.items.find((p: Json) => p.id === live.id)).toMatchObject({ status: 'on_shelf', pendingRevision: true });
      // Ops may not approve it.
      expect((await call(ops, 'POST', `/admin/products/${live.id}/revision`, { decision: 'approve' })).statusCode).toBe(403);

      const approved = ok(await call(admin, 'POST', `/admin/products/${live.id}/revision`, { decision: 'approve' }));
      expect(approved).toMatchObject({ name: { 'zh-TW': '夕陽馬克杯' }, status: 'on_shelf', pendingRevision: null });
      const after = await shopView(approved.slug);
      expect(after.name).toBe('夕陽馬克杯');
      expect(after.variants.map((v: Json) => v.priceMinor)).toEqual([179]);
      expect((await search('夕陽')).map((p) => [p.id, p.priceMinor])).toEqual([[live.id, 179]]);
      expect(ok(await call(admin, 'GET', '/admin/products/review-queue')).items.map((p: Json) => p.id)).not.toContain(live.id);

      const entries = await log(live.id);
      expect(entries.slice(0, 2).map((e) => [e.operation, e.actorId])).toEqual([
        ['revision_approve', admin.id],
        ['revision_propose', ops.id],
      ]);
      expect(entries[0]!.diff.name).toEqual({ before: { 'zh-TW': '晨光馬克杯' }, after: { 'zh-TW': '夕陽馬克杯' } });
      expect(entries[1]!.actor).toEqual({ email: ops.email, displayName: expect.any(String) });
    });

    it('a second edit while one is pending updates the same revision; rejecting keeps the live content and needs a reason', async () => {
      const live = await liveProduct('藍釉杯');
      ok(await call(ops, 'PUT', `/admin/products/${live.id}`, bodyOf(live, { name: { 'zh-TW': '藍釉杯（新）' } })));
      const second = ok(await call(ops, 'PUT', `/admin/products/${live.id}`, bodyOf(live, { name: { 'zh-TW': '藍釉大杯' } })));
      expect(second.pendingRevision.values.name).toEqual({ 'zh-TW': '藍釉大杯' });
      const { rows } = await h.pool.query("SELECT count(*)::int AS n FROM product_revisions WHERE product_id = $1 AND status = 'pending'", [
        live.id,
      ]);
      expect(rows[0].n).toBe(1);

      const noReason = await call(admin, 'POST', `/admin/products/${live.id}/revision`, { decision: 'reject' });
      expect(noReason.statusCode).toBe(400);
      const rejected = ok(await call(admin, 'POST', `/admin/products/${live.id}/revision`, { decision: 'reject', reason: '名稱太長' }));
      expect(rejected).toMatchObject({ name: { 'zh-TW': '藍釉杯' }, pendingRevision: null });
      expect((await shopView(live.slug)).name).toBe('藍釉杯');
      expect((await log(live.id))[0]).toMatchObject({
        operation: 'revision_reject',
        actorId: admin.id,
        diff: { reason: { after: '名稱太長' } },
      });
      const none = await call(admin, 'POST', `/admin/products/${live.id}/revision`, { decision: 'approve' });
      expect(none.json()).toMatchObject({ status: 404, code: 'REVISION_NOT_FOUND' });
    });

    it('edits shoppers were not shown as approved (weight) apply at once; an admin’s edit applies at once', async () => {
      const live = await liveProduct('白瓷杯');
      const weighed = ok(
        await call(
          ops,
          'PUT',
          `/admin/products/${live.id}`,
          bodyOf(live, { variants: [{ ...bodyOf(live).variants[0], weightGrams: 350 }] }),
        ),
      );
      expect(weighed).toMatchObject({ pendingRevision: null, version: live.version + 1 });
      expect(weighed.variants[0].weightGrams).toBe(350);

      const byAdmin = ok(await call(admin, 'PUT', `/admin/products/${live.id}`, bodyOf(weighed, { name: { 'zh-TW': '白瓷大杯' } })));
      expect(byAdmin).toMatchObject({ name: { 'zh-TW': '白瓷大杯' }, pendingRevision: null });
      expect((await shopView(byAdmin.slug)).name).toBe('白瓷大杯');
    });
  });

  describe('pending images', () => {
    it('ops replaces the image of a live product: shoppers keep the approved image until an admin approves', async () => {
      const live = await liveProduct('花紋杯');
      const [approvedImage] = live.images;
      const body = await imageForm('#a33');
      const up = await h.app.inject({
        method: 'POST',
        url: `/api/admin/products/${live.id}/images`,
        headers: { ...bearer(ops), ...body.headers },
        payload: body.payload,
      });
      expect(up.statusCode, up.body).toBe(201);
      const proposedImage = up.json();
      expect((await call(ops, 'DELETE', `/admin/products/${live.id}/images/${approvedImage.id}`)).statusCode).toBe(204);

      const shopImages = async () => (await shopView(live.slug)).images.map((i: Json) => i.url);
      expect(await shopImages()).toEqual([approvedImage.url]);
      const staffView = ok(await call(admin, 'GET', `/admin/products/${live.id}`));
      expect(staffView.images.map((i: Json) => i.id)).toEqual([approvedImage.id]);
      expect(staffView.pendingRevision).toMatchObject({ values: null, images: [{ id: proposedImage.id, url: proposedImage.url }] });
      expect(staffView.pendingRevision.changes.images.after).toEqual([{ id: proposedImage.id, url: proposedImage.url }]);

      ok(await call(admin, 'POST', `/admin/products/${live.id}/revision`, { decision: 'approve' }));
      expect(await shopImages()).toEqual([proposedImage.url]);
      const entries = await log(live.id);
      expect(entries.slice(0, 3).map((e) => e.operation)).toEqual(['revision_approve', 'revision_propose', 'revision_propose']);
    });
  });

  describe('submitting and restoring', () => {
    it('refuses to submit a product without images (422 PRODUCT_IMAGES_REQUIRED), accepts it once it has one', async () => {
      const p = ok(
        await call(ops, 'POST', '/admin/products', {
          name: { 'zh-TW': '無圖杯' },
          primaryCategoryId: category.id,
          variants: [{ sku: `MUG-${++n}`, priceMinor: 100 }],
        }),
        201,
      );
      const res = await transition(ops, p.id, 'submit');
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'PRODUCT_IMAGES_REQUIRED' });
      expect(ok(await call(ops, 'GET', `/admin/products/${p.id}`)).status).toBe('draft');
      await addProductImage(h, ops, p.id);
      expect(ok(await transition(ops, p.id, 'submit')).status).toBe('pending_review');
    });

    it('restores a deleted product as a draft (to be reviewed again), logged', async () => {
      const live = await liveProduct('復活杯');
      ok(await call(ops, 'PUT', `/admin/products/${live.id}`, bodyOf(live, { name: { 'zh-TW': '復活大杯' } })));
      ok(await transition(ops, live.id, 'delete'));
      // Its pending change is withdrawn with it: nothing waits in the queue for a deleted product.
      expect(ok(await call(admin, 'GET', '/admin/products/review-queue')).items.map((p: Json) => p.id)).not.toContain(live.id);
      const restored = ok(await transition(ops, live.id, 'restore'));
      expect(restored).toMatchObject({ status: 'draft', deletedAt: null, name: { 'zh-TW': '復活杯' }, pendingRevision: null });
      expect(ok(await call(ops, 'GET', '/admin/products')).items.map((p: Json) => p.id)).toContain(live.id);
      expect((await call(null, 'GET', `/products/${encodeURIComponent(live.slug)}`)).statusCode).toBe(404);
      expect((await log(live.id))[0]).toMatchObject({ operation: 'restore', diff: { status: { before: 'deleted', after: 'draft' } } });
      const again = await transition(ops, live.id, 'restore');
      expect(again.json()).toMatchObject({ code: 'PRODUCT_INVALID_TRANSITION' });
    });
  });
});
