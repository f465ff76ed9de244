// The benchmark catalog in a bench database: reused when the database holds the same N of the same
// data version (recorded in `bench_meta`), else the database is recreated and loaded again.
import { DATA_VERSION, loadCatalog, type LoadReport } from '../catalog/load.js';
import type { BenchDatabase } from './db.js';

export async function ensureCatalog(
  bench: BenchDatabase,
  o: { products: number; rebuild: boolean },
  log: (m: string) => void,
): Promise<{ load: LoadReport; reused: boolean }> {
  await bench.pool.query(`CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
  const meta = (
    await bench.pool.query<{ value: { products: number; version: number; load: LoadReport } }>(
      `SELECT value FROM bench_meta WHERE key = 'catalog'`,
    )
  ).rows[0]?.value;
  if (!o.rebuild && meta && meta.products === o.products && meta.version === DATA_VERSION) {
    log(`reusing ${o.products.toLocaleString('en')} products loaded earlier (in ${meta.load.seconds.total} s); --rebuild to load again`);
    return { load: meta.load, reused: true };
  }
  // whatever is there (another N, an older data version, a load cut short) goes
  log('recreating the database');
  await bench.recreate();
  log(`loading ${o.products.toLocaleString('en')} products`);
  const load = await loadCatalog(bench.pool, o.products, log);
  await bench.pool.query(`CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
  await bench.pool.query(`INSERT INTO bench_meta VALUES ('catalog', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [
    JSON.stringify({ products: o.products, version: DATA_VERSION, load, at: new Date().toISOString() }),
  ]);
  log(
    `loaded in ${load.seconds.total} s (rows ${load.seconds.rows} s, indexes ${load.seconds.indexes} s, postings ${load.seconds.postings ?? 0} s, vacuum/analyze ${load.seconds.analyze} s)`,
  );
  return { load, reused: false };
}
