// The pricing module's only SQL. Plain typed rows in and out; the rules live in the services.
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import {
  couponCodes,
  pricingSettings,
  promotionCustomerUses,
  promotionRedemptions,
  promotions,
  type PromotionStatus,
} from './pricing.tables.js';
import type { PromotionKind, StackingPolicy } from './pricing.types.js';

type DbOrTx = Db | Tx;
export type PromotionRow = typeof promotions.$inferSelect;
export type NewPromotionRow = typeof promotions.$inferInsert;
export type CouponCodeRow = typeof couponCodes.$inferSelect;
export type RedemptionRow = typeof promotionRedemptions.$inferSelect;
export type SettingsRow = typeof pricingSettings.$inferSelect;
export type PromotionListRow = PromotionRow & { codeCount: number };

// Spelled out: inside a select list drizzle leaves columns unqualified, and `id` would be the code's.
const codeCount = sql<number>`(SELECT count(*) FROM "coupon_codes" c WHERE c."promotion_id" = "promotions"."id")`.mapWith(Number);

// ---------- promotions ----------

export async function insertPromotion(tx: Tx, values: NewPromotionRow): Promise<PromotionRow> {
  const [row] = await tx.insert(promotions).values(values).returning();
  return row!;
}

export async function findPromotion(db: DbOrTx, id: string): Promise<PromotionListRow | undefined> {
  const [row] = await db
    .select({ ...promotionColumns(), codeCount })
    .from(promotions)
    .where(eq(promotions.id, id));
  return row;
}

/** The promotion row, locked until the transaction ends (staff edits). */
export async function lockPromotion(tx: Tx, id: string): Promise<PromotionRow | undefined> {
  const [row] = await tx.select().from(promotions).where(eq(promotions.id, id)).for('update');
  return row;
}

export async function updatePromotion(tx: Tx, id: string, set: Partial<NewPromotionRow>): Promise<void> {
  await tx
    .update(promotions)
    .set({ ...set, version: sql`${promotions.version} + 1`, updatedAt: sql`now()` })
    .where(eq(promotions.id, id));
}

/** Moves the status in one conditional statement; undefined when the promotion is not in one of `from`. */
export async function setStatus(
  tx: Tx,
  input: { id: string; from: readonly PromotionStatus[]; to: PromotionStatus; actorId: string | null },
): Promise<PromotionRow | undefined> {
  const [row] = await tx
    .update(promotions)
    .set({ status: input.to, updatedBy: input.actorId, version: sql`${promotions.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(promotions.id, input.id), inArray(promotions.status, [...input.from])))
    .returning();
  return row;
}

export async function listPromotions(
  db: DbOrTx,
  f: {
    status?: PromotionStatus | undefined;
    kind?: PromotionKind | undefined;
    isCoupon?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: PromotionListRow[]; total: number }> {
  const where = and(
    f.status ? eq(promotions.status, f.status) : undefined,
    f.kind ? eq(promotions.kind, f.kind) : undefined,
    f.isCoupon === undefined ? undefined : eq(promotions.isCoupon, f.isCoupon),
  );
  const rows = await db
    .select({ ...promotionColumns(), codeCount })
    .from(promotions)
    .where(where)
    .orderBy(desc(promotions.createdAt), asc(promotions.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(promotions).where(where);
  return { rows, total };
}

/** Active automatic promotions running at `now` (started, not ended). */
export async function runningAutomaticPromotions(db: DbOrTx, now: Date): Promise<PromotionRow[]> {
  return db
    .select()
    .from(promotions)
    .where(
      and(
        eq(promotions.status, 'active'),
        eq(promotions.isCoupon, false),
        or(isNull(promotions.startsAt), lte(promotions.startsAt, now)),
        or(isNull(promotions.endsAt), gt(promotions.endsAt, now)),
      ),
    )
    .orderBy(desc(promotions.priority), asc(promotions.id));
}

/** Every active automatic promotion whatever its dates, in the order of `runningAutomaticPromotions`. */
export async function activeAutomaticPromotions(db: DbOrTx): Promise<PromotionRow[]> {
  return db
    .select()
    .from(promotions)
    .where(and(eq(promotions.status, 'active'), eq(promotions.isCoupon, false)))
    .orderBy(desc(promotions.priority), asc(promotions.id));
}

export async function findPromotions(db: DbOrTx, ids: readonly string[]): Promise<PromotionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(promotions)
    .where(inArray(promotions.id, [...ids]));
}

const promotionColumns = () => getTableColumns(promotions);

// ---------- coupon codes ----------

/** Inserts the codes that are still free; returns the ones inserted (a taken code is skipped). */
export async function insertCodes(
  tx: Tx,
  rows: ReadonlyArray<{ promotionId: string; batchId: string | null; code: string; singleUse: boolean; createdBy: string | null }>,
): Promise<CouponCodeRow[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(couponCodes)
    .values([...rows])
    .onConflictDoNothing({ target: couponCodes.code })
    .returning();
}

export async function listCodes(
  db: DbOrTx,
  f: { promotionId: string; batchId?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: CouponCodeRow[]; total: number }> {
  const where = and(eq(couponCodes.promotionId, f.promotionId), f.batchId ? eq(couponCodes.batchId, f.batchId) : undefined);
  const rows = await db
    .select()
    .from(couponCodes)
    .where(where)
    .orderBy(asc(couponCodes.createdAt), asc(couponCodes.code))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(couponCodes).where(where);
  return { rows, total };
}

export async function allCodes(db: DbOrTx, f: { promotionId: string; batchId?: string | undefined }): Promise<CouponCodeRow[]> {
  return db
    .select()
    .from(couponCodes)
    .where(and(eq(couponCodes.promotionId, f.promotionId), f.batchId ? eq(couponCodes.batchId, f.batchId) : undefined))
    .orderBy(asc(couponCodes.createdAt), asc(couponCodes.code));
}

/** A code (already upper-case) and its promotion. */
export async function findCode(db: DbOrTx, code: string): Promise<{ code: CouponCodeRow; promotion: PromotionRow } | undefined> {
  const [row] = await db
    .select({ code: couponCodes, promotion: promotions })
    .from(couponCodes)
    .innerJoin(promotions, eq(promotions.id, couponCodes.promotionId))
    .where(eq(couponCodes.code, code));
  return row;
}

// ---------- counting uses (checkout, in the caller's transaction) ----------

/**
 * Records the reference's use of the promotion: a new row, or a released one made active again.
 * Undefined when the reference already holds an active or final use of it (nothing to count).
 */
export async function claimRedemption(
  tx: Tx,
  v: { promotionId: string; couponCodeId: string | null; customerKey: string; reference: string; amount: number },
): Promise<RedemptionRow | undefined> {
  const [inserted] = await tx.insert(promotionRedemptions).values(v).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [reactivated] = await tx
    .update(promotionRedemptions)
    .set({
      couponCodeId: v.couponCodeId,
      customerKey: v.customerKey,
      amount: v.amount,
      status: 'active',
      releasedAt: null,
      createdAt: sql`now()`,
    })
    .where(
      and(
        eq(promotionRedemptions.promotionId, v.promotionId),
        eq(promotionRedemptions.reference, v.reference),
        eq(promotionRedemptions.status, 'released'),
      ),
    )
    .returning();
  return reactivated;
}

export async function findRedemption(db: DbOrTx, promotionId: string, reference: string): Promise<RedemptionRow | undefined> {
  const [row] = await db
    .select()
    .from(promotionRedemptions)
    .where(and(eq(promotionRedemptions.promotionId, promotionId), eq(promotionRedemptions.reference, reference)));
  return row;
}

/**
 * One use more, in one statement that cannot pass the total limit nor count a promotion that is not
 * active. Undefined when refused.
 */
export async function countPromotionUse(tx: Tx, id: string, amount: number): Promise<PromotionRow | undefined> {
  const [row] = await tx
    .update(promotions)
    .set({ uses: sql`${promotions.uses} + 1`, discountGiven: sql`${promotions.discountGiven} + ${amount}` })
    .where(
      and(
        eq(promotions.id, id),
        eq(promotions.status, 'active'),
        or(isNull(promotions.totalLimit), sql`${promotions.uses} < ${promotions.totalLimit}`),
      ),
    )
    .returning();
  return row;
}

/** The customer's use, counted whether or not a limit applies; false when `limit` is reached. */
export async function countCustomerUse(tx: Tx, v: { promotionId: string; customerKey: string; limit: number | null }): Promise<boolean> {
  const rows = await tx
    .insert(promotionCustomerUses)
    .values({ promotionId: v.promotionId, customerKey: v.customerKey, uses: 1 })
    .onConflictDoUpdate({
      target: [promotionCustomerUses.promotionId, promotionCustomerUses.customerKey],
      set: { uses: sql`${promotionCustomerUses.uses} + 1` },
      ...(v.limit === null ? {} : { setWhere: sql`${promotionCustomerUses.uses} < ${v.limit}` }),
    })
    .returning({ uses: promotionCustomerUses.uses });
  return rows.length > 0;
}

/** The code's use; false when it is single-use and already used. */
export async function countCodeUse(tx: Tx, codeId: string): Promise<boolean> {
  const rows = await tx
    .update(couponCodes)
    .set({ uses: sql`${couponCodes.uses} + 1` })
    .where(and(eq(couponCodes.id, codeId), or(eq(couponCodes.singleUse, false), eq(couponCodes.uses, 0))))
    .returning({ id: couponCodes.id });
  return rows.length > 0;
}

/**
 * Marks the reference's active uses released, locking them in promotion order first (so two
 * releases of one reference queue on the same row), and returns the ones this call released.
 */
export async function releaseRedemptions(tx: Tx, reference: string): Promise<RedemptionRow[]> {
  const locked = await tx
    .select({ id: promotionRedemptions.id })
    .from(promotionRedemptions)
    .where(and(eq(promotionRedemptions.reference, reference), eq(promotionRedemptions.status, 'active')))
    .orderBy(asc(promotionRedemptions.promotionId))
    .for('update');
  if (locked.length === 0) return [];
  return tx
    .update(promotionRedemptions)
    .set({ status: 'released', releasedAt: sql`now()` })
    .where(
      and(
        inArray(
          promotionRedemptions.id,
          locked.map((r) => r.id),
        ),
        eq(promotionRedemptions.status, 'active'),
      ),
    )
    .returning();
}

/** Locks the reference's active redemptions, then their promotion rows, in promotion-id order. */
export async function lockActiveRedemptions(tx: Tx, reference: string): Promise<void> {
  const rows = await tx
    .select({ promotionId: promotionRedemptions.promotionId })
    .from(promotionRedemptions)
    .where(and(eq(promotionRedemptions.reference, reference), eq(promotionRedemptions.status, 'active')))
    .orderBy(asc(promotionRedemptions.promotionId))
    .for('update');
  const ids = [...new Set(rows.map((r) => r.promotionId))].sort();
  if (ids.length > 0)
    await tx.select({ id: promotions.id }).from(promotions).where(inArray(promotions.id, ids)).orderBy(asc(promotions.id)).for('update');
}

export async function uncountPromotionUse(tx: Tx, id: string, amount: number): Promise<void> {
  await tx
    .update(promotions)
    .set({ uses: sql`${promotions.uses} - 1`, discountGiven: sql`${promotions.discountGiven} - ${amount}` })
    .where(eq(promotions.id, id));
}

export async function uncountCustomerUse(tx: Tx, promotionId: string, customerKey: string): Promise<void> {
  await tx
    .update(promotionCustomerUses)
    .set({ uses: sql`${promotionCustomerUses.uses} - 1` })
    .where(
      and(
        eq(promotionCustomerUses.promotionId, promotionId),
        eq(promotionCustomerUses.customerKey, customerKey),
        gt(promotionCustomerUses.uses, 0),
      ),
    );
}

export async function uncountCodeUse(tx: Tx, codeId: string): Promise<void> {
  await tx
    .update(couponCodes)
    .set({ uses: sql`${couponCodes.uses} - 1` })
    .where(and(eq(couponCodes.id, codeId), gt(couponCodes.uses, 0)));
}

export async function finalizeRedemptions(tx: Tx, reference: string): Promise<number> {
  const rows = await tx
    .update(promotionRedemptions)
    .set({ status: 'final' })
    .where(and(eq(promotionRedemptions.reference, reference), eq(promotionRedemptions.status, 'active')))
    .returning({ id: promotionRedemptions.id });
  return rows.length;
}

export async function customerUses(db: DbOrTx, promotionIds: readonly string[], customerKey: string): Promise<Map<string, number>> {
  if (promotionIds.length === 0) return new Map();
  const rows = await db
    .select({ promotionId: promotionCustomerUses.promotionId, uses: promotionCustomerUses.uses })
    .from(promotionCustomerUses)
    .where(and(inArray(promotionCustomerUses.promotionId, [...promotionIds]), eq(promotionCustomerUses.customerKey, customerKey)));
  return new Map(rows.map((r) => [r.promotionId, r.uses]));
}

// ---------- settings ----------

export async function readSettings(db: DbOrTx): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(pricingSettings).where(eq(pricingSettings.id, 1));
  return row;
}

export async function writeSettings(tx: Tx, v: { stackingPolicy: StackingPolicy; updatedBy: string | null }): Promise<SettingsRow> {
  const [row] = await tx
    .insert(pricingSettings)
    .values({ id: 1, ...v })
    .onConflictDoUpdate({ target: pricingSettings.id, set: { ...v, updatedAt: sql`now()` } })
    .returning();
  return row!;
}
