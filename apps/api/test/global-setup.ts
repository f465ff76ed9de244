// Once per `vitest run`: a PostgreSQL server (DATABASE_URL, or an embedded one kept under
// .data-test/), and a migrated template database that each test file clones.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig, repoRoot } from '../src/config.js';
import { clearStaleServer, findFreePort, isAlive, startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrationsFolder, runMigrations } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    h.update(f).update(readFileSync(path.join(migrationsFolder, f)));
  }
  return h.digest('hex').slice(0, 12);
}

/** Data dirs of earlier runs that died without their teardown (their process is gone). */
async function removeAbandonedServers(base: string): Promise<void> {
  let names: string[] = [];
  try {
    names = await readdir(base);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^pg-tests-(\d+)$/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    const dir = path.join(base, name);
    // Its PostgreSQL may still run, orphaned: stop it before removing its files.
    await clearStaleServer(path.join(dir, 'pg'), () => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' }, []);
  let adminUrl = config.databaseUrl;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    // A server of this run's own (initdb takes a few seconds): runs side by side never stop each other's.
    const base = path.join(repoRoot, '.data-test');
    await removeAbandonedServers(base);
    const dataDir = path.join(base, `pg-tests-${process.pid}`);
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await findFreePort(25433),
      log: () => undefined,
      database: 'postgres',
    });
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }

  const template = `shop_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Parallel runs on one server take turns here.
    await admin.query('SELECT pg_advisory_lock(727002)');
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${template}_tmp" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
      const url = new URL(adminUrl);
      url.pathname = `/${template}_tmp`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      await runMigrations(pool);
      await pool.end();
      // Renamed only once complete, so a crash mid-way never leaves a half-migrated template.
      await admin.query(`ALTER DATABASE "${template}_tmp" RENAME TO "${template}"`);
    }
    await admin.query('SELECT pg_advisory_unlock(727002)');
  } finally {
    await admin.end();
  }

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    await stop?.();
  };
}
