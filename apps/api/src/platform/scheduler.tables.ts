import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per recurring job; the row is the lock, so any number of processes may run schedulers. */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text().primaryKey(),
  intervalMs: integer().notNull(),
  nextRunAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
  lockedBy: text(),
  lastStartedAt: timestamp({ withTimezone: true }),
  lastFinishedAt: timestamp({ withTimezone: true }),
  lastError: text(),
  runCount: integer().notNull().default(0),
});
