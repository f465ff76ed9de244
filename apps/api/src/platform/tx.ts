import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';

export interface TxOptions {
  /**
   * `SET LOCAL lock_timeout` for this transaction, in ms: a statement waiting longer for a row or
   * table lock fails with SQLSTATE 55P03 instead of queueing behind a long writer. 0 waits forever.
   */
  lockTimeoutMs?: number;
  /** Attempts in all (first try included) when PostgreSQL aborts with 40001 or 40P01. */
  maxAttempts?: number;
  isolationLevel?: 'read committed' | 'repeatable read' | 'serializable';
  /** Source of jitter and the pause between attempts; injectable for tests. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;
export const DEFAULT_TX_ATTEMPTS = 3;

/** SQLSTATEs after which running the whole transaction again can succeed. */
const RETRYABLE = new Set(['40001', '40P01']);

/** An error and the errors it wraps (drizzle wraps the driver's error in `cause`), five deep at most. */
function* causes(err: unknown): Generator<object> {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

/** The SQLSTATE of a database error, looking through wrappers. */
export function sqlState(err: unknown): string | undefined {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** True when every pooled connection stayed busy past the pool's wait (pg-pool says so only in its message). */
export function isPoolTimeout(err: unknown): boolean {
  for (const e of causes(err)) if (e instanceof Error && e.message === 'timeout exceeded when trying to connect') return true;
  return false;
}

/** True for a serialization failure or a deadlock: the transaction was rolled back and may simply be run again. */
export function isRetryableTxError(err: unknown): boolean {
  const state = sqlState(err);
  return state !== undefined && RETRYABLE.has(state);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` in one transaction: every use case that writes goes through here. Sets a local lock
 * timeout, and when PostgreSQL aborts the transaction with a serialization failure or a deadlock
 * (40001, 40P01) runs `fn` again from the start, up to `maxAttempts` in all, after a short random
 * pause (so two transactions that deadlocked do not meet again in step). Any other error, a
 * constraint violation included, is thrown at once. Since `fn` may run more than once, it must not
 * do anything outside the database (no network call belongs inside a transaction anyway).
 */
export async function withTx<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  const lockTimeoutMs = Math.max(0, Math.floor(opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS));
  const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_TX_ATTEMPTS);
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(
        async (tx) => {
          // SET cannot take a bind parameter; the value is an integer we computed.
          await tx.execute(sql.raw(`SET LOCAL lock_timeout = ${lockTimeoutMs}`));
          return fn(tx);
        },
        opts.isolationLevel ? { isolationLevel: opts.isolationLevel } : undefined,
      );
    } catch (err) {
      if (attempt >= maxAttempts || !isRetryableTxError(err)) throw err;
      // 10–50 ms, growing with each attempt.
      await sleep(Math.round((10 + 40 * random()) * attempt));
    }
  }
}
