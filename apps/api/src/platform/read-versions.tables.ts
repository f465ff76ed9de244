import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The version of a shop-wide set of rows that processes keep parsed in memory (the running
 * promotions, the stacking policy, the shipping methods). A trigger on the rows' tables sets it,
 * in the writing transaction, to the next value of one sequence that never repeats, so a process
 * that read a set under a version knows it is current while the version is unchanged. Rows:
 * `pricing` (promotions, the stacking policy), `shipping` (the shipping methods).
 */
export const readVersions = pgTable('read_versions', {
  name: text().primaryKey(),
  version: bigint({ mode: 'number' }).notNull(),
});
