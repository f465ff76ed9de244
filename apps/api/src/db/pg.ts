// Small PostgreSQL facts every repository needs.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Db } from './client.js';

/** The constraint a statement broke with a unique violation (23505), if that is what happened. */
export function uniqueViolation(err: unknown): string | undefined {
  // Drizzle wraps the driver's error: the code may sit on the error or on its cause.
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = e.code === '23505' ? e : e.cause?.code === '23505' ? e.cause : undefined;
  return c?.constraint;
}

/**
 * An array as one bound parameter (`$1::text[]`): the statement's text does not depend on how many
 * values there are, so prepared plans are shared.
 */
export const arrayParam = (xs: readonly (string | number)[], type: 'text' | 'uuid' | 'int') => sql`${sql.param(xs)}::${sql.raw(type)}[]`;

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * Runs a statement as a named prepared statement with a generic plan: each connection parses and
 * plans a given text once and reuses the plan. For hot statements whose planning costs as much as
 * running them, and whose plan does not depend on their parameters: keep the numbers that shape
 * the plan (LIMIT) in the text. The setting affects named statements only (Drizzle's are unnamed).
 */
export async function executePrepared<T>(db: Db, query: SQL): Promise<T[]> {
  const { sql: text, params } = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
  const name = statementName(text);
  const client = await (db as unknown as { $client: Pool }).$client.connect();
  try {
    if (!genericPlans.has(client)) {
      await client.query('SET plan_cache_mode = force_generic_plan');
      genericPlans.add(client);
    }
    return (await client.query<T & QueryResultRow>({ name, text, values: params })).rows;
  } finally {
    client.release();
  }
}
const genericPlans = new WeakSet<PoolClient>();

/** Statement names by text, remembered (a hash of a few kB per request is not free); bounded. */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= 1_000) names.clear();
    name = `p_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
