import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys of checkout, per shopper (`scope`: the user, or the guest's cart): the hash of
 * the request body and the answer to replay. The row is inserted first thing in the checkout's
 * transaction (a duplicate request waits on it) and holds the answer when that transaction commits;
 * a checkout that fails leaves no row. Rows older than a day are deleted by a job.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    orderId: uuid().notNull(),
    /** Null only inside the checkout's own transaction, until the answer is known. */
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('idempotency_keys_expiry_idx').on(t.expiresAt),
    index('idempotency_keys_order_idx').on(t.orderId),
  ],
);
