import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

/**
 * The database handle. It carries no module's tables in its type: each repository imports the
 * tables it owns (db/schema.ts gathers them all for drizzle-kit only).
 */
export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A pool handle or a transaction: what a repository read takes. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

// int8 (bigint) columns and COUNT(*) come back as strings by default; money and counters
// here stay far below 2^53, so numbers are safe and much nicer to work with.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/** Opens a pool and a Drizzle handle on it. */
export function createDatabase(opts: { url: string; max: number; applicationName?: string; connectionTimeoutMs?: number }): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max,
    application_name: opts.applicationName ?? 'shop',
    idleTimeoutMillis: 30_000,
    // A request waiting longer for a free connection fails (answered 503 BUSY) rather than queueing on.
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
  });
  // A client losing its connection (server restart, terminated backend) must not crash the
  // process: the query in flight fails on its own, and the pool drops the broken client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle(pool, { casing: 'snake_case' });
  let closed = false;
  return {
    db,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
