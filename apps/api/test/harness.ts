// Per test file: a fresh database cloned from the migrated template, and the app built on it.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { createDatabase, type Database } from '../src/db/client.js';
import { createLogger } from '../src/platform/logger.js';
import { createOutboxRelay } from '../src/platform/outbox.js';
import type { WebHandler } from '../src/platform/web.js';
import { buildModules, createModuleContext, eventHandlersOf } from '../src/modules.js';

export interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  err?: { message: string; stack: string };
  [k: string]: unknown;
}

export interface TestDatabase extends Database {
  url: string;
  name: string;
  /** Drops the database. */
  destroy(): Promise<void>;
}

const admin = () => new pg.Client({ connectionString: inject('pgAdminUrl') });

export function urlFor(database: string): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement on the server's admin connection (CREATE/DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const c = admin();
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A new database cloned from the migrated template. */
export async function createTestDatabase(opts: { poolMax?: number } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
  const url = urlFor(name);
  const database = createDatabase({ url, max: opts.poolMax ?? 5 });
  return {
    ...database,
    url,
    name,
    async destroy() {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** Config for tests: generous rate limits (tests share 127.0.0.1), REDIS_URL and NATS_URL passed through. */
export function testConfig(env: Record<string, string> = {}): Config {
  const { redisUrl, natsUrl } = loadConfig(process.env, []);
  return loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '100000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      ...(natsUrl ? { NATS_URL: natsUrl } : {}),
      ...env,
    },
    [],
  );
}

/** A clock tests move by hand (lockouts, token expiry). */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function createTestClock(start = new Date()): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\$argon2(id|i|d)\$/, 'a password hash'],
  [/\b[0-9a-f]{64}\b/, 'a token hash'],
];

export interface Harness {
  app: App;
  clock: TestClock;
  redis: Redis | undefined;
  /** Delivers every due outbox event with the real handlers (mail lands in the mailbox). */
  deliverEvents(): Promise<void>;
  db: TestDatabase['db'];
  pool: pg.Pool;
  database: TestDatabase;
  config: Config;
  /** Log lines written so far, parsed. */
  logs(): LogLine[];
  close(): Promise<void>;
}

/**
 * Builds the app on a fresh database. `extend` may add routes before the app is ready
 * (e.g. a route that throws); `web` stands in for the built SvelteKit handler.
 */
export async function createHarness(
  opts: { env?: Record<string, string>; extend?: (app: App) => void | Promise<void>; web?: WebHandler } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const config = testConfig(opts.env);
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l) as LogLine);
      cb();
    },
  });
  // The app's own logger (its redaction included), writing into `lines`.
  const logger = createLogger({ level: config.log.level, pretty: false }, sink);
  const clock = createTestClock();
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  const app = await buildApp({
    config,
    db: database.db,
    pool: database.pool,
    logger,
    jwtSecret: TEST_JWT_SECRET,
    redis,
    clock,
    web: opts.web,
  });
  guardAgainstLeaks(app);
  await opts.extend?.(app);
  await app.ready();
  const relay = createOutboxRelay({
    db: database.db,
    // Every module's handlers, as the worker runs them.
    handlers: eventHandlersOf(buildModules(createModuleContext({ config, db: database.db, pool: database.pool, logger, redis, clock }))),
    log: pino({ level: 'silent' }),
    ...config.outbox,
    maxAttempts: 1,
  });
  return {
    app,
    clock,
    redis,
    async deliverEvents() {
      while ((await relay.runOnce()) > 0);
    },
    db: database.db,
    pool: database.pool,
    database,
    config,
    logs: () => [...lines],
    async close() {
      await app.close();
      // Every test file's log lines, not only the ones a test looks at: no password hash, ever.
      const leaking = lines.find((l) => /\$argon2(id|i|d)\$/.test(JSON.stringify(l)));
      await redis?.quit();
      await database.destroy();
      if (leaking) throw new Error(`a log line carries a password hash: ${leaking.msg}`);
    },
  };
}

/**
 * Every response of every test passes this check: no password hash, no token hash, and no refresh
 * token (seen in a Set-Cookie) in a body. A leak turns the response into a 500 the test sees.
 */
function guardAgainstLeaks(app: App) {
  const refreshTokens = new Set<string>();
  app.addHook('onSend', async (_req, reply, payload) => {
    const cookies = reply.getHeader('set-cookie');
    for (const c of Array.isArray(cookies) ? cookies : cookies ? [String(cookies)] : []) {
      const m = /^refresh_token=([^;]+)/.exec(c);
      if (m?.[1]) refreshTokens.add(decodeURIComponent(m[1]));
    }
    if (typeof payload !== 'string') return payload;
    for (const [re, what] of SECRET_PATTERNS) if (re.test(payload)) throw new Error(`response body leaks ${what}`);
    for (const t of refreshTokens) if (payload.includes(t)) throw new Error('response body leaks a refresh token');
    return payload;
  });
}
