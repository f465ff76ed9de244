import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.js';
import { createDatabase, type Db } from '../db/client.js';
import { appendRawEvent, createOutboxRelay, requeueDeadEvent, type EventHandler, type RelayOptions } from './outbox.js';
import { eventOutbox } from './outbox.tables.js';

const silent = pino({ level: 'silent' });

/** A handler that records each delivery in `deliveries`, inside its transaction. */
function recorder(name: string, eventTypes: EventHandler['eventTypes'] = '*', worker = 'main'): EventHandler {
  return {
    name,
    eventTypes,
    async handle(tx, event) {
      await tx.execute(sql`INSERT INTO deliveries (event_id, handler, worker) VALUES (${event.id}, ${name}, ${worker})`);
    },
  };
}

function relay(db: Db, handlers: EventHandler[], over: Partial<RelayOptions> = {}) {
  return createOutboxRelay({
    db,
    handlers,
    batchSize: 10,
    maxAttempts: 5,
    backoffBaseMs: 100,
    backoffMaxMs: 60_000,
    leaseMs: 30_000,
    pollMs: 20,
    log: silent,
    ...over,
  });
}

async function append(db: Db, n: number, eventType = 'order.created') {
  const ids: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      ids.push((await appendRawEvent(tx, { aggregateType: 'order', aggregateId: `o-${i}`, eventType, payload: { i } })).id);
    }
  });
  return ids;
}

async function deliveries(db: Db) {
  const r = await db.execute<{ event_id: string; handler: string }>(sql`SELECT event_id, handler FROM deliveries`);
  return r.rows;
}

const statusOf = async (db: Db, id: string) => (await db.select().from(eventOutbox).where(eq(eventOutbox.id, id)))[0]!;

describe('outbox', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ poolMax: 4 });
    await t.db.execute(
      sql`CREATE TABLE deliveries (event_id uuid NOT NULL, handler text NOT NULL, worker text NOT NULL DEFAULT 'main', at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE deliveries, event_outbox CASCADE`);
  });
  afterAll(() => t.destroy());

  it('refuses a handle that is not a transaction', async () => {
    await expect(appendRawEvent(t.db as never, { aggregateType: 'x', aggregateId: '1', eventType: 'x.done', payload: {} })).rejects.toThrow(
      /transaction/,
    );
  });

  it('never delivers events appended in a rolled-back transaction', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await appendRawEvent(tx, { aggregateType: 'order', aggregateId: 'o-1', eventType: 'order.created', payload: {} });
        throw new Error('checkout failed');
      }),
    ).rejects.toThrow('checkout failed');
    const [committed] = await append(t.db, 1);

    const r = relay(t.db, [recorder('audit')]);
    while ((await r.runOnce()) > 0);

    expect(await deliveries(t.db)).toEqual([{ event_id: committed, handler: 'audit' }]);
    expect(await t.db.select().from(eventOutbox)).toHaveLength(1);
  });

  it('delivers committed events to each handler exactly once while two workers with separate pools race', async () => {
    const poolB = createDatabase({ url: t.url, max: 4 });
    try {
      const ids = await append(t.db, 300);
      const handlers = (w: string) => [
        recorder('audit', '*', w),
        recorder('mailer', ['order.created'], w),
        recorder('never', ['order.paid'], w),
      ];
      const a = relay(t.db, handlers('a'), { batchSize: 7 });
      const b = relay(poolB.db, handlers('b'), { batchSize: 7 });
      const pending = async () => (await t.db.select().from(eventOutbox).where(eq(eventOutbox.status, 'pending'))).length;
      a.start();
      b.start();
      const deadline = Date.now() + 30_000;
      while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await Promise.all([a.stop(), b.stop()]);

      const rows = await deliveries(t.db);
      expect(rows).toHaveLength(600);
      const perHandler = (name: string) =>
        rows
          .filter((r) => r.handler === name)
          .map((r) => r.event_id)
          .sort();
      expect(perHandler('audit')).toEqual([...ids].sort());
      expect(perHandler('mailer')).toEqual([...ids].sort());
      expect(perHandler('never')).toEqual([]);
      // Both workers took part.
      const byWorker = await t.db.execute<{ worker: string; n: number }>(
        sql`SELECT worker, count(*)::int AS n FROM deliveries GROUP BY worker ORDER BY worker`,
      );
      expect(byWorker.rows.map((r) => r.worker)).toEqual(['a', 'b']);
      const sent = await t.db.select().from(eventOutbox).where(eq(eventOutbox.status, 'sent'));
      expect(sent).toHaveLength(300);
    } finally {
      await poolB.close();
    }
  });

  it('runs no handler twice when a worker dies mid-batch and another takes the events over', async () => {
    const poolA = createDatabase({ url: t.url, max: 2, applicationName: 'dying-worker' });
    const [id] = await append(t.db, 1);
    let hung = false;
    const hangs: EventHandler = {
      name: 'slow',
      eventTypes: '*',
      async handle(tx, event) {
        await tx.execute(sql`INSERT INTO deliveries (event_id, handler) VALUES (${event.id}, 'slow')`);
        hung = true;
        await new Promise(() => undefined); // the worker dies here, its transaction open
      },
    };
    const dying = relay(poolA.db, [recorder('first'), hangs], { leaseMs: 300 });
    void dying.runOnce().catch(() => undefined);
    while (!hung) await new Promise((r) => setTimeout(r, 10));
    // The process is gone: its connections drop and its open transaction rolls back.
    await t.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dying-worker'`);
    await new Promise((r) => setTimeout(r, 350)); // the lease runs out

    const survivor = relay(t.db, [recorder('first'), recorder('slow')], { leaseMs: 300 });
    while ((await survivor.runOnce()) > 0);

    const rows = await deliveries(t.db);
    expect(rows.filter((r) => r.handler === 'first')).toHaveLength(1);
    expect(rows.filter((r) => r.handler === 'slow')).toHaveLength(1);
    expect((await statusOf(t.db, id!)).status).toBe('sent');
    // The dead worker's transaction never settles, so its pool cannot drain: leave it.
    void poolA.close().catch(() => undefined);
  });

  it('retries a failing handler with growing delays and marks the event dead after the maximum', async () => {
    const [id] = await append(t.db, 1);
    let calls = 0;
    const failing: EventHandler = {
      name: 'flaky',
      eventTypes: '*',
      async handle() {
        calls++;
        throw new Error(`smtp refused (call ${calls})`);
      },
    };
    const r = relay(t.db, [failing], { maxAttempts: 4, backoffBaseMs: 200 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      // Make the event due now, as time passing would, and remember how far out it had been pushed.
      const before = await statusOf(t.db, id!);
      await t.db
        .update(eventOutbox)
        .set({ nextRunAt: sql`now()` })
        .where(eq(eventOutbox.id, id!));
      expect(await r.runOnce()).toBe(1);
      const after = await statusOf(t.db, id!);
      expect(after.attempts).toBe(attempt);
      expect(after.lastError).toContain(`smtp refused (call ${attempt})`);
      const fail = await t.db.execute<{ delay_ms: number }>(
        sql`SELECT (extract(epoch FROM next_run_at - now()) * 1000)::int AS delay_ms FROM event_outbox WHERE id = ${id}`,
      );
      delays.push(fail.rows[0]!.delay_ms);
      if (attempt < 4) expect(after.status).toBe('pending');
      expect(before.status).toBe('pending');
    }
    const dead = await statusOf(t.db, id!);
    expect(dead.status).toBe('dead');
    expect(calls).toBe(4);
    // Each wait is longer than the one before (exponential backoff; jitter stays within ±20%).
    for (let i = 1; i < 3; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
    expect(delays[0]!).toBeGreaterThan(100);

    // Dead stays dead: the relay does not pick it up again.
    await t.db
      .update(eventOutbox)
      .set({ nextRunAt: sql`now()` })
      .where(eq(eventOutbox.id, id!));
    expect(await r.runOnce()).toBe(0);
    expect(calls).toBe(4);
  });

  it('runs a handler’s after-commit step once its transaction has committed, and not for a failed or repeated delivery', async () => {
    const [first, second] = await append(t.db, 2);
    const seen: Array<{ id: string; committed: boolean }> = [];
    const handler: EventHandler = {
      name: 'cache-invalidator',
      eventTypes: '*',
      async handle(tx, event) {
        if ((event.payload as { i: number }).i === 1) throw new Error('refused');
        await tx.execute(sql`INSERT INTO deliveries (event_id, handler) VALUES (${event.id}, 'cache-invalidator')`);
      },
      async afterCommit(event) {
        // another connection sees the handler's row: the transaction has committed
        const r = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM deliveries WHERE event_id = ${event.id}`);
        seen.push({ id: event.id, committed: r.rows[0]!.n === 1 });
      },
    };
    const r = relay(t.db, [handler], { maxAttempts: 1 });
    await r.runOnce();
    expect(seen).toEqual([{ id: first, committed: true }]);
    expect((await statusOf(t.db, second!)).status).toBe('dead');
    // Delivered again (staff requeue it after it was consumed): the ledger skips it, and so does the step.
    await t.db
      .update(eventOutbox)
      .set({ status: 'pending', nextRunAt: sql`now()` })
      .where(eq(eventOutbox.id, first!));
    await r.runOnce();
    expect(seen).toHaveLength(1);
  });

  it('delivers a dead event once staff put it back to pending', async () => {
    const [id] = await append(t.db, 1);
    let healthy = false;
    const handler: EventHandler = {
      name: 'erp-sync',
      eventTypes: '*',
      async handle(tx, event) {
        if (!healthy) throw new Error('ERP down');
        await tx.execute(sql`INSERT INTO deliveries (event_id, handler) VALUES (${event.id}, 'erp-sync')`);
      },
    };
    const r = relay(t.db, [handler], { maxAttempts: 1 });
    await r.runOnce();
    expect((await statusOf(t.db, id!)).status).toBe('dead');
    await expect(requeueDeadEvent(t.db, { eventId: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({
      code: 'OUTBOX_EVENT_NOT_DEAD',
    });

    healthy = true;
    const requeued = await requeueDeadEvent(t.db, { eventId: id! });
    expect(requeued).toMatchObject({ status: 'pending', attempts: 0 });
    await r.runOnce();

    expect((await statusOf(t.db, id!)).status).toBe('sent');
    expect(await deliveries(t.db)).toEqual([{ event_id: id, handler: 'erp-sync' }]);
    await expect(requeueDeadEvent(t.db, { eventId: id! })).rejects.toMatchObject({ status: 409 });
  });
});
