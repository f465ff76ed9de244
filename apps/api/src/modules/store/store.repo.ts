import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { legalPages, paymentSettings, storeSettings } from './store.tables.js';

export type SettingsRow = typeof storeSettings.$inferSelect;
export type SettingsValuesRow = Omit<typeof storeSettings.$inferInsert, 'id' | 'version' | 'updatedAt'>;
export type LegalPageRow = typeof legalPages.$inferSelect;
type Slug = LegalPageRow['slug'];
type DbOrTx = Db | Tx;

export async function findSettings(db: DbOrTx): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(storeSettings).where(eq(storeSettings.id, 1));
  return row;
}

/** Adds the row when there is none; resolves whether it did (concurrent callers: exactly one does). */
export async function insertSettingsIfAbsent(db: DbOrTx, values: SettingsValuesRow): Promise<boolean> {
  const rows = await db
    .insert(storeSettings)
    .values({ ...values, id: 1, version: 1 })
    .onConflictDoNothing({ target: storeSettings.id })
    .returning({ id: storeSettings.id });
  return rows.length > 0;
}

/** Saves over `version` in one conditional UPDATE; undefined when the row is at another version. */
export async function updateSettingsAt(tx: Tx, version: number, values: SettingsValuesRow): Promise<SettingsRow | undefined> {
  const [row] = await tx
    .update(storeSettings)
    .set({ ...values, version: sql`${storeSettings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(storeSettings.id, 1), eq(storeSettings.version, version)))
    .returning();
  return row;
}

export async function findPage(db: DbOrTx, slug: Slug): Promise<LegalPageRow | undefined> {
  const [row] = await db.select().from(legalPages).where(eq(legalPages.slug, slug));
  return row;
}

/** Adds the page when it is absent; resolves whether it did. */
export async function insertPageIfAbsent(
  db: DbOrTx,
  values: { slug: Slug; body: LegalPageRow['body']; updatedBy?: string | null },
): Promise<boolean> {
  const rows = await db
    .insert(legalPages)
    .values({ ...values, version: 1 })
    .onConflictDoNothing({ target: legalPages.slug })
    .returning({ slug: legalPages.slug });
  return rows.length > 0;
}

/** Saves a page over `version` in one conditional UPDATE; undefined when it is at another version. */
export async function updatePageAt(
  tx: Tx,
  slug: Slug,
  version: number,
  values: { body: LegalPageRow['body']; updatedBy: string | null },
): Promise<LegalPageRow | undefined> {
  const [row] = await tx
    .update(legalPages)
    .set({ ...values, version: sql`${legalPages.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(legalPages.slug, slug), eq(legalPages.version, version)))
    .returning();
  return row;
}

/** The version a row is at now (0 when absent): what a refused save reports. */
export async function currentSettingsVersion(db: DbOrTx): Promise<number> {
  return (await findSettings(db))?.version ?? 0;
}

export async function currentPageVersion(db: DbOrTx, slug: Slug): Promise<number> {
  return (await findPage(db, slug))?.version ?? 0;
}

export type PaymentSettingsRow = typeof paymentSettings.$inferSelect;
export type PaymentSettingsValuesRow = Omit<typeof paymentSettings.$inferInsert, 'id' | 'version' | 'updatedAt'>;

export async function findPaymentSettings(db: DbOrTx): Promise<PaymentSettingsRow | undefined> {
  const [row] = await db.select().from(paymentSettings).where(eq(paymentSettings.id, 1));
  return row;
}

/** Adds the row when there is none; resolves whether it did. */
export async function insertPaymentSettingsIfAbsent(db: DbOrTx, values: PaymentSettingsValuesRow): Promise<boolean> {
  const rows = await db
    .insert(paymentSettings)
    .values({ ...values, id: 1, version: 1 })
    .onConflictDoNothing({ target: paymentSettings.id })
    .returning({ id: paymentSettings.id });
  return rows.length > 0;
}

/** Saves over `version` in one conditional UPDATE; undefined when the row is at another version. */
export async function updatePaymentSettingsAt(
  tx: Tx,
  version: number,
  values: PaymentSettingsValuesRow,
): Promise<PaymentSettingsRow | undefined> {
  const [row] = await tx
    .update(paymentSettings)
    .set({ ...values, version: sql`${paymentSettings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(paymentSettings.id, 1), eq(paymentSettings.version, version)))
    .returning();
  return row;
}

export async function currentPaymentSettingsVersion(db: DbOrTx): Promise<number> {
  return (await findPaymentSettings(db))?.version ?? 0;
}
