// How every catalog write runs: in one `withTx` transaction, and after it has committed the cached
// catalog reads are invalidated, whoever made the write (a staff route, the import, the seed).
import type { Tx } from '../../db/client.js';
import { withTx, type TxOptions } from '../../platform/tx.js';
import { bumpCatalogVersion } from './search/index.js';
import type { CatalogDeps } from './catalog.types.js';

/**
 * Runs `fn` in a transaction (`withTx`: lock timeout, retried on serialization failure or
 * deadlock) and bumps the catalog version once it has committed. Not after a rollback: nothing
 * changed. Bumping before the commit would let a concurrent read cache the old rows anew.
 */
export async function catalogWrite<T>(deps: CatalogDeps, fn: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T> {
  const result = await withTx(deps.db, fn, opts);
  await bumpCatalogVersion(deps);
  return result;
}
