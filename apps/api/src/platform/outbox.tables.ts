import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const outboxStatuses = ['pending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Events written in the same transaction as the change they describe. */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    aggregateType: text().notNull(),
    aggregateId: text().notNull(),
    eventType: text().notNull(),
    payload: jsonb().notNull(),
    status: text({ enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextRunAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The relay's claim query: due pending events, oldest first.
    index('event_outbox_due_idx')
      .on(t.nextRunAt, t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    index('event_outbox_aggregate_idx').on(t.aggregateType, t.aggregateId),
    index('event_outbox_dead_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'dead'`),
  ],
);

/** Which handler has already processed which event: makes each handler run at most once per event. */
export const outboxConsumerLedger = pgTable(
  'outbox_consumer_ledger',
  {
    eventId: uuid()
      .notNull()
      .references(() => eventOutbox.id, { onDelete: 'cascade' }),
    handler: text().notNull(),
    processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.handler] })],
);
