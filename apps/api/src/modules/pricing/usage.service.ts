// What cart and checkout need from stored promotions: engine inputs, and counting uses in the
// caller's transaction so that no limit can be passed, whatever runs at the same time.
import { COUPON_KINDS, CouponCodeText, PromotionRule, PromotionScope } from '@shop/contracts/pricing';
import type { Db, Tx } from '../../db/client.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { versionedValue } from '../../platform/read-versions.js';
import { normalizeCode } from './coupon-codes.js';
import * as repo from './pricing.repo.js';
import type { CouponPromotion, Promotion, PromotionFacts, StackingPolicy } from './pricing.types.js';

export const DEFAULT_STACKING_POLICY: StackingPolicy = 'automatic_then_coupon';
const MAX_REDEEMED_AMOUNT = 1_000_000_000;

/** The customer key of a signed-in customer. */
export function customerKeyForUser(userId: string): string {
  return `user:${userId.trim().toLowerCase()}`;
}

/** The customer key of a guest: the e-mail address trimmed and lower-cased. */
export function customerKeyForGuest(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export interface RedeemInput {
  /** What the use belongs to, usually the order id; a reference uses a promotion at most once. */
  reference: string;
  promotionId: string;
  /** The code the shopper entered, for a coupon promotion (any case). */
  couponCode?: string | undefined;
  /** From `customerKeyForUser` or `customerKeyForGuest`. */
  customerKey: string;
  /** The saving this use gives, in minor units (0 for a gift or free shipping worth nothing). */
  amount: number;
}

export interface Redemption {
  id: string;
  promotionId: string;
  couponCodeId: string | null;
  reference: string;
  amount: number;
  status: 'active' | 'released' | 'final';
  /** False when the reference already held this use (a retry): nothing was counted again. */
  counted: boolean;
}

export type CouponInvalidReason = 'unknown' | 'used_up';

function couponInvalid(reason: CouponInvalidReason, extra: { promotionId: string; limit?: 'total' | 'per_customer' | 'code' }) {
  const message =
    reason === 'used_up'
      ? 'This promotion has no uses left for this order; price the cart again.'
      : 'This promotion or code no longer applies; price the cart again.';
  return new ConflictError('COUPON_INVALID', message, { reason, ...extra });
}

const toRedemption = (r: repo.RedemptionRow, counted: boolean): Redemption => ({
  id: r.id,
  promotionId: r.promotionId,
  couponCodeId: r.couponCodeId,
  reference: r.reference,
  amount: r.amount,
  status: r.status,
  counted,
});

function checkRedeemInput(input: RedeemInput) {
  const issues = [];
  if (!input.reference.trim() || input.reference.length > 200)
    issues.push({ path: 'reference', code: 'invalid', message: 'Give a reference of 1–200 characters.' });
  if (!input.customerKey.trim() || input.customerKey.length > 400)
    issues.push({ path: 'customerKey', code: 'invalid', message: 'Give a customer key.' });
  // The column is a 4-byte integer; no single discount comes near it.
  if (!Number.isSafeInteger(input.amount) || input.amount < 0 || input.amount > MAX_REDEEMED_AMOUNT) {
    issues.push({ path: 'amount', code: 'invalid', message: `The amount is an integer from 0 to ${MAX_REDEEMED_AMOUNT}.` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * Counts one use of a promotion for `reference` in the caller's transaction, all or nothing (a
 * savepoint: when it throws, nothing of this call remains, and the caller decides whether to roll
 * back). Each limit is one conditional statement that cannot pass it, however many checkouts run
 * at once: the promotion's total (and `status = 'active'`), this customer's uses, and a single-use
 * code. Refused: `ConflictError('COUPON_INVALID', …, { reason: 'used_up', limit })`, or `reason:
 * 'unknown'` when the promotion is not active or the code is not one of its codes.
 *
 * The dates are the cart's business: the caller priced the cart with `priceCart` at its `now` and
 * redeems only what came out applied. A reference that already holds an active or final use of the
 * promotion returns it with `counted: false`; a released one is counted again.
 *
 * Lock order: the caller locks stock rows first, then redeems (its redemption row, then the
 * promotion row, the customer's counter and the code row, held until commit), then writes the
 * order. Redeem several promotions in ascending id order. The promotion row is hot: checkouts of
 * the same promotion queue on it until each commits, so keep the transaction short.
 */
export async function redeem(tx: Tx, input: RedeemInput): Promise<Redemption> {
  checkRedeemInput(input);
  const { promotionId } = input;
  return tx.transaction(async (sp) => {
    let codeId: string | null = null;
    if (input.couponCode !== undefined) {
      const text = normalizeCode(input.couponCode);
      const found = CouponCodeText.safeParse(text).success ? await repo.findCode(sp, text) : undefined;
      if (!found || found.code.promotionId !== promotionId) throw couponInvalid('unknown', { promotionId });
      codeId = found.code.id;
    }
    const claimed = await repo.claimRedemption(sp, {
      promotionId,
      couponCodeId: codeId,
      customerKey: input.customerKey,
      reference: input.reference,
      amount: input.amount,
    });
    if (!claimed) {
      const existing = await repo.findRedemption(sp, promotionId, input.reference);
      if (!existing) throw new Error(`redemption of ${promotionId} for ${input.reference} vanished`);
      return toRedemption(existing, false);
    }
    const promotion = await repo.countPromotionUse(sp, promotionId, input.amount);
    if (!promotion) {
      const current = (await repo.findPromotions(sp, [promotionId]))[0];
      if (!current || current.status !== 'active') throw couponInvalid('unknown', { promotionId });
      throw couponInvalid('used_up', { promotionId, limit: 'total' });
    }
    // A coupon counts only with one of its codes.
    if (promotion.isCoupon && codeId === null) throw couponInvalid('unknown', { promotionId });
    if (!(await repo.countCustomerUse(sp, { promotionId, customerKey: input.customerKey, limit: promotion.perCustomerLimit }))) {
      throw couponInvalid('used_up', { promotionId, limit: 'per_customer' });
    }
    if (codeId !== null && !(await repo.countCodeUse(sp, codeId))) throw couponInvalid('used_up', { promotionId, limit: 'code' });
    return toRedemption(claimed, true);
  });
}

/**
 * Gives back every active use of `reference` (the order failed or was cancelled before payment),
 * each exactly once however many callers release at the same time: the promotion's count and
 * discount given, the customer's count and the code's use. Final uses stay counted. In the
 * caller's transaction; locks the redemption rows, then the promotion rows, in promotion order.
 */
export async function release(tx: Tx, input: { reference: string }): Promise<{ released: number }> {
  const rows = await repo.releaseRedemptions(tx, input.reference);
  for (const r of [...rows].sort((a, b) => a.promotionId.localeCompare(b.promotionId))) {
    await repo.uncountPromotionUse(tx, r.promotionId, r.amount);
    await repo.uncountCustomerUse(tx, r.promotionId, r.customerKey);
    if (r.couponCodeId) await repo.uncountCodeUse(tx, r.couponCodeId);
  }
  return { released: rows.length };
}

/**
 * Takes the locks `release` of `reference` would take (its active redemption rows, then their
 * promotions, in promotion order) and changes nothing: for a transaction that updates an order row
 * before it gives the order's uses back.
 */
export async function lockUsesOf(tx: Tx, reference: string): Promise<void> {
  await repo.lockActiveRedemptions(tx, reference);
}

/** Payment succeeded: the reference's active uses become final (release no longer gives them back). In the caller's transaction. */
export async function finalize(tx: Tx, input: { reference: string }): Promise<{ finalized: number }> {
  return { finalized: await repo.finalizeRedemptions(tx, input.reference) };
}

// ---------- engine inputs ----------

/** A stored promotion as the engine reads it, or undefined when its stored rule no longer parses. */
function toEnginePromotion(row: repo.PromotionRow): Promotion | undefined {
  const rule = PromotionRule.safeParse(row.rule);
  const scope = PromotionScope.safeParse(row.scope);
  if (!rule.success || !scope.success || rule.data.kind !== row.kind) return undefined;
  return {
    id: row.id,
    name: { 'zh-TW': row.name['zh-TW'], en: row.name.en ?? row.name['zh-TW'] },
    priority: row.priority,
    exclusive: row.exclusive,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    scope: scope.data,
    perCustomerLimit: row.perCustomerLimit,
    ...rule.data,
  };
}

const isCouponPromotion = (p: Promotion): p is CouponPromotion => COUPON_KINDS.includes(p.kind);

/** The active automatic promotions running at `now`, as `priceCart` takes them (highest priority first). */
export async function activeAutomaticPromotions(db: Db | Tx, now: Date): Promise<Promotion[]> {
  const rows = await repo.runningAutomaticPromotions(db, now);
  return rows.flatMap((r) => toEnginePromotion(r) ?? []);
}

/**
 * What a code the shopper typed resolves to, as `priceCart`'s `coupon` input: the code normalised
 * (trimmed, upper-case) and its promotion, or `promotion: null` when there is no such code or its
 * promotion is paused or archived (the engine answers `unknown`). A promotion outside its dates at
 * `now` still resolves, so the engine can say `not_started` or `expired`. A single-use code already
 * used comes out as `used_up` through `usageFacts` (pass the same code there).
 */
export async function findCoupon(db: Db | Tx, code: string, now: Date): Promise<{ code: string; promotion: CouponPromotion | null }> {
  const text = normalizeCode(code);
  if (!CouponCodeText.safeParse(text).success) return { code: text, promotion: null };
  const found = await repo.findCode(db, text);
  if (!found || found.promotion.status !== 'active' || !found.promotion.isCoupon) return { code: text, promotion: null };
  const promotion = toEnginePromotion(found.promotion);
  // Not a date filter (the engine explains dates); `now` keeps the signature next to activeAutomaticPromotions.
  void now;
  return { code: text, promotion: promotion && isCouponPromotion(promotion) ? promotion : null };
}

/**
 * The engine's `facts` for these promotions: `remainingUses` (null: no total limit) and this
 * customer's `customerUses` (0 without a customer key). With `couponCode`, a single-use code that
 * was used makes its promotion's `remainingUses` 0. `giftAvailable` is the stock's business: merge
 * it in from inventory.
 */
export async function usageFacts(
  db: Db | Tx,
  input: { promotionIds: readonly string[]; customerKey: string | null; couponCode?: string | undefined },
): Promise<Record<string, PromotionFacts>> {
  const ids = [...new Set(input.promotionIds)];
  const rows = await repo.findPromotions(db, ids);
  const mine = input.customerKey ? await repo.customerUses(db, ids, input.customerKey) : new Map<string, number>();
  const facts: Record<string, PromotionFacts> = {};
  for (const r of rows) {
    facts[r.id] = { remainingUses: r.totalLimit === null ? null : Math.max(0, r.totalLimit - r.uses), customerUses: mine.get(r.id) ?? 0 };
  }
  if (input.couponCode !== undefined) {
    const text = normalizeCode(input.couponCode);
    const found = CouponCodeText.safeParse(text).success ? await repo.findCode(db, text) : undefined;
    const f = found && facts[found.code.promotionId];
    if (f && found.code.singleUse && found.code.uses > 0) f.remainingUses = 0;
  }
  return facts;
}

/** The store's stacking policy (`automatic_then_coupon` until staff choose another). */
export async function stackingPolicy(db: Db | Tx): Promise<StackingPolicy> {
  return (await repo.readSettings(db))?.stackingPolicy ?? DEFAULT_STACKING_POLICY;
}

const automaticKept = versionedValue<Promotion[]>();
const policyKept = versionedValue<StackingPolicy>();

/**
 * `activeAutomaticPromotions` and `stackingPolicy` together, from a parsed copy kept in this
 * process while the `pricing` read version (`readVersions`, read by the caller just before) is
 * `version`: every promotion or policy write moves it, so the copy is never older than the
 * database's. The active automatic promotions are kept whatever their dates and filtered at `now`.
 */
export async function shopPricing(
  db: Db,
  now: Date,
  version: number | undefined,
): Promise<{ automatic: Promotion[]; policy: StackingPolicy }> {
  const [all, policy] = await Promise.all([
    automaticKept.get(db, version, async () => (await repo.activeAutomaticPromotions(db)).flatMap((r) => toEnginePromotion(r) ?? [])),
    policyKept.get(db, version, () => stackingPolicy(db)),
  ]);
  const t = now.getTime();
  const automatic = all.filter((p) => (p.startsAt === null || p.startsAt.getTime() <= t) && (p.endsAt === null || p.endsAt.getTime() > t));
  return { automatic, policy };
}
