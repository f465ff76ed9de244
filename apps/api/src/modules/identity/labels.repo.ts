import { eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { users } from './identity.tables.js';

/** Email and display name of each of `ids` that exists (for logs staff read). */
export async function userLabels(db: Db, ids: readonly string[]): Promise<Map<string, { email: string; displayName: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, { email: r.email, displayName: r.displayName }]));
}

/** Whether the user exists and may act (`active`), for checkout in its transaction; undefined when there is no such user. */
export async function userStatus(db: DbOrTx, id: string): Promise<'active' | 'disabled' | undefined> {
  const [row] = await db.select({ status: users.status }).from(users).where(eq(users.id, id));
  return row?.status;
}
