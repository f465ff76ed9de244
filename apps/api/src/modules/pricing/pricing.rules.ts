// The rules of each promotion kind, applied to a working copy of the cart. Lines are always
// processed sorted by lineId, so nothing depends on the order the cart listed them in.

import { allocateProportionally, compareKeys, mulDivFloor } from './pricing.allocate.js';
import type {
  AddOnLineOutcome,
  AddOnRule,
  BundlePriceRule,
  LinePercentageRule,
  NthUnitRule,
  PricingLineInput,
  Promotion,
  PromotionCommon,
  PromotionFacts,
  PromotionScope,
} from './pricing.types.js';

const FULL = 10_000;

export interface WorkLine {
  line: PricingLineInput;
  subtotal: number;
  /** Units no line-level promotion has claimed yet. */
  freeUnits: number;
  lineDiscount: number;
  orderDiscount: number;
  /** Discounts by `${level}:${promotionId}`. */
  parts: Map<string, { promotionId: string; level: 'line' | 'order'; amount: number }>;
  addOn: AddOnLineOutcome | null;
}

export type LineLevelPromotion = PromotionCommon & (LinePercentageRule | BundlePriceRule | NthUnitRule);
export type OrderLevelKind = 'order_percentage' | 'order_fixed' | 'spend_tiers';

export function isLineLevel(p: Promotion): p is LineLevelPromotion {
  return p.kind === 'line_percentage' || p.kind === 'bundle_price' || p.kind === 'nth_unit_percent';
}

export function isOrderLevel(p: Promotion): boolean {
  return p.kind === 'order_percentage' || p.kind === 'order_fixed' || p.kind === 'spend_tiers';
}

export function inScope(scope: PromotionScope, line: PricingLineInput): boolean {
  switch (scope.type) {
    case 'all':
      return true;
    case 'categories':
      return line.categoryIds.some((c) => scope.categoryIds.includes(c));
    case 'brands':
      return line.brandId !== null && scope.brandIds.includes(line.brandId);
    case 'products':
      return scope.productIds.includes(line.productId);
  }
}

export type Availability =
  { ok: true } | { ok: false; reason: 'not_started' | 'expired' } | { ok: false; reason: 'used_up'; limit: 'total' | 'per_customer' };

/** Whether the promotion runs at `now` and has uses left. The window is [startsAt, endsAt). */
export function availability(p: PromotionCommon, now: Date, facts: PromotionFacts | undefined): Availability {
  const t = now.getTime();
  if (p.startsAt !== null && t < p.startsAt.getTime()) return { ok: false, reason: 'not_started' };
  if (p.endsAt !== null && t >= p.endsAt.getTime()) return { ok: false, reason: 'expired' };
  const remaining = facts?.remainingUses ?? null;
  if (remaining !== null && remaining <= 0) return { ok: false, reason: 'used_up', limit: 'total' };
  if (p.perCustomerLimit !== null && (facts?.customerUses ?? 0) >= p.perCustomerLimit) {
    return { ok: false, reason: 'used_up', limit: 'per_customer' };
  }
  return { ok: true };
}

export function makeWorkLines(lines: readonly PricingLineInput[]): WorkLine[] {
  return [...lines]
    .sort((a, b) => compareKeys(a.lineId, b.lineId))
    .map((line) => ({
      line,
      subtotal: line.unitPrice * line.quantity,
      freeUnits: isAddOnLine(line) ? 0 : line.quantity,
      lineDiscount: 0,
      orderDiscount: 0,
      parts: new Map(),
      addOn: null,
    }));
}

export function isAddOnLine(line: PricingLineInput): boolean {
  return line.addOnOf !== undefined && line.addOnOf !== null;
}

export function addDiscount(w: WorkLine, promotionId: string, level: 'line' | 'order', amount: number): void {
  if (amount <= 0) return;
  const key = `${level}:${promotionId}`;
  const part = w.parts.get(key);
  if (part) part.amount += amount;
  else w.parts.set(key, { promotionId, level, amount });
  if (level === 'line') w.lineDiscount += amount;
  else w.orderDiscount += amount;
}

/** What the line still costs after every discount so far. */
export function remaining(w: WorkLine): number {
  return w.subtotal - w.lineDiscount - w.orderDiscount;
}

/** Lines whose amount counts toward the promotion's thresholds and may receive its order-level discount. */
export function orderEligible(p: PromotionCommon, w: WorkLine): boolean {
  return !w.line.excludedFromOrderDiscounts && !isAddOnLine(w.line) && inScope(p.scope, w.line);
}

/** The amount thresholds are measured against: eligible lines after line-level discounts. */
export function thresholdBase(p: PromotionCommon, lines: readonly WorkLine[]): number {
  return lines.filter((w) => orderEligible(p, w)).reduce((s, w) => s + w.subtotal - w.lineDiscount, 0);
}

export interface LineLevelResult {
  saving: number;
  /** Scoped units the promotion could use (for "add N more"). */
  pool: number;
  /** For `same_product` Nth-unit promotions: the units per product. */
  poolsByProduct: number[];
}

/** Applies one line-level promotion to the units still free, claiming the units it uses. */
export function applyLineLevel(p: LineLevelPromotion, lines: readonly WorkLine[]): LineLevelResult {
  const scoped = lines.filter((w) => w.freeUnits > 0 && inScope(p.scope, w.line));
  switch (p.kind) {
    case 'line_percentage':
      return applyLinePercentage(p, scoped);
    case 'bundle_price':
      return applyBundle(p, scoped);
    case 'nth_unit_percent':
      return applyNthUnit(p, scoped);
  }
}

function applyLinePercentage(p: PromotionCommon & LinePercentageRule, scoped: WorkLine[]): LineLevelResult {
  let saving = 0;
  let pool = 0;
  for (const w of scoped) {
    pool += w.freeUnits;
    // Per unit, so the discounted unit price stays an integer (returns refund a whole unit).
    const perUnit = mulDivFloor(w.line.unitPrice, p.percentOff, FULL);
    if (perUnit <= 0) continue;
    const amount = perUnit * w.freeUnits;
    addDiscount(w, p.id, 'line', amount);
    w.freeUnits = 0;
    saving += amount;
  }
  return { saving, pool, poolsByProduct: [] };
}

interface Unit {
  w: WorkLine;
  price: number;
}

/** Every free unit, most expensive first, ties by lineId (lines arrive sorted, the sort is stable). */
function unitsOf(scoped: readonly WorkLine[]): Unit[] {
  const units: Unit[] = [];
  for (const w of scoped) for (let i = 0; i < w.freeUnits; i++) units.push({ w, price: w.line.unitPrice });
  return units.sort((a, b) => b.price - a.price);
}

function applyBundle(p: PromotionCommon & BundlePriceRule, scoped: WorkLine[]): LineLevelResult {
  const units = unitsOf(scoped);
  const n = p.groupSize;
  // The saving of k groups is (sum of their units) − k × price, largest when the groups hold the
  // most expensive units; group sums only fall from there, so stop at the first group not worth it.
  const grouped = new Map<WorkLine, number>();
  let groupedAmount = 0;
  let groups = 0;
  for (let start = 0; n >= 1 && start + n <= units.length; start += n) {
    const group = units.slice(start, start + n);
    const sum = group.reduce((s, u) => s + u.price, 0);
    if (sum <= p.groupPrice) break;
    groups += 1;
    groupedAmount += sum;
    for (const u of group) grouped.set(u.w, (grouped.get(u.w) ?? 0) + 1);
  }
  const saving = groupedAmount - groups * p.groupPrice;
  if (saving > 0) {
    const shares = allocateProportionally(
      saving,
      [...grouped].map(([w, count]) => ({ key: w.line.lineId, weight: count * w.line.unitPrice })),
    );
    for (const [w, count] of grouped) {
      addDiscount(w, p.id, 'line', shares.get(w.line.lineId) ?? 0);
      w.freeUnits -= count;
    }
  }
  return { saving, pool: units.length, poolsByProduct: [] };
}

function applyNthUnit(p: PromotionCommon & NthUnitRule, scoped: WorkLine[]): LineLevelResult {
  const pools = new Map<string, WorkLine[]>();
  for (const w of scoped) {
    const key = p.grouping === 'same_product' ? w.line.productId : '';
    pools.set(key, [...(pools.get(key) ?? []), w]);
  }
  let saving = 0;
  let pool = 0;
  const poolsByProduct: number[] = [];
  for (const key of [...pools.keys()].sort(compareKeys)) {
    const units = unitsOf(pools.get(key) ?? []);
    pool += units.length;
    poolsByProduct.push(units.length);
    // In every run of `nth` units (most expensive first) the last, cheapest one is discounted:
    // each discounted unit is then as expensive as it can be.
    for (let start = 0; p.nth >= 1 && start + p.nth <= units.length; start += p.nth) {
      const group = units.slice(start, start + p.nth);
      const cheapest = group[group.length - 1];
      if (!cheapest) break;
      const amount = mulDivFloor(cheapest.price, FULL - Math.min(FULL, p.pricePercent), FULL);
      if (amount <= 0) continue;
      addDiscount(cheapest.w, p.id, 'line', amount);
      for (const u of group) u.w.freeUnits -= 1;
      saving += amount;
    }
  }
  return { saving, pool, poolsByProduct };
}

/**
 * Prices the add-on lines: the special price for up to `maxPerOrder` units per offer (filled in
 * lineId order) while the cart reaches the threshold without them; otherwise the normal price and
 * a status that says why.
 */
export function applyAddOns(lines: readonly WorkLine[], addOns: ReadonlyMap<string, PromotionCommon & AddOnRule>): Map<string, number> {
  const savings = new Map<string, number>();
  const used = new Map<string, number>();
  for (const w of lines) {
    const promotionId = w.line.addOnOf;
    if (promotionId === undefined || promotionId === null) continue;
    const p = addOns.get(promotionId);
    const offer = p?.offers.find((o) => o.variantId === w.line.variantId);
    if (!p || !offer) {
      w.addOn = { promotionId, status: 'not_offered', specialPriceUnits: 0 };
      continue;
    }
    if (thresholdBase(p, lines) < p.minSubtotal) {
      w.addOn = { promotionId, status: 'condition_not_met', specialPriceUnits: 0 };
      continue;
    }
    const key = `${p.id}\u0000${offer.variantId}`;
    const units = Math.max(0, Math.min(w.line.quantity, offer.maxPerOrder - (used.get(key) ?? 0)));
    used.set(key, (used.get(key) ?? 0) + units);
    const amount = Math.max(0, w.line.unitPrice - offer.price) * units;
    addDiscount(w, p.id, 'line', amount);
    savings.set(p.id, (savings.get(p.id) ?? 0) + amount);
    w.addOn = { promotionId, status: units < w.line.quantity ? 'over_limit' : 'applied', specialPriceUnits: units };
  }
  return savings;
}

/** The discount an order-level rule gives on `base` (what its eligible lines still cost), floored. */
export function orderLevelAmount(p: Promotion, base: number, measured: number): number {
  switch (p.kind) {
    case 'order_percentage': {
      const amount = mulDivFloor(base, Math.min(FULL, p.percentOff), FULL);
      return p.maxDiscount === null ? amount : Math.min(amount, p.maxDiscount);
    }
    case 'order_fixed':
      return Math.min(p.amountOff, base);
    case 'spend_tiers': {
      const tier = reachedTier(p.tiers, measured);
      return tier ? Math.min(tier.amountOff, base) : 0;
    }
    default:
      return 0;
  }
}

export function reachedTier<T extends { minSubtotal: number; amountOff: number }>(tiers: readonly T[], measured: number): T | undefined {
  return [...tiers].filter((t) => t.minSubtotal <= measured).sort((a, b) => b.minSubtotal - a.minSubtotal || b.amountOff - a.amountOff)[0];
}

/** The threshold a promotion needs (the lowest tier for tiers; 0 when it has none). */
export function minimumOf(p: Promotion): number {
  switch (p.kind) {
    case 'order_percentage':
    case 'order_fixed':
    case 'free_shipping':
    case 'gift_with_purchase':
    case 'add_on':
      return p.minSubtotal;
    case 'spend_tiers':
      return Math.min(...p.tiers.map((t) => t.minSubtotal));
    default:
      return 0;
  }
}

/** Spreads an order-level discount over its eligible lines in proportion to what they still cost. */
export function allocateOrderDiscount(promotionId: string, amount: number, eligible: readonly WorkLine[]): void {
  if (amount <= 0) return;
  const shares = allocateProportionally(
    amount,
    eligible.map((w) => ({ key: w.line.lineId, weight: remaining(w) })),
  );
  for (const w of eligible) addDiscount(w, promotionId, 'order', shares.get(w.line.lineId) ?? 0);
}
