import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPlugin, type WebHandler } from './web.js';

// Stands in for SvelteKit's built handler (an external build output here): a page of list-page size.
const page = `<!doctype html><html><body>${'<li class="card">商品 Product</li>'.repeat(2000)}</body></html>`;
const handler: WebHandler = (req, res) => {
  res.statusCode = 200;
  if (req.url === '/tiny') {
    res.setHeader('content-type', 'text/plain');
    res.end('ok');
    return;
  }
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(page);
};

describe('pages served through the API process', () => {
  const app = Fastify();
  beforeAll(async () => {
    await app.register(webPlugin, { handler });
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends HTML brotli-compressed to browsers that accept it', async () => {
    const res = await get('/products', 'gzip, deflate, br, zstd');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(page.length / 10);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(page);
  });

  it('sends gzip to clients that only take gzip', async () => {
    const res = await get('/products', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(page);
  });

  it('sends plain HTML when no encoding is accepted, and leaves tiny answers alone', async () => {
    const plain = await get('/products');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(page);
    const tiny = await get('/tiny', 'gzip, br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('ok');
  });
});
