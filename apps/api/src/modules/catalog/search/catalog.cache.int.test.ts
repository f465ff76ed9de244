// The storefront cache's key and bound: parameters a route does not know share the entry of the
// request without them, and the in-process cache stays within its byte budget.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../test/harness.js';
import { createHttpServer } from '../../../platform/http-server.js';
import { catalogStorefrontRoutes } from './index.js';
import { insertSearchFixture } from './search.fixture.js';

describe('catalog cache keys and bound', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await insertSearchFixture(h.db);
  });
  afterAll(() => h.close());

  it('unknown query parameters hit the entry of the request without them (and parameter order does not matter)', async () => {
    const first = await h.app.inject({ method: 'GET', url: '/api/products?q=shirt&sort=price_asc' });
    expect(first.headers['x-cache']).toBe('miss');
    for (const url of [
      '/api/products?q=shirt&sort=price_asc&_cb=1',
      '/api/products?_cb=2&q=shirt&sort=price_asc',
      '/api/products?sort=price_asc&q=shirt',
    ]) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.headers['x-cache'], url).toBe('hit');
      expect(res.body).toBe(first.body);
    }
    // A default written out is the same parsed query as the default left out.
    expect((await h.app.inject({ method: 'GET', url: '/api/products?q=shirt&sort=price_asc&page=1' })).headers['x-cache']).toBe('hit');
    // A parameter the route knows is another entry.
    expect((await h.app.inject({ method: 'GET', url: '/api/products?q=shirt&sort=price_desc' })).headers['x-cache']).toBe('miss');
  });

  it('the in-process cache evicts the least recently used entries past its byte bound', async () => {
    const serve = async (cacheBytes: number) => {
      const app = createHttpServer({ logger: pino({ level: 'silent' }) });
      await app.register(async (api) => api.register(catalogStorefrontRoutes, { db: h.db, cacheBytes }), { prefix: '/api' });
      await app.ready();
      return app;
    };
    const urls = ['/api/products?q=shirt', '/api/products?q=tee', '/api/products?q=jeans', '/api/products?q=cup'];
    const sizes: number[] = [];
    const roomy = await serve(64 * 1024 * 1024);
    for (const url of urls) sizes.push((await roomy.inject({ method: 'GET', url })).body.length);
    for (const url of urls) expect((await roomy.inject({ method: 'GET', url })).headers['x-cache'], url).toBe('hit');
    await roomy.close();

    // Room for about two of these bodies: the first ones are gone once the later ones are in.
    const tight = await serve(2 * 2 * Math.max(...sizes) + 1000);
    for (const url of urls) expect((await tight.inject({ method: 'GET', url })).headers['x-cache'], url).toBe('miss');
    expect((await tight.inject({ method: 'GET', url: urls[0]! })).headers['x-cache']).toBe('miss');
    expect((await tight.inject({ method: 'GET', url: urls[0]! })).headers['x-cache']).toBe('hit');
    await tight.close();
  });
});
