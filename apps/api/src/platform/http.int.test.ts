import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { adminQuery, createHarness, TEST_JWT_SECRET, testConfig, urlFor, type Harness } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { createDatabase } from '../db/client.js';
import { sql } from 'drizzle-orm';
import { withTx } from './tx.js';

const problemType = 'application/problem+json; charset=utf-8';

describe('HTTP basics and problem documents', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      env: { BODY_LIMIT_BYTES: '2048' },
      extend: (app) => {
        // Routes that exist only in this test: one with a schema, one that fails unexpectedly.
        app.post(
          '/api/test/widgets',
          {
            schema: {
              body: z.object({ name: z.string().min(2), priceMinor: z.number().int().nonnegative() }),
              querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
            },
          },
          async (req) => ({ ok: true, name: req.body.name }),
        );
        // A write that waits for a row another connection holds, with a short lock timeout.
        app.post('/api/test/contended', async () => {
          await withTx(
            h.db,
            async (tx) => {
              await tx.execute(sql`UPDATE test_contended SET n = n + 1 WHERE id = 1`);
            },
            { lockTimeoutMs: 100 },
          );
          return { ok: true };
        });
        // A write through a pool of one connection that waits at most 200 ms for it.
        app.post('/api/test/crowded', async () => {
          await withTx(crowded().db, async (tx) => {
            await tx.execute(sql`SELECT 1`);
          });
          return { ok: true };
        });
        app.get('/api/test/boom', async () => {
          throw new Error('connection to 10.0.0.5 failed: password authentication failed for user "shop"');
        });
      },
    });
  });
  afterAll(async () => {
    await small?.close();
    await h.close();
  });
  let small: ReturnType<typeof createDatabase> | undefined;
  const crowded = () => (small ??= createDatabase({ url: h.database.url, max: 1, connectionTimeoutMs: 200 }));

  it('answers /api/health and /api/ready', async () => {
    const health = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
    const ready = await h.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/no-such-thing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(problemType);
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: '/api/no-such-thing', traceId: expect.any(String) });
  });

  it('answers malformed JSON with 400 MALFORMED_BODY', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/test/widgets',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Tee",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(problemType);
    expect(res.json()).toMatchObject({ status: 400, code: 'MALFORMED_BODY' });
  });

  it('answers a schema violation with 400 VALIDATION_FAILED listing each bad field', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/test/widgets', payload: { name: 'T', priceMinor: -5.5 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.name', 'body.priceMinor']);
    for (const e of body.errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String), code: expect.any(String) });
  });

  it('names query fields in a validation failure', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/test/widgets?dryRun=maybe', payload: { name: 'Tee', priceMinor: 100 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'querystring.dryRun' })]);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/test/widgets',
      payload: { name: 'x'.repeat(5000), priceMinor: 1 },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toBe(problemType);
    expect(res.json()).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an unsupported content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/test/widgets',
      headers: { 'content-type': 'application/xml' },
      payload: '<widget/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers a route that throws with 500 INTERNAL, no internals in the body, and logs it with the request id', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/test/boom', headers: { 'x-request-id': 'trace-boom-1' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['x-request-id']).toBe('trace-boom-1');
    const body = res.json();
    expect(body).toMatchObject({ status: 500, code: 'INTERNAL', traceId: 'trace-boom-1' });
    expect(res.body).not.toMatch(/10\.0\.0\.5|password|stack|at .*\.ts/);

    const line = h.logs().find((l) => l.reqId === 'trace-boom-1' && l.level >= 50);
    expect(line?.err?.message).toContain('10.0.0.5');
    expect(line?.err?.stack).toContain('http.int.test.ts');
  });

  it('answers a lock wait past the lock timeout with 503 BUSY and Retry-After, and writes nothing', async () => {
    await h.pool.query('CREATE TABLE test_contended (id int PRIMARY KEY, n int NOT NULL)');
    await h.pool.query('INSERT INTO test_contended VALUES (1, 0)');
    const holder = await h.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM test_contended WHERE id = 1 FOR UPDATE');
      const res = await h.app.inject({ method: 'POST', url: '/api/test/contended' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ status: 503, code: 'BUSY' });
      expect(res.body).not.toMatch(/lock|55P03|test_contended/);
      await holder.query('ROLLBACK');
    } finally {
      holder.release();
    }
    const after = await h.app.inject({ method: 'POST', url: '/api/test/contended' });
    expect(after.statusCode).toBe(200);
    const { rows } = await h.pool.query<{ n: number }>('SELECT n FROM test_contended WHERE id = 1');
    expect(rows[0]!.n).toBe(1);
  });

  it('answers a request that finds every database connection busy with 503 BUSY and Retry-After', async () => {
    const held = await crowded().pool.connect();
    try {
      const res = await h.app.inject({ method: 'POST', url: '/api/test/crowded' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ status: 503, code: 'BUSY' });
      expect(res.body).not.toMatch(/timeout exceeded|connect/);
    } finally {
      held.release();
    }
    expect((await h.app.inject({ method: 'POST', url: '/api/test/crowded' })).statusCode).toBe(200);
  });

  it('takes the caller’s X-Request-Id, or makes one, and echoes it', async () => {
    const given = await h.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const junk = await h.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id with spaces\n' } });
    expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.logs().some((l) => l.reqId === 'abc-123' && l.msg === 'request completed')).toBe(true);
  });

  it('publishes OpenAPI generated from the route schemas, and browsable docs', async () => {
    const spec = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/ready', '/api/test/widgets']));
    expect(doc.paths['/api/test/widgets'].post.requestBody.content['application/json'].schema.required).toEqual(['name', 'priceMinor']);
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
    const page = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });
});

describe('readiness', () => {
  it('is 503 with migrations pending on a database that was never migrated', async () => {
    const name = `t_empty_${Date.now()}`;
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    const database = createDatabase({ url: urlFor(name), max: 2 });
    const app = await buildApp({
      config: testConfig(),
      db: database.db,
      pool: database.pool,
      logger: pino({ level: 'silent' }),
      jwtSecret: TEST_JWT_SECRET,
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'not_ready', checks: { database: 'ok', migrations: 'pending' } });
    } finally {
      await app.close();
      await database.close();
      await adminQuery(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
  });
});
