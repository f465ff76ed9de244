// A benchmark's own database (`shop_bench_catalog`, `shop_bench_cart`): on DATABASE_URL's server, or
// on an embedded server under .data-test/<dir>. UTF8 / C.UTF-8 (pg_trgm keeps CJK only under a UTF-8 ctype).
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../../apps/api/src/config.js';
import { assertDatabaseLocale } from '../../apps/api/src/db/checks.js';
import { createDatabase, type Database } from '../../apps/api/src/db/client.js';
import { startEmbeddedPostgres } from '../../apps/api/src/db/embedded.js';
import { runMigrations } from '../../apps/api/src/db/migrate.js';

export interface BenchDatabase extends Database {
  url: string;
  label: string;
  embedded: boolean;
  /** Drops and recreates the database (then migrates): for --rebuild. */
  recreate(): Promise<void>;
}

/** Settings of the embedded server (ours alone, so tuned like a small dedicated database host). */
const EMBEDDED_SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  effective_cache_size: '8GB',
  random_page_cost: '1.1',
};

async function adminQuery(url: string, fn: (c: pg.Client) => Promise<void>) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Opens (creating and migrating) the database `name`: on DATABASE_URL's server, else on an embedded
 * server with its data in `.data-test/<dir>`.
 */
export async function openBenchDatabase(
  env: Record<string, string | undefined>,
  log: (m: string) => void,
  where: { name: string; dir: string } = { name: 'shop_bench_catalog', dir: 'bench-catalog' },
): Promise<BenchDatabase> {
  const BENCH_DB = where.name;
  const createSql = `CREATE DATABASE "${BENCH_DB}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`;
  let adminUrl: string;
  let stop: (() => Promise<void>) | undefined;
  let label: string;
  if (env.DATABASE_URL) {
    adminUrl = env.DATABASE_URL;
    const u = new URL(adminUrl);
    label = `${u.hostname}:${u.port || 5432}/${BENCH_DB}`;
  } else {
    const dataDir = path.join(repoRoot, '.data-test', where.dir);
    let server = await startEmbeddedPostgres({ dataDir, log, database: BENCH_DB });
    // Apply the server settings once (shared_buffers needs a restart).
    let restart = false;
    await adminQuery(server.adminUrl, async (c) => {
      for (const [k, v] of Object.entries(EMBEDDED_SETTINGS)) {
        const { rows } = await c.query<{ setting: string }>(
          `SELECT setting FROM pg_file_settings WHERE name = $1 AND sourcefile LIKE '%postgresql.auto.conf'`,
          [k],
        );
        if (rows.at(-1)?.setting !== v) {
          await c.query(`ALTER SYSTEM SET ${k} = '${v}'`);
          restart = true;
        }
      }
    });
    if (restart) {
      log(
        `embedded PostgreSQL: applying ${Object.entries(EMBEDDED_SETTINGS)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')} (restart)`,
      );
      await server.stop();
      server = await startEmbeddedPostgres({ dataDir, log, database: BENCH_DB, port: server.port });
    }
    adminUrl = server.adminUrl;
    stop = server.stop;
    label = `embedded PostgreSQL 127.0.0.1:${server.port}/${BENCH_DB}, data in ${path.relative(repoRoot, dataDir)}`;
  }
  const u = new URL(adminUrl);
  u.pathname = `/${BENCH_DB}`;
  const url = u.toString();
  if (env.DATABASE_URL) {
    await adminQuery(adminUrl, async (c) => {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
      if (!rowCount) await c.query(createSql);
    });
  }

  let database = createDatabase({ url, max: 20, applicationName: where.dir });
  await assertDatabaseLocale(database.pool);
  await runMigrations(database.pool);

  const self: BenchDatabase = {
    ...database,
    url,
    label,
    embedded: stop !== undefined,
    async close() {
      await database.close();
      await stop?.();
    },
    async recreate() {
      await database.close();
      await adminQuery(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
        await c.query(createSql);
      });
      database = createDatabase({ url, max: 20, applicationName: where.dir });
      await assertDatabaseLocale(database.pool);
      await runMigrations(database.pool);
      self.db = database.db;
      self.pool = database.pool;
    },
  };
  return self;
}
