// priceCart: cart + promotions + time → priced cart. Pure: no I/O, no clock, integers only.

import { ValidationError, type FieldIssue } from '../../platform/errors.js';
import { compareKeys } from './pricing.allocate.js';
import { addOnOffers, nextSteps } from './pricing.explain.js';
import { availability, isLineLevel, isOrderLevel } from './pricing.rules.js';
import { byPriority, evaluateScenario, scenarioOf, type Candidate, type Scenario, type ScenarioResult } from './pricing.scenario.js';
import type { AppliedPromotion, CouponOutcome, PriceCartInput, PricedCart, PricedLine, Promotion } from './pricing.types.js';

/**
 * Prices a cart. Line-level promotions (sales, bundles, Nth unit, add-on prices) always apply,
 * each unit to at most one, claimed in priority order. Order-level discounts (spend tiers, order
 * percentage and fixed, and the coupon whatever its kind) combine as the stacking policy allows;
 * among the combinations the policy allows, and each exclusive promotion alone, the engine keeps
 * the one that saves the shopper most. Automatic free shipping and gifts apply whenever reached,
 * unless an exclusive promotion is chosen. Throws ValidationError on non-integer or negative
 * amounts, quantities below 1 and duplicate line ids.
 */
export function priceCart(input: PriceCartInput): PricedCart {
  validate(input);
  const usable = input.automaticPromotions.filter((p) => availability(p, input.now, input.facts[p.id]).ok);
  const couponCheck = checkCoupon(input);
  const coupon: Candidate | null = couponCheck.ok ? { promotion: couponCheck.promotion, source: 'coupon' } : null;

  const scenarios = enumerateScenarios(input, usable, coupon);
  const results = scenarios.map((s) => evaluateScenario(input, s));
  const best = pickBest(input, results, coupon);

  // What to explain: the promotions that can still come into play next to the chosen ones, and the coupon.
  const family: Candidate[] = best.scenario.exclusive
    ? [...best.scenario.line, ...best.scenario.perks, ...best.scenario.order.map((c) => c.promotion)].map((p) => candidateOf(p, coupon))
    : usable.filter((p) => !p.exclusive).map((p): Candidate => ({ promotion: p, source: 'automatic' }));
  if (coupon && !family.includes(coupon)) family.push(coupon);

  const couponOutcome: CouponOutcome | null = couponCheck.ok ? couponResult(input, coupon, best, results) : couponCheck.outcome;
  return {
    lines: pricedLines(input, best),
    giftLines: best.gifts,
    totals: totalsOf(best),
    applied: appliedOf(input, best, coupon),
    coupon: couponOutcome,
    nextSteps: nextSteps(input, best, family, couponOutcome),
    addOnOffers: addOnOffers(input, best),
    shipping: best.shippingQuotes,
  };
}

function candidateOf(p: Promotion, coupon: Candidate | null): Candidate {
  return coupon && coupon.promotion === p ? coupon : { promotion: p, source: 'automatic' };
}

type CouponCheck = { ok: true; promotion: Promotion } | { ok: false; outcome: CouponOutcome | null };

function checkCoupon(input: PriceCartInput): CouponCheck {
  if (!input.coupon) return { ok: false, outcome: null };
  const { code, promotion } = input.coupon;
  const refuse = (
    reason: 'unknown' | 'not_started' | 'expired' | 'used_up',
    limit: 'total' | 'per_customer' | null = null,
  ): CouponCheck => ({
    ok: false,
    outcome: { code, status: 'refused', reason, promotionId: promotion?.id ?? null, missingAmount: null, limit },
  });
  if (!promotion) return refuse('unknown');
  const a = availability(promotion, input.now, input.facts[promotion.id]);
  if (!a.ok) return a.reason === 'used_up' ? refuse('used_up', a.limit) : refuse(a.reason);
  return { ok: true, promotion };
}

/**
 * The combinations to compare, in preference order for ties: without the coupon before with it
 * (the shopper keeps a coupon that would add nothing), non-exclusive before exclusive.
 *  - best_only: line-level and perks, plus at most one order-level discount (automatic or coupon).
 *  - automatic_then_coupon: at most one automatic order-level discount, then the coupon on what is left.
 *  - stack_all: every automatic order-level discount and the coupon, in priority order, each on what is left.
 * Bounded: at most 2 × (order-level automatics + 1) + exclusives + 1 scenarios.
 */
function enumerateScenarios(input: PriceCartInput, usable: readonly Promotion[], coupon: Candidate | null): Scenario[] {
  const auto = (p: Promotion): Candidate => ({ promotion: p, source: 'automatic' });
  const shared = usable.filter((p) => !p.exclusive);
  const base = shared.filter((p) => !isOrderLevel(p)).map(auto);
  const orderAuto = shared.filter(isOrderLevel).sort(byPriority).map(auto);
  const sharedCoupon = coupon && !coupon.promotion.exclusive ? coupon : null;

  const plain: Candidate[][] = [];
  const withCoupon: Candidate[][] = [];
  if (input.policy === 'stack_all') {
    plain.push(orderAuto);
    if (sharedCoupon) withCoupon.push([...orderAuto, sharedCoupon]);
  } else {
    plain.push([], ...orderAuto.map((c) => [c]));
    if (sharedCoupon) {
      if (input.policy === 'best_only') withCoupon.push([sharedCoupon]);
      else withCoupon.push([sharedCoupon], ...orderAuto.map((c) => [c, sharedCoupon]));
    }
  }
  const exclusives = usable
    .filter((p) => p.exclusive)
    .sort(byPriority)
    .map((p) => scenarioOf([auto(p)], true));
  return [
    ...plain.map((order) => scenarioOf([...base, ...order], false)),
    ...exclusives,
    ...withCoupon.map((order) => scenarioOf([...base, ...order], false)),
    ...(coupon && coupon.promotion.exclusive ? [scenarioOf([coupon], true)] : []),
  ];
}

/** Largest saving wins; ties keep the earlier scenario, except a free-shipping coupon waiting for a shipping choice. */
function pickBest(input: PriceCartInput, results: readonly ScenarioResult[], coupon: Candidate | null): ScenarioResult {
  const pending = (r: ScenarioResult) =>
    coupon !== null &&
    coupon.promotion.kind === 'free_shipping' &&
    input.selectedShippingOptionId === null &&
    r.orderOutcomes.get(coupon.promotion.id)?.status === 'applied';
  let best = results[0];
  if (!best) throw new Error('priceCart: no scenario to evaluate');
  for (const r of results.slice(1)) {
    if (r.saving > best.saving || (r.saving === best.saving && pending(r) && !pending(best))) best = r;
  }
  return best;
}

function couponSaving(r: ScenarioResult, id: string): number | null {
  const o = r.orderOutcomes.get(id);
  return o?.status === 'applied' ? o.saving : null;
}

function couponResult(
  input: PriceCartInput,
  coupon: Candidate | null,
  best: ScenarioResult,
  results: readonly ScenarioResult[],
): CouponOutcome {
  if (!coupon || !input.coupon) throw new Error('couponResult without a coupon');
  const { code } = input.coupon;
  const id = coupon.promotion.id;
  const refuse = (reason: 'not_applicable' | 'not_combinable' | 'minimum_not_met', missingAmount: number | null = null): CouponOutcome => ({
    code,
    status: 'refused',
    reason,
    promotionId: id,
    missingAmount,
    limit: null,
  });
  const chosen = couponSaving(best, id);
  const waitingForShipping = coupon.promotion.kind === 'free_shipping' && input.selectedShippingOptionId === null;
  if (chosen !== null && (chosen > 0 || waitingForShipping)) return { code, status: 'applied', promotionId: id, saving: chosen };

  // Why not: the coupon's fate in the best scenario that carried it.
  const carrying = results.filter((r) => r.scenario.withCoupon).sort((a, b) => b.saving - a.saving);
  const outcome = carrying[0]?.orderOutcomes.get(id);
  if (!outcome || outcome.status === 'not_applicable') return refuse('not_applicable');
  if (outcome.status === 'minimum_not_met') return refuse('minimum_not_met', outcome.missingAmount);
  return outcome.saving > 0 ? refuse('not_combinable') : refuse('not_applicable');
}

function pricedLines(input: PriceCartInput, best: ScenarioResult): PricedLine[] {
  const byId = new Map(best.lines.map((w) => [w.line.lineId, w]));
  return input.lines.map((line): PricedLine => {
    const w = byId.get(line.lineId);
    if (!w) throw new Error(`line ${line.lineId} lost while pricing`);
    return {
      lineId: line.lineId,
      productId: line.productId,
      variantId: line.variantId,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      lineSubtotal: w.subtotal,
      lineDiscount: w.lineDiscount,
      allocatedOrderDiscount: w.orderDiscount,
      lineTotal: w.subtotal - w.lineDiscount - w.orderDiscount,
      discounts: [...w.parts.values()]
        .map((d) => ({ ...d }))
        .sort((a, b) => (a.level === b.level ? compareKeys(a.promotionId, b.promotionId) : a.level === 'line' ? -1 : 1)),
      addOn: w.addOn,
    };
  });
}

function totalsOf(best: ScenarioResult): PricedCart['totals'] {
  const sum = (f: (w: ScenarioResult['lines'][number]) => number) => best.lines.reduce((s, w) => s + f(w), 0);
  const subtotal = sum((w) => w.subtotal);
  const lineDiscounts = sum((w) => w.lineDiscount);
  const orderDiscounts = sum((w) => w.orderDiscount);
  const { fee: shipping, discount: shippingDiscount } = best.shipping;
  return {
    subtotal,
    lineDiscounts,
    orderDiscounts,
    shipping,
    shippingDiscount,
    total: Math.max(0, subtotal - lineDiscounts - orderDiscounts + shipping - shippingDiscount),
  };
}

function appliedOf(input: PriceCartInput, best: ScenarioResult, coupon: Candidate | null): AppliedPromotion[] {
  const s = best.scenario;
  const all: Candidate[] = [...s.line, ...s.perks].map((p) => candidateOf(p, coupon)).concat(s.order);
  const applied: AppliedPromotion[] = [];
  for (const { promotion: p, source } of all.sort((a, b) => byPriority(a.promotion, b.promotion))) {
    let saving = 0;
    let counts = false;
    if (source === 'coupon') {
      saving = couponSaving(best, p.id) ?? 0;
      counts = couponSaving(best, p.id) !== null && p.kind === 'free_shipping' && input.selectedShippingOptionId === null;
    } else if (isLineLevel(p)) saving = best.lineResults.get(p.id)?.saving ?? 0;
    else if (p.kind === 'add_on') saving = best.addOnSavings.get(p.id) ?? 0;
    else if (p.kind === 'gift_with_purchase') counts = best.gifts.some((g) => g.promotionId === p.id);
    else if (p.kind === 'free_shipping') saving = best.shipping.promotionId === p.id ? best.shipping.discount : 0;
    else saving = couponSaving(best, p.id) ?? 0;
    if (saving > 0 || counts) applied.push({ promotionId: p.id, kind: p.kind, name: p.name, source, saving });
  }
  return applied;
}

function validate(input: PriceCartInput): void {
  const issues: FieldIssue[] = [];
  const money = (path: string, v: number) => {
    if (!Number.isSafeInteger(v) || v < 0) issues.push({ path, message: 'must be a non-negative integer amount', code: 'INVALID_AMOUNT' });
  };
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    money(`lines.${i}.unitPrice`, l.unitPrice);
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
      issues.push({ path: `lines.${i}.quantity`, message: 'must be an integer ≥ 1', code: 'INVALID_QUANTITY' });
    if (seen.has(l.lineId)) issues.push({ path: `lines.${i}.lineId`, message: 'duplicate line id', code: 'DUPLICATE_LINE' });
    seen.add(l.lineId);
  });
  input.shippingOptions.forEach((o, i) => money(`shippingOptions.${i}.fee`, o.fee));
  const promotions = [...input.automaticPromotions, ...(input.coupon?.promotion ? [input.coupon.promotion] : [])];
  const promotionIds = new Set<string>();
  promotions.forEach((p, i) => {
    const at = `promotions.${i}`;
    if (promotionIds.has(p.id)) issues.push({ path: `${at}.id`, message: 'duplicate promotion id', code: 'DUPLICATE_PROMOTION' });
    promotionIds.add(p.id);
    const bp = (path: string, v: number) => {
      if (!Number.isInteger(v) || v < 0 || v > 10_000)
        issues.push({ path, message: 'must be integer basis points 0–10000', code: 'INVALID_PERCENT' });
    };
    const count = (path: string, v: number, min: number) => {
      if (!Number.isSafeInteger(v) || v < min) issues.push({ path, message: `must be an integer ≥ ${min}`, code: 'INVALID_COUNT' });
    };
    switch (p.kind) {
      case 'order_percentage':
        bp(`${at}.percentOff`, p.percentOff);
        if (p.maxDiscount !== null) money(`${at}.maxDiscount`, p.maxDiscount);
        money(`${at}.minSubtotal`, p.minSubtotal);
        break;
      case 'order_fixed':
        money(`${at}.amountOff`, p.amountOff);
        money(`${at}.minSubtotal`, p.minSubtotal);
        break;
      case 'free_shipping':
        money(`${at}.minSubtotal`, p.minSubtotal);
        break;
      case 'spend_tiers':
        if (p.tiers.length === 0) issues.push({ path: `${at}.tiers`, message: 'needs at least one tier', code: 'INVALID_COUNT' });
        p.tiers.forEach((t, j) => (money(`${at}.tiers.${j}.minSubtotal`, t.minSubtotal), money(`${at}.tiers.${j}.amountOff`, t.amountOff)));
        break;
      case 'bundle_price':
        count(`${at}.groupSize`, p.groupSize, 1);
        money(`${at}.groupPrice`, p.groupPrice);
        break;
      case 'nth_unit_percent':
        count(`${at}.nth`, p.nth, 2);
        bp(`${at}.pricePercent`, p.pricePercent);
        break;
      case 'line_percentage':
        bp(`${at}.percentOff`, p.percentOff);
        break;
      case 'gift_with_purchase':
        money(`${at}.minSubtotal`, p.minSubtotal);
        count(`${at}.gift.quantity`, p.gift.quantity, 1);
        break;
      case 'add_on':
        money(`${at}.minSubtotal`, p.minSubtotal);
        p.offers.forEach((o, j) => (money(`${at}.offers.${j}.price`, o.price), count(`${at}.offers.${j}.maxPerOrder`, o.maxPerOrder, 0)));
        break;
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, 'The cart or a promotion cannot be priced.');
}
