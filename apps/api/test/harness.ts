// Per test file: a fresh database cloned from the migrated template, and the app built on it.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { createDatabase, type Database } from '../src/db/client.js';

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

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...env }, []);
}

export interface Harness {
  app: App;
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
 * (e.g. a route that throws).
 */
export async function createHarness(
  opts: { env?: Record<string, string>; extend?: (app: App) => void | Promise<void> } = {},
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
  const logger = pino({ level: config.log.level }, sink);
  const app = await buildApp({ config, db: database.db, pool: database.pool, logger });
  await opts.extend?.(app);
  await app.ready();
  return {
    app,
    db: database.db,
    pool: database.pool,
    database,
    config,
    logs: () => [...lines],
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
