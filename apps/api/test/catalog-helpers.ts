import sharp from 'sharp';
import { expect } from 'vitest';
import type { Harness } from './harness.js';
import { bearer, type Signed } from './identity-helpers.js';

/** A multipart/form-data body with one image file, as the admin's upload form sends it. */
export async function imageForm(colour = '#3a7') {
  const data = await sharp({ create: { width: 64, height: 64, channels: 3, background: colour } })
    .png()
    .toBuffer();
  const boundary = `----shop${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a small PNG to the product through the admin API (a product needs one before review). */
export async function addProductImage(h: Harness, who: Signed, productId: string): Promise<Record<string, unknown>> {
  const body = await imageForm();
  const res = await h.app.inject({
    method: 'POST',
    url: `/api/admin/products/${productId}/images`,
    headers: { ...bearer(who), ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
