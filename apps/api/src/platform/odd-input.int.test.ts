// Odd text and malformed requests answer 4xx problem documents, never 500: NUL bytes and unpaired
// surrogates anywhere in a request, undecodable paths, broken multipart bodies, and uploads from
// callers who may not upload (refused before their body is read).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.js';
import { bearer, makeStaff, PASSWORD, registerUser, uniqueEmail, type Signed } from '../../test/identity-helpers.js';

const problemType = 'application/problem+json; charset=utf-8';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe(problemType);
  expect(JSON.parse(res.body)).toMatchObject({ status, code, traceId: expect.any(String) });
}

describe('odd text and malformed requests', () => {
  let h: Harness;
  let mediaDir: string;
  let ops: Signed;
  let customer: Signed;
  let product: Json;

  const call = (who: Signed | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url: `/api${url}`,
      headers: who ? bearer(who) : {},
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'shop-media-'));
    h = await createHarness({ env: { MEDIA_DIR: mediaDir } });
    [ops, customer] = await Promise.all([makeStaff(h, ['ops']), registerUser(h)]);
    const cat = (await call(ops, 'POST', '/admin/categories', { name: { 'zh-TW': '杯子' } })).json();
    const res = await call(ops, 'POST', '/admin/products', {
      name: { 'zh-TW': '馬克杯' },
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

  it('answers a product address with a NUL byte with 400 VALIDATION_FAILED naming the parameter', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/products/%00' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'params.idOrSlug', code: 'invalid_text' })]);
  });

  it('refuses a NUL byte in sign-in and sign-up fields with 400, and still signs the account in afterwards', async () => {
    const email = uniqueEmail('nul');
    await registerUser(h, { email });
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: `${email}\u0000`, password: PASSWORD },
    });
    expectProblem(login, 400, 'VALIDATION_FAILED');
    expect(login.json().errors).toEqual([expect.objectContaining({ path: 'body.identifier' })]);
    const register = await h.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: uniqueEmail(), password: `${PASSWORD}\u0000`, displayName: '小\u0000明' },
    });
    expectProblem(register, 400, 'VALIDATION_FAILED');
    const ok = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: email, password: PASSWORD } });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses an unpaired surrogate in a translated name with 400, and creates nothing', async () => {
    // JSON with a lone \ud800 escape: what a buggy client or a cut-off string sends.
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/admin/categories',
      headers: { ...bearer(ops), 'content-type': 'application/json' },
      payload: '{"name":{"zh-TW":"杯\\ud800子"}}',
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.name.zh-TW', code: 'invalid_text' })]);
    const tree = (await call(ops, 'GET', '/admin/categories')).json();
    expect(tree.items.map((c: Json) => c.name['zh-TW'])).toEqual(['杯子']);
  });

  it('refuses a NUL byte in a query string with 400', async () => {
    expectProblem(await h.app.inject({ method: 'GET', url: '/api/products?q=tee%00' }), 400, 'VALIDATION_FAILED');
  });

  it('answers a price filter beyond any price (past a 32-bit integer) with 400, not 500', async () => {
    for (const q of ['priceMax=9007199254740991', 'priceMin=3000000000', 'priceMax=2147483648']) {
      const res = await h.app.inject({ method: 'GET', url: `/api/products?${q}` });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
    expect((await h.app.inject({ method: 'GET', url: '/api/products?priceMax=100000000' })).statusCode).toBe(200);
  });

  it('answers an undecodable path (%ZZ) with a 400 problem document', async () => {
    for (const url of ['/api/products/%ZZ', '/api/admin/products/%E0%A4%A']) {
      const res = await h.app.inject({ method: 'GET', url });
      expectProblem(res, 400, 'MALFORMED_URL');
    }
  });

  it('answers a malformed multipart upload with 400 MALFORMED_BODY', async () => {
    const boundary = 'shopboundary';
    const bodies = [
      // A part header without its blank line, and no closing boundary.
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n`,
      // A file part cut off before its closing boundary.
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG`,
    ];
    for (const payload of bodies) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/admin/products/${product.id}/images`,
        headers: { ...bearer(ops), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      expectProblem(res, 400, 'MALFORMED_BODY');
    }
  });

  it('refuses a customer’s upload before reading its body', async () => {
    const total = 2 * 1024 * 1024;
    const chunk = 64 * 1024;
    let pulled = 0;
    const boundary = 'shopboundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const body = new Readable({
      read() {
        if (pulled === 0) this.push(head);
        if (pulled >= total) return void this.push(null);
        pulled += chunk;
        this.push(Buffer.alloc(chunk, 0x41));
        if (pulled >= total) this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
      },
    });
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/admin/products/${product.id}/images`,
      headers: { ...bearer(customer), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect([403, 404]).toContain(res.statusCode);
    expect(res.headers['content-type']).toBe(problemType);
    // Only what the stream buffers ahead was pulled, not the 2 MiB upload.
    expect(pulled).toBeLessThan(total / 4);
  });

  it('refuses a NUL byte in an upload’s alt text with 400', async () => {
    const boundary = 'shopboundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="alt.zh-TW"\r\n\r\n紅\u0000杯\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nxx\r\n--${boundary}--\r\n`;
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/admin/products/${product.id}/images`,
      headers: { ...bearer(ops), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
  });

  it('accepts only http and https brand logo addresses', async () => {
    for (const logoUrl of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.com/logo.png']) {
      const res = await call(ops, 'POST', '/admin/brands', { name: { 'zh-TW': '壞牌' }, logoUrl });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.logoUrl' })]);
    }
    const ok = await call(ops, 'POST', '/admin/brands', { name: { 'zh-TW': '好牌' }, logoUrl: 'https://cdn.example.com/logo.png' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().logoUrl).toBe('https://cdn.example.com/logo.png');
  });
});
