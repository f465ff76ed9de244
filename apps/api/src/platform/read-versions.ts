// Shop-wide sets of rows kept parsed in process memory, valid while their read version (set by a
// trigger in every transaction that writes them, see read-versions.tables.ts) is unchanged. The
// version is read from the database on every use, so a write in any process is seen by every
// process on its next read; the memory holds nothing the database has not just confirmed.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

export type ReadVersionName = 'pricing' | 'shipping';
export type ReadVersions = Partial<Record<ReadVersionName, number>>;

/** The current versions, in one statement. */
export async function readVersions(db: DbOrTx): Promise<ReadVersions> {
  const { rows } = await db.execute<{ name: string; version: string | number }>(sql`SELECT name, version FROM read_versions`);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.version)]));
}

/**
 * A value loaded under a version, one per database handle. `get` answers the kept value when it was
 * loaded under `version`, else loads it (after `version` was read, so it is at least that new) and
 * keeps it under `version`. Without a version (`undefined`) it always loads.
 */
export function versionedValue<T>(): { get(db: object, version: number | undefined, load: () => Promise<T>): Promise<T> } {
  const kept = new WeakMap<object, { version: number; value: Promise<T> }>();
  return {
    async get(db, version, load) {
      if (version === undefined) return load();
      const hit = kept.get(db);
      if (hit && hit.version === version) return hit.value;
      const value = load();
      kept.set(db, { version, value });
      value.catch(() => {
        if (kept.get(db)?.value === value) kept.delete(db);
      });
      return value;
    },
  };
}
