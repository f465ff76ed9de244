import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, urlFor } from '../../test/harness.js';
import { repoRoot } from '../config.js';
import { assertDatabaseLocale, DatabaseLocaleError } from './checks.js';
import { createDatabase } from './client.js';

describe('database locale check', () => {
  const name = `t_ctype_c_${process.pid}`;
  beforeAll(() => adminQuery(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('refuses a database with C ctype, naming the fix', async () => {
    const database = createDatabase({ url: urlFor(name), max: 1 });
    try {
      const err = await assertDatabaseLocale(database.pool).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseLocaleError);
      expect((err as Error).message).toContain(`LC_CTYPE C`);
      expect((err as Error).message).toContain(`TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`);
    } finally {
      await database.close();
    }
  });

  it('is refused at start: the app exits non-zero with the fix on stderr and creates nothing', async () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/api/src/main.ts')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, DATABASE_URL: urlFor(name), PORT: '23999', LOG_LEVEL: 'fatal' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('pg_trgm silently drops Chinese');
    expect(r.stderr).toContain(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`);
    const database = createDatabase({ url: urlFor(name), max: 1 });
    try {
      const { rows } = await database.pool.query(
        `SELECT to_regclass('drizzle.__drizzle_migrations') AS t, to_regclass('event_outbox') AS o`,
      );
      expect(rows[0]).toEqual({ t: null, o: null });
    } finally {
      await database.close();
    }
  });
});
