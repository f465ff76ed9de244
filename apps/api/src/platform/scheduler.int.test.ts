import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.js';
import { createDatabase } from '../db/client.js';
import { createScheduler, type ScheduledJob } from './scheduler.js';
import { scheduledJobs } from './scheduler.tables.js';

const silent = pino({ level: 'silent' });

describe('scheduler', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('runs a due job once even when several processes race for it', async () => {
    const other = createDatabase({ url: t.url, max: 2 });
    let runs = 0;
    const job: ScheduledJob = {
      name: 'reservations.expire',
      intervalMs: 60_000,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
      },
    };
    const schedulers = [t.db, other.db, t.db, other.db].map((db) =>
      createScheduler({ db, jobs: [job], pollMs: 10, leaseMs: 60_000, log: silent }),
    );
    try {
      await schedulers[0]!.register();
      const ran = await Promise.all(schedulers.map((s) => s.runDue()));
      expect(runs).toBe(1);
      expect(ran.flat()).toEqual(['reservations.expire']);

      // Not due again until its interval has passed.
      expect((await Promise.all(schedulers.map((s) => s.runDue()))).flat()).toEqual([]);
      const [row] = await t.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, job.name));
      expect(row).toMatchObject({ runCount: 1, lockedBy: null, lastError: null });
      expect(row!.nextRunAt.getTime() - row!.lastFinishedAt!.getTime()).toBeGreaterThanOrEqual(59_000);
    } finally {
      await other.close();
    }
  });

  it('records a failure, releases the lock and runs the job at its next turn', async () => {
    let fail = true;
    const job: ScheduledJob = {
      name: 'payments.reconcile',
      intervalMs: 1_000,
      run: async () => {
        if (fail) throw new Error('provider timeout');
      },
    };
    const s = createScheduler({ db: t.db, jobs: [job], pollMs: 10, leaseMs: 60_000, log: silent });
    await s.register();
    expect(await s.runDue()).toEqual(['payments.reconcile']);
    const [failed] = await t.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, job.name));
    expect(failed).toMatchObject({ lastError: 'provider timeout', lockedBy: null });

    fail = false;
    await t.db
      .update(scheduledJobs)
      .set({ nextRunAt: sql`now()` })
      .where(eq(scheduledJobs.name, job.name));
    expect(await s.runDue()).toEqual(['payments.reconcile']);
    const [ok] = await t.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, job.name));
    expect(ok).toMatchObject({ lastError: null, runCount: 2 });
  });

  it('takes over a job whose runner died once its lease has run out', async () => {
    const job: ScheduledJob = { name: 'outbox.prune-sent', intervalMs: 60_000, run: async () => undefined };
    const s = createScheduler({ db: t.db, jobs: [job], pollMs: 10, leaseMs: 60_000, log: silent });
    await s.register();
    // Another process claimed it and died: its lock is still there, but expired.
    await t.db
      .update(scheduledJobs)
      .set({ nextRunAt: sql`now()`, lockedBy: 'dead-process', lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(scheduledJobs.name, job.name));
    expect(await s.runDue()).toEqual(['outbox.prune-sent']);
  });
});
