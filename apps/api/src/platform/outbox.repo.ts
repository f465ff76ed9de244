import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { eventOutbox, outboxConsumerLedger } from './outbox.tables.js';

export type OutboxRow = typeof eventOutbox.$inferSelect;

export async function insertEvent(
  tx: Tx,
  e: { aggregateType: string; aggregateId: string; eventType: string; payload: unknown },
): Promise<OutboxRow> {
  const [row] = await tx.insert(eventOutbox).values(e).returning();
  return row!;
}

/**
 * Claims up to `limit` due events, oldest first. Claiming pushes `next_run_at` forward by the
 * lease, so other workers skip them; if this worker dies, they become due again after the lease.
 */
export async function claimDueEvents(db: Db, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const rows = await db
    .update(eventOutbox)
    .set({ nextRunAt: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(
      sql`${eventOutbox.id} IN (
        SELECT id FROM ${eventOutbox}
         WHERE status = 'pending' AND next_run_at <= now()
         ORDER BY created_at, id
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** Records that `handler` processed `eventId`; false when it already had (then the caller skips it). */
export async function recordConsumption(tx: Tx, eventId: string, handler: string): Promise<boolean> {
  const rows = await tx
    .insert(outboxConsumerLedger)
    .values({ eventId, handler })
    .onConflictDoNothing()
    .returning({ eventId: outboxConsumerLedger.eventId });
  return rows.length > 0;
}

export async function markSent(db: Db, id: string): Promise<void> {
  await db
    .update(eventOutbox)
    .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
    .where(and(eq(eventOutbox.id, id), eq(eventOutbox.status, 'pending')));
}

/** One more failed attempt: retried after `delayMs`, or dead when attempts reach `maxAttempts`. */
export async function markFailed(
  db: Db,
  id: string,
  input: { error: string; delayMs: number; maxAttempts: number },
): Promise<Pick<OutboxRow, 'status' | 'attempts' | 'nextRunAt'> | undefined> {
  const [row] = await db
    .update(eventOutbox)
    .set({
      attempts: sql`${eventOutbox.attempts} + 1`,
      lastError: input.error,
      status: sql`CASE WHEN ${eventOutbox.attempts} + 1 >= ${input.maxAttempts} THEN 'dead' ELSE 'pending' END`,
      nextRunAt: sql`now() + make_interval(secs => ${input.delayMs / 1000})`,
    })
    .where(and(eq(eventOutbox.id, id), eq(eventOutbox.status, 'pending')))
    .returning({ status: eventOutbox.status, attempts: eventOutbox.attempts, nextRunAt: eventOutbox.nextRunAt });
  return row;
}

export async function listDead(db: Db, limit: number): Promise<OutboxRow[]> {
  return db.select().from(eventOutbox).where(eq(eventOutbox.status, 'dead')).orderBy(asc(eventOutbox.createdAt)).limit(limit);
}

/** Puts a dead event back to pending with a fresh attempt budget; undefined when it is not dead. */
export async function requeueDead(db: Db, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db
    .update(eventOutbox)
    .set({ status: 'pending', attempts: 0, nextRunAt: sql`now()` })
    .where(and(eq(eventOutbox.id, id), eq(eventOutbox.status, 'dead')))
    .returning();
  return row;
}

export async function deleteSentBefore(db: Db, days: number): Promise<number> {
  const rows = await db
    .delete(eventOutbox)
    .where(and(eq(eventOutbox.status, 'sent'), sql`${eventOutbox.sentAt} < now() - make_interval(days => ${days})`))
    .returning({ id: eventOutbox.id });
  return rows.length;
}
