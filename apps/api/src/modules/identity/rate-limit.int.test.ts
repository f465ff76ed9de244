import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_JWT_SECRET, testConfig, type Harness } from '../../../test/harness.js';
import { uniqueEmail } from '../../../test/identity-helpers.js';
import { buildApp, type App } from '../../app.js';

/** A fresh client address per test, so counts from other tests or runs never interfere. */
const someIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('rate limits', () => {
  let h: Harness;
  let second: App;
  let secondRedis: Redis | undefined;
  beforeAll(async () => {
    h = await createHarness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '6' } });
    // A second process of the same shop: same database, same Redis (when there is one).
    secondRedis = h.config.redisUrl ? new Redis(h.config.redisUrl) : undefined;
    second = await buildApp({
      config: h.config,
      db: h.db,
      pool: h.pool,
      logger: pino({ level: 'silent' }),
      jwtSecret: TEST_JWT_SECRET,
      redis: secondRedis,
    });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await secondRedis?.quit();
    await h.close();
  });

  const login = (app: App, ip: string, identifier = uniqueEmail('rl')) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password: 'whatever-password' }, remoteAddress: ip });

  it('limits sign-in attempts per IP with 429 RATE_LIMITED and Retry-After', async () => {
    const ip = someIp();
    for (let i = 0; i < 3; i++) expect((await login(h.app, ip)).statusCode).toBe(401);
    const limited = await login(h.app, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await login(h.app, someIp())).statusCode).toBe(401);
  });

  it('limits sign-in attempts per account, whatever the IP', async () => {
    const email = uniqueEmail('target');
    for (let i = 0; i < 3; i++) expect((await login(h.app, someIp(), email)).statusCode).toBe(401);
    expect((await login(h.app, someIp(), email.toUpperCase())).statusCode).toBe(429);
  });

  it('has a default limit per IP on every API route', async () => {
    const ip = someIp();
    for (let i = 0; i < 6; i++) expect((await h.app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip })).statusCode).toBe(429);
  });

  if (testConfig().redisUrl) {
    it('is shared by two app instances on one Redis', async () => {
      const ip = someIp();
      expect((await login(h.app, ip)).statusCode).toBe(401);
      expect((await login(second, ip)).statusCode).toBe(401);
      expect((await login(h.app, ip)).statusCode).toBe(401);
      // The fourth attempt overall is refused by either instance.
      expect((await login(second, ip)).statusCode).toBe(429);
      expect((await login(h.app, ip)).statusCode).toBe(429);
    });
  } else {
    it('is counted by each instance alone without Redis (set REDIS_URL to share it)', async () => {
      const ip = someIp();
      for (let i = 0; i < 3; i++) expect((await login(h.app, ip)).statusCode).toBe(401);
      expect((await login(h.app, ip)).statusCode).toBe(429);
      expect((await login(second, ip)).statusCode).toBe(401);
    });
  }
});
