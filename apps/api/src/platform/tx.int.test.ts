import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.js';
import type { Tx } from '../db/client.js';
import { DEFAULT_LOCK_TIMEOUT_MS, sqlState, withTx } from './tx.js';

/** Raises `state` inside the transaction, as PostgreSQL does when it aborts one. */
const raise = (tx: Tx, state: string) =>
  tx.execute(sql.raw(`DO $$ BEGIN RAISE EXCEPTION 'simulated ${state}' USING ERRCODE = '${state}'; END $$`));

const noPause = async () => undefined;

describe('withTx on PostgreSQL', () => {
  let t: TestDatabase;
  const rows = async () => (await t.db.execute<{ id: number; note: string }>(sql`SELECT id, note FROM tx_probe ORDER BY id`)).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.execute(sql`CREATE TABLE tx_probe (id int PRIMARY KEY, note text NOT NULL)`);
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE tx_probe`);
  });
  afterAll(() => t.destroy());

  it.each([
    ['a serialization failure', '40001'],
    ['a deadlock', '40P01'],
  ])('runs the function again after %s (%s) and commits only the second attempt', async (_what, state) => {
    let calls = 0;
    const pauses: number[] = [];
    const result = await withTx(
      t.db,
      async (tx) => {
        calls++;
        await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (${calls}, ${`attempt ${calls}`})`);
        if (calls === 1) await raise(tx, state);
        return calls;
      },
      { sleep: async (ms) => void pauses.push(ms) },
    );
    expect(result).toBe(2);
    expect(calls).toBe(2);
    expect(await rows()).toEqual([{ id: 2, note: 'attempt 2' }]);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThanOrEqual(10);
    expect(pauses[0]).toBeLessThanOrEqual(50);
  });

  it('throws a unique violation (23505) at once, after one run', async () => {
    await t.db.execute(sql`INSERT INTO tx_probe (id, note) VALUES (1, 'there first')`);
    let calls = 0;
    const err = await withTx(
      t.db,
      async (tx) => {
        calls++;
        await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (2, 'rolled back')`);
        await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (1, 'duplicate')`);
      },
      { sleep: noPause },
    ).catch((e: unknown) => e);
    expect(sqlState(err)).toBe('23505');
    expect(calls).toBe(1);
    expect(await rows()).toEqual([{ id: 1, note: 'there first' }]);
  });

  it('gives up after maxAttempts and throws the last 40001', async () => {
    let calls = 0;
    const err = await withTx(
      t.db,
      async (tx) => {
        calls++;
        await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (${calls}, 'never committed')`);
        await raise(tx, '40001');
      },
      { maxAttempts: 4, sleep: noPause },
    ).catch((e: unknown) => e);
    expect(sqlState(err)).toBe('40001');
    expect(calls).toBe(4);
    expect(await rows()).toEqual([]);
  });

  it('sets the lock timeout for the transaction only', async () => {
    const shown = (tx: Tx) => tx.execute<{ lock_timeout: string }>(sql`SHOW lock_timeout`).then((r) => r.rows[0]!.lock_timeout);
    expect(await withTx(t.db, shown, { lockTimeoutMs: 250 })).toBe('250ms');
    expect(DEFAULT_LOCK_TIMEOUT_MS).toBe(5_000);
    expect(await withTx(t.db, shown)).toBe('5s');
    // SET LOCAL: the pooled connection goes back with the server's default.
    expect((await t.db.execute<{ lock_timeout: string }>(sql`SHOW lock_timeout`)).rows[0]!.lock_timeout).toBe('0');
  });

  it('fails a lock wait longer than lockTimeoutMs with 55P03, without retrying it', async () => {
    await t.db.execute(sql`INSERT INTO tx_probe (id, note) VALUES (1, 'locked')`);
    const holder = await t.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM tx_probe WHERE id = 1 FOR UPDATE');
      let calls = 0;
      const started = Date.now();
      const err = await withTx(
        t.db,
        async (tx) => {
          calls++;
          await tx.execute(sql`UPDATE tx_probe SET note = 'waited' WHERE id = 1`);
        },
        { lockTimeoutMs: 200, sleep: noPause },
      ).catch((e: unknown) => e);
      const waited = Date.now() - started;
      expect(sqlState(err)).toBe('55P03');
      expect(calls).toBe(1);
      expect(waited).toBeGreaterThanOrEqual(150);
      expect(waited).toBeLessThan(5_000);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect(await rows()).toEqual([{ id: 1, note: 'locked' }]);
  });
});
