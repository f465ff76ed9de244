import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, type Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';

/** A multipart/form-data body with one file and some fields. */
function form(file: { name: string; type: string; data: Buffer } | undefined, fields: Record<string, string> = {}) {
  const boundary = `----shop${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const png = (width: number, height: number, colour = '#c33') =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();

describe('product images', () => {
  let h: Harness;
  let mediaDir: string;
  let ops: Signed;
  let customer: Signed;
  let product: Json;

  const { call } = apiCalls(() => h);
  const upload = (who: Signed, productId: string, body: ReturnType<typeof form>) =>
    h.app.inject({
      method: 'POST',
      url: `/api/admin/products/${productId}/images`,
      headers: { ...bearer(who), ...body.headers },
      payload: body.payload,
    });

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'shop-media-'));
    h = await createHarness({ env: { MEDIA_DIR: mediaDir, IMAGE_MAX_BYTES: String(64 * 1024) } });
    [ops, customer] = await Promise.all([makeStaff(h, ['ops']), registerUser(h)]);
    const cat = (await call(ops, 'POST', '/admin/categories', { name: { 'zh-TW': '杯子', en: 'Mugs' } })).json();
    const res = await call(ops, 'POST', '/admin/products', {
      name: { 'zh-TW': '馬克杯', en: 'Mug' },
      primaryCategoryId: cat.id,
      variants: [{ sku: 'MUG-1', priceMinor: 300 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    product = res.json();
  });
  afterAll(async () => {
    await h?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('stores a PNG by content hash with its dimensions and WebP renditions, served with a year-long immutable cache', async () => {
    const data = await png(700, 350);
    const res = await upload(
      ops,
      product.id,
      form({ name: 'mug.png', type: 'image/png', data }, { 'alt.zh-TW': '紅色馬克杯', 'alt.en': 'Red mug' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const img = res.json();
    expect(img).toMatchObject({
      width: 700,
      height: 350,
      contentType: 'image/png',
      bytes: data.length,
      alt: { 'zh-TW': '紅色馬克杯', en: 'Red mug' },
      sortOrder: 0,
    });
    expect(img.url).toMatch(/^\/media\/[0-9a-f]{2}\/[0-9a-f]{40}\.png$/);
    expect(img.sizes.map((s: Json) => s.width)).toEqual([320, 640, 700]);
    expect(img.srcset).toContain('-w320.webp 320w');

    const served = await h.app.inject({ method: 'GET', url: img.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.rawPayload.equals(data)).toBe(true);
    const small = await h.app.inject({ method: 'GET', url: img.sizes[0].url });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-type']).toBe('image/webp');
    expect((await sharp(small.rawPayload).metadata()).width).toBe(320);

    const view = (await call(ops, 'GET', `/admin/products/${product.id}`)).json();
    expect(view.images.map((i: Json) => i.id)).toEqual([img.id]);
    const log = (await call(ops, 'GET', `/admin/products/${product.id}/log`)).json();
    expect(log.items[0]).toMatchObject({ operation: 'image_add' });
  });

  it('refuses a text file named .png, and a JPEG claiming to be PNG (415 IMAGE_TYPE_UNSUPPORTED)', async () => {
    const text = await upload(ops, product.id, form({ name: 'evil.png', type: 'image/png', data: Buffer.from('<?php echo "hi"; ?>\n') }));
    expect(text.statusCode, text.body).toBe(415);
    expect(text.json()).toMatchObject({ code: 'IMAGE_TYPE_UNSUPPORTED' });
    const jpeg = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const spoof = await upload(ops, product.id, form({ name: 'photo.png', type: 'image/png', data: jpeg }));
    expect(spoof.statusCode).toBe(415);
    expect(spoof.json().code).toBe('IMAGE_TYPE_UNSUPPORTED');
    const truncated = (await png(50, 50)).subarray(0, 40);
    const broken = await upload(ops, product.id, form({ name: 'broken.png', type: 'image/png', data: truncated }));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('IMAGE_UNDECODABLE');
  });

  it('refuses files over IMAGE_MAX_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const noisy = await sharp(Buffer.from(Array.from({ length: 200 * 200 * 3 }, (_, i) => (i * 7919) % 251)), {
      raw: { width: 200, height: 200, channels: 3 },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(64 * 1024);
    const res = await upload(ops, product.id, form({ name: 'big.png', type: 'image/png', data: noisy }));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets only staff upload (a customer gets 403)', async () => {
    const res = await upload(customer, product.id, form({ name: 'a.png', type: 'image/png', data: await png(20, 20) }));
    expect(res.statusCode).toBe(403);
  });

  it('reorders and deletes, and shoppers see the images with sizes once the product is live', async () => {
    const second = (await upload(ops, product.id, form({ name: 'b.png', type: 'image/png', data: await png(200, 200, '#3c3') }))).json();
    const { items } = (await call(ops, 'GET', `/admin/products/${product.id}/images`)).json();
    const ids = items.map((i: Json) => i.id).reverse();
    const reordered = await call(ops, 'PUT', `/admin/products/${product.id}/images/order`, { ids });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json().items.map((i: Json) => i.id)).toEqual(ids);
    expect((await call(ops, 'PUT', `/admin/products/${product.id}/images/order`, { ids: [ids[0]] })).statusCode).toBe(400);

    const admin = await makeStaff(h, ['admin']);
    for (const [who, action] of [
      [ops, 'submit'],
      [admin, 'approve'],
      [ops, 'put_on_shelf'],
    ] as const) {
      expect((await call(who, 'POST', `/admin/products/${product.id}/transitions`, { action })).statusCode).toBe(200);
    }
    const detail = (await call(null, 'GET', `/products/${product.id}`)).json();
    expect(detail.images.map((i: Json) => i.id)).toEqual(ids);
    expect(detail.images[0]).toMatchObject({ id: second.id, width: 200, sizes: [{ width: 200, url: second.url }] });
    const list = (await call(null, 'GET', '/products')).json();
    expect(list.items[0]).toMatchObject({ imageUrl: second.url, imageSrcset: `${second.url} 200w` });

    // An approver's deletion of a live product's image applies at once (an ops one waits for approval).
    expect((await call(admin, 'DELETE', `/admin/products/${product.id}/images/${second.id}`)).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: second.url })).statusCode).toBe(404);
    const after = (await call(null, 'GET', `/products/${product.id}`)).json();
    expect(after.images).toHaveLength(1);
  });

  it('answers 404 for traversal and unknown keys', async () => {
    for (const url of [
      '/media/..%2f..%2fetc%2fpasswd',
      '/media/../../etc/passwd',
      '/media/%2e%2e/%2e%2e/etc/passwd',
      `/media/ab/${'0'.repeat(40)}.png`,
      '/media/',
    ]) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('S3 presign is 409 without S3_* configured', async () => {
    const res = await call(ops, 'POST', `/admin/products/${product.id}/images/presign`, { contentType: 'image/png', bytes: 1000 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('S3_NOT_CONFIGURED');
  });
});
