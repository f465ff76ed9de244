import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { scheduledJobs } from './scheduler.tables.js';

/** Creates the job's row, or updates its interval; a job already scheduled keeps its next run. */
export async function upsertJob(db: Db, name: string, intervalMs: number): Promise<void> {
  await db.insert(scheduledJobs).values({ name, intervalMs }).onConflictDoUpdate({ target: scheduledJobs.name, set: { intervalMs } });
}

/**
 * Takes one due, unlocked job among `names` for `workerId` until the lease ends. Only one process
 * gets a given job for a given due time.
 */
export async function claimDueJob(db: Db, names: string[], workerId: string, leaseMs: number) {
  if (names.length === 0) return undefined;
  const [row] = await db
    .update(scheduledJobs)
    .set({
      lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
      lockedBy: workerId,
      lastStartedAt: sql`now()`,
    })
    .where(
      sql`${scheduledJobs.name} = (
        SELECT name FROM ${scheduledJobs}
         WHERE name = ANY(${sql.param(names)}::text[]) AND next_run_at <= now()
           AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_run_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
  return row;
}

export async function finishJob(db: Db, name: string, workerId: string, error: string | null): Promise<void> {
  await db
    .update(scheduledJobs)
    .set({
      nextRunAt: sql`now() + make_interval(secs => ${scheduledJobs.intervalMs} / 1000.0)`,
      lockedUntil: null,
      lockedBy: null,
      lastFinishedAt: sql`now()`,
      lastError: error,
      runCount: sql`${scheduledJobs.runCount} + 1`,
    })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.lockedBy, workerId)));
}
