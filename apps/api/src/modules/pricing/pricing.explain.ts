// The cart explains itself: what is still missing for each promotion not yet reached, and which
// add-on offers the shopper may take now.

import { compareKeys } from './pricing.allocate.js';
import { minimumOf, thresholdBase } from './pricing.rules.js';
import { byPriority, scopedUnits, type Candidate, type ScenarioResult } from './pricing.scenario.js';
import type { AddOnOffer, CouponOutcome, NextStep, PriceCartInput } from './pricing.types.js';

/** "add N more" for groups of `size`: nothing when the units fill whole groups (and there are some). */
function missingForGroups(units: number, size: number): number | null {
  const rest = units % size;
  return units > 0 && rest === 0 ? null : size - rest;
}

/**
 * For each promotion of the chosen family (all non-exclusive ones, or the exclusive one chosen) that
 * has not reached its next threshold: the amount (after line-level discounts, on its scope, without
 * excluded or add-on lines) or the units still missing. Nearest first: amounts ascending, then
 * quantities, then priority.
 */
export function nextSteps(
  input: PriceCartInput,
  best: ScenarioResult,
  family: readonly Candidate[],
  coupon: CouponOutcome | null,
): NextStep[] {
  const steps: Array<NextStep & { priority: number }> = [];
  for (const { promotion: p, source } of family) {
    const measured = thresholdBase(p, best.lines);
    let missingAmount: number | null = null;
    let missingQuantity: number | null = null;
    switch (p.kind) {
      case 'spend_tiers': {
        const next = p.tiers.filter((t) => t.minSubtotal > measured).sort((a, b) => a.minSubtotal - b.minSubtotal)[0];
        if (next) missingAmount = next.minSubtotal - measured;
        break;
      }
      case 'free_shipping': {
        const selected = input.selectedShippingOptionId;
        const relevant = selected === null || p.shippingOptionIds === null || p.shippingOptionIds.includes(selected);
        if (relevant && measured < p.minSubtotal) missingAmount = p.minSubtotal - measured;
        break;
      }
      case 'gift_with_purchase':
        if ((input.facts[p.id]?.giftAvailable ?? 0) > 0 && measured < p.minSubtotal) missingAmount = p.minSubtotal - measured;
        break;
      case 'order_percentage':
      case 'order_fixed':
      case 'add_on':
        if (measured < minimumOf(p)) missingAmount = minimumOf(p) - measured;
        break;
      // Item-count promotions speak only to a cart holding something in their scope: a cart of
      // teaware is not told about a bundle of socks.
      case 'bundle_price': {
        const units = best.lineResults.get(p.id)?.pool ?? scopedUnits(p, best.lines);
        if (units > 0) missingQuantity = missingForGroups(units, p.groupSize);
        break;
      }
      case 'nth_unit_percent': {
        const ran = best.lineResults.get(p.id);
        const units = ran?.pool ?? scopedUnits(p, best.lines);
        if (units === 0) break;
        if (p.grouping === 'any_in_scope' || !ran) {
          missingQuantity = missingForGroups(units, p.nth);
        } else {
          const open = ran.poolsByProduct.filter((n) => n % p.nth !== 0).map((n) => p.nth - (n % p.nth));
          missingQuantity = open.length > 0 ? Math.min(...open) : null;
        }
        break;
      }
      case 'line_percentage':
        break;
    }
    // A coupon refused for another reason than its minimum is not a step away.
    if (source === 'coupon' && coupon?.status === 'refused' && coupon.reason !== 'minimum_not_met') continue;
    if (missingAmount === null && missingQuantity === null) continue;
    steps.push({ promotionId: p.id, kind: p.kind, name: p.name, source, missingAmount, missingQuantity, priority: p.priority });
  }
  const inf = Number.POSITIVE_INFINITY;
  return steps
    .sort(
      (a, b) =>
        (a.missingAmount ?? inf) - (b.missingAmount ?? inf) ||
        (a.missingQuantity ?? inf) - (b.missingQuantity ?? inf) ||
        b.priority - a.priority ||
        compareKeys(a.promotionId, b.promotionId),
    )
    .map(({ priority: _priority, ...step }) => step);
}

/** Offers of the add-on promotions in force whose threshold the cart reaches. */
export function addOnOffers(input: PriceCartInput, best: ScenarioResult): AddOnOffer[] {
  const offers: AddOnOffer[] = [];
  for (const p of [...best.scenario.perks].sort(byPriority)) {
    if (p.kind !== 'add_on' || thresholdBase(p, best.lines) < p.minSubtotal) continue;
    for (const o of [...p.offers].sort((a, b) => compareKeys(a.variantId, b.variantId))) {
      const inCart = input.lines.filter((l) => l.addOnOf === p.id && l.variantId === o.variantId).reduce((s, l) => s + l.quantity, 0);
      offers.push({
        promotionId: p.id,
        name: p.name,
        productId: o.productId,
        variantId: o.variantId,
        specialPrice: o.price,
        maxPerOrder: o.maxPerOrder,
        inCart,
      });
    }
  }
  return offers;
}
