// One scenario = one set of promotions the stacking policy allows together. Evaluating it prices
// a fresh working copy of the cart; the engine compares scenarios and keeps the best for the shopper.

import { compareKeys } from './pricing.allocate.js';
import {
  allocateOrderDiscount,
  applyAddOns,
  applyLineLevel,
  inScope,
  isLineLevel,
  makeWorkLines,
  minimumOf,
  orderEligible,
  orderLevelAmount,
  remaining,
  thresholdBase,
  type LineLevelPromotion,
  type LineLevelResult,
  type WorkLine,
} from './pricing.rules.js';
import type { AddOnRule, FreeShippingRule, GiftLine, PriceCartInput, Promotion, PromotionCommon, ShippingQuote } from './pricing.types.js';

export interface Candidate {
  promotion: Promotion;
  source: 'automatic' | 'coupon';
}

export interface Scenario {
  /** Line-level promotions, perks (automatic free shipping, gifts, add-ons) and, in application order, the order-level ones. */
  line: LineLevelPromotion[];
  perks: Promotion[];
  order: Candidate[];
  exclusive: boolean;
  withCoupon: boolean;
}

export type OrderOutcome =
  { status: 'applied'; saving: number } | { status: 'not_applicable' } | { status: 'minimum_not_met'; missingAmount: number };

export interface ScenarioResult {
  scenario: Scenario;
  lines: WorkLine[];
  lineResults: Map<string, LineLevelResult>;
  addOnSavings: Map<string, number>;
  orderOutcomes: Map<string, OrderOutcome>;
  shippingQuotes: ShippingQuote[];
  /** The selected option's quote, or a zero quote when none is selected. */
  shipping: ShippingQuote;
  gifts: GiftLine[];
  saving: number;
}

export function byPriority(a: PromotionCommon, b: PromotionCommon): number {
  return b.priority - a.priority || compareKeys(a.id, b.id);
}

/** Builds a scenario from candidates: sorts each part into its application order. */
export function scenarioOf(candidates: readonly Candidate[], exclusive: boolean): Scenario {
  const line: LineLevelPromotion[] = [];
  const perks: Promotion[] = [];
  const order: Candidate[] = [];
  for (const c of candidates) {
    const p = c.promotion;
    if (c.source === 'coupon' || p.kind === 'order_percentage' || p.kind === 'order_fixed' || p.kind === 'spend_tiers') order.push(c);
    else if (isLineLevel(p)) line.push(p);
    else perks.push(p);
  }
  line.sort(byPriority);
  perks.sort(byPriority);
  order.sort((a, b) => byPriority(a.promotion, b.promotion));
  return { line, perks, order, exclusive, withCoupon: candidates.some((c) => c.source === 'coupon') };
}

function coversOption(p: FreeShippingRule, optionId: string): boolean {
  return p.shippingOptionIds === null || p.shippingOptionIds.includes(optionId);
}

export function evaluateScenario(input: PriceCartInput, scenario: Scenario): ScenarioResult {
  const lines = makeWorkLines(input.lines);
  const lineResults = new Map<string, LineLevelResult>();
  for (const p of scenario.line) lineResults.set(p.id, applyLineLevel(p, lines));

  const addOns = new Map<string, PromotionCommon & AddOnRule>();
  for (const p of scenario.perks) if (p.kind === 'add_on') addOns.set(p.id, p);
  const addOnSavings = applyAddOns(lines, addOns);

  const qualifies = (p: Promotion) => lines.some((w) => orderEligible(p, w)) && thresholdBase(p, lines) >= minimumOf(p);
  // Automatic free shipping is a perk: it waives the fee of the options it covers whenever reached.
  const autoFreeShipping = scenario.perks.filter((p): p is Promotion & FreeShippingRule => p.kind === 'free_shipping' && qualifies(p));

  const selected = input.shippingOptions.find((o) => o.id === input.selectedShippingOptionId) ?? null;
  const orderOutcomes = new Map<string, OrderOutcome>();
  let couponShipping: (Promotion & FreeShippingRule) | null = null;
  for (const { promotion: p } of scenario.order) {
    const eligible = lines.filter((w) => orderEligible(p, w));
    const measured = thresholdBase(p, lines);
    if (eligible.length === 0) {
      orderOutcomes.set(p.id, { status: 'not_applicable' });
    } else if (measured < minimumOf(p)) {
      orderOutcomes.set(p.id, { status: 'minimum_not_met', missingAmount: minimumOf(p) - measured });
    } else if (p.kind === 'free_shipping') {
      if (selected && !coversOption(p, selected.id)) {
        orderOutcomes.set(p.id, { status: 'not_applicable' });
        continue;
      }
      const already = selected !== null && autoFreeShipping.some((a) => coversOption(a, selected.id));
      couponShipping = p;
      orderOutcomes.set(p.id, { status: 'applied', saving: selected && !already ? selected.fee : 0 });
    } else {
      const open = eligible.filter((w) => remaining(w) > 0);
      const amount = orderLevelAmount(
        p,
        open.reduce((s, w) => s + remaining(w), 0),
        measured,
      );
      allocateOrderDiscount(p.id, amount, open);
      orderOutcomes.set(p.id, { status: 'applied', saving: amount });
    }
  }

  const shippingQuotes = input.shippingOptions.map((o): ShippingQuote => {
    const auto = autoFreeShipping.find((p) => coversOption(p, o.id));
    const viaCoupon = !auto && couponShipping !== null && coversOption(couponShipping, o.id) ? couponShipping : null;
    const promotionId = auto?.id ?? viaCoupon?.id ?? null;
    const discount = promotionId === null ? 0 : o.fee;
    return { shippingOptionId: o.id, fee: o.fee, discount, total: o.fee - discount, promotionId };
  });
  const shipping = shippingQuotes.find((q) => q.shippingOptionId === selected?.id) ?? {
    shippingOptionId: '',
    fee: 0,
    discount: 0,
    total: 0,
    promotionId: null,
  };

  const gifts: GiftLine[] = [];
  for (const p of scenario.perks) {
    if (p.kind !== 'gift_with_purchase' || !qualifies(p)) continue;
    const quantity = Math.min(p.gift.quantity, Math.max(0, input.facts[p.id]?.giftAvailable ?? 0));
    if (quantity <= 0) continue;
    gifts.push({
      lineId: `gift:${p.id}`,
      promotionId: p.id,
      productId: p.gift.productId,
      variantId: p.gift.variantId,
      quantity,
      unitPrice: 0,
      lineTotal: 0,
      gift: true,
    });
  }

  const saving = lines.reduce((s, w) => s + w.lineDiscount + w.orderDiscount, 0) + shipping.discount;
  return { scenario, lines, lineResults, addOnSavings, orderOutcomes, shippingQuotes, shipping, gifts, saving };
}

/** Units in the promotion's scope that are not add-ons (for "add N more" when the promotion did not run). */
export function scopedUnits(p: Promotion, lines: readonly WorkLine[]): number {
  return lines.filter((w) => w.line.addOnOf == null && inScope(p.scope, w.line)).reduce((s, w) => s + w.line.quantity, 0);
}
