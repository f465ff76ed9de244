import { count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { mailMessages } from './notifications.tables.js';

export type MailRow = typeof mailMessages.$inferSelect;
export type NewMailRow = typeof mailMessages.$inferInsert;

export async function findByEventId(tx: Tx, eventId: string): Promise<MailRow | undefined> {
  const [row] = await tx.select().from(mailMessages).where(eq(mailMessages.eventId, eventId));
  return row;
}

/** Inserts the mail unless one for the same event exists; undefined then. */
export async function insertMessage(tx: Tx, row: NewMailRow): Promise<MailRow | undefined> {
  const [inserted] = await tx.insert(mailMessages).values(row).onConflictDoNothing().returning();
  return inserted;
}

const recipientIs = (to: string | undefined): SQL | undefined =>
  to === undefined ? undefined : sql`lower(${mailMessages.to}) = lower(${to})`;

/** Newest first; `to` matches the whole address, ignoring case. */
export async function listMessages(
  db: Db,
  input: { to: string | undefined; limit: number; offset: number },
): Promise<{ rows: MailRow[]; total: number }> {
  const where = recipientIs(input.to);
  const rows = await db
    .select()
    .from(mailMessages)
    .where(where)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(input.limit)
    .offset(input.offset);
  const [totals] = await db.select({ n: count() }).from(mailMessages).where(where);
  return { rows, total: totals?.n ?? 0 };
}

export async function findById(db: Db, id: string): Promise<MailRow | undefined> {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return row;
}
