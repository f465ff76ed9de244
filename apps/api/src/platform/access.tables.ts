import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * ABAC policies, evaluated by platform/abac.ts. They live in the platform, not in
 * identity, because every module's services ask `authorize` before touching data.
 */
export const abacPolicies = pgTable('abac_policies', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  description: text().notNull().default(''),
  effect: text({ enum: ['allow', 'deny'] }).notNull(),
  actions: text().array().notNull(),
  resourceTypes: text().array().notNull(),
  conditions: jsonb()
    .notNull()
    .default(sql`'[]'::jsonb`),
  enabled: boolean().notNull().default(true),
  builtIn: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
