// How much money a refund is: per order line, from the line's total after its discounts, split over
// its units so that refunding every unit of a line gives back exactly its total. Pure.

/** An order line as a refund sees it. */
export interface RefundableItem {
  id: string;
  kind: 'normal' | 'gift' | 'add_on';
  quantity: number;
  /** The line's total after its own and its share of the order's discounts (what was paid for it). */
  lineTotal: number;
}

export interface PlannedLine {
  itemId: string;
  quantity: number;
  amount: number;
}

export interface RefundPlan {
  whole: boolean;
  lines: PlannedLine[];
  shipping: number;
  amount: number;
}

export type PlanError =
  | { code: 'REFUND_LINE_INVALID'; message: string; itemId?: string }
  | { code: 'REFUND_AMOUNT_EXCEEDED'; message: string; amount: number; refundable: number };

/**
 * The money for the first `units` units of a line of `quantity` units totalling `total`: each unit
 * is worth `floor(total / quantity)`, and the remainder goes to the last units, one dollar each, so
 * all `quantity` units are worth exactly `total`.
 */
export function unitsShare(total: number, quantity: number, units: number): number {
  if (quantity <= 0 || units <= 0) return 0;
  const k = Math.min(units, quantity);
  const unit = Math.floor(total / quantity);
  const remainder = total - unit * quantity;
  return k * unit + Math.max(0, k - (quantity - remainder));
}

/** The money for `units` more units of a line when `already` of its units were refunded before. */
export function linesAmount(total: number, quantity: number, already: number, units: number): number {
  return unitsShare(total, quantity, already + units) - unitsShare(total, quantity, already);
}

/**
 * Plans a refund: without `asked`, the whole order (every unit not yet refunded and the shipping fee
 * not yet refunded); otherwise the asked lines, which count as the whole order when they cover every
 * unit still refundable of every line that is no gift (gifts come along with the whole order and
 * cannot be asked on their own). `refundedUnits`: per item, the units of earlier refunds that were
 * not rejected and did not fail; `shippingLeft`: the shipping fee (after its discount) not yet
 * refunded; `refundable`: the payment's money not yet refunded or asked for.
 */
export function planRefund(input: {
  items: readonly RefundableItem[];
  refundedUnits: ReadonlyMap<string, number>;
  shippingLeft: number;
  refundable: number;
  asked?: ReadonlyArray<{ itemId: string; quantity: number }> | undefined;
}): { ok: true; plan: RefundPlan } | { ok: false; error: PlanError } {
  const left = (i: RefundableItem) => Math.max(0, i.quantity - (input.refundedUnits.get(i.id) ?? 0));
  const byId = new Map(input.items.map((i) => [i.id, i]));
  let whole = input.asked === undefined;
  if (input.asked) {
    const seen = new Set<string>();
    for (const a of input.asked) {
      const item = byId.get(a.itemId);
      if (!item) return { ok: false, error: { code: 'REFUND_LINE_INVALID', message: 'No such item in this order.', itemId: a.itemId } };
      if (seen.has(a.itemId))
        return { ok: false, error: { code: 'REFUND_LINE_INVALID', message: 'An item is named twice.', itemId: a.itemId } };
      seen.add(a.itemId);
      if (!Number.isSafeInteger(a.quantity) || a.quantity < 1 || a.quantity > left(item))
        return {
          ok: false,
          error: { code: 'REFUND_LINE_INVALID', message: `At most ${left(item)} of this item can be refunded.`, itemId: a.itemId },
        };
    }
    const asked = new Map(input.asked.map((a) => [a.itemId, a.quantity]));
    whole = input.items.every((i) => i.kind === 'gift' || left(i) === 0 || asked.get(i.id) === left(i));
    if (!whole) {
      const gift = input.asked.find((a) => byId.get(a.itemId)!.kind === 'gift');
      if (gift)
        return {
          ok: false,
          error: { code: 'REFUND_LINE_INVALID', message: 'A gift is refunded only with the whole order.', itemId: gift.itemId },
        };
    }
  }
  const wanted: Array<{ item: RefundableItem; units: number }> = whole
    ? input.items.filter((i) => left(i) > 0).map((item) => ({ item, units: left(item) }))
    : input.asked!.map((a) => ({ item: byId.get(a.itemId)!, units: a.quantity }));
  const lines = wanted.map(({ item, units }) => ({
    itemId: item.id,
    quantity: units,
    amount: linesAmount(item.lineTotal, item.quantity, input.refundedUnits.get(item.id) ?? 0, units),
  }));
  const shipping = whole ? Math.max(0, input.shippingLeft) : 0;
  const amount = lines.reduce((sum, l) => sum + l.amount, 0) + shipping;
  if (amount <= 0) return { ok: false, error: { code: 'REFUND_LINE_INVALID', message: 'Nothing is left to refund.' } };
  if (amount > input.refundable)
    return {
      ok: false,
      error: {
        code: 'REFUND_AMOUNT_EXCEEDED',
        message: 'The refund is more than what is left of the payment.',
        amount,
        refundable: input.refundable,
      },
    };
  return { ok: true, plan: { whole, lines, shipping, amount } };
}

/**
 * ECPay closes card trades automatically every day at 20:15 Asia/Taipei (UTC+8, no daylight
 * saving): the latest close at or before `now`.
 */
export function latestCardClose(now: Date): Date {
  const taipei = new Date(now.getTime() + 8 * 3600_000);
  const close = Date.UTC(taipei.getUTCFullYear(), taipei.getUTCMonth(), taipei.getUTCDate(), 20, 15) - 8 * 3600_000;
  return new Date(close <= now.getTime() ? close : close - 24 * 3600_000);
}

export type DoActionChoice = { action: 'N' | 'R' | 'C'; amount: number };

/**
 * What to ask ECPay for a card refund of `amount` when `refundedBefore` of the payment's `paid` was
 * refunded before: a trade paid before the latest daily close is closed (`R` the amount); a later
 * one is still authorised: the whole payment is voided (`N`), a part is refunded by closing the
 * trade for less (`C` for what the shop keeps). `fallback`: the other action, for a trade found in
 * the other state.
 */
export function chooseCardAction(v: { paidAt: Date | null; now: Date; paid: number; refundedBefore: number; amount: number }): {
  first: DoActionChoice;
  fallback: DoActionChoice;
} {
  const refund: DoActionChoice = { action: 'R', amount: v.amount };
  const keep = v.paid - v.refundedBefore - v.amount;
  const unclosed: DoActionChoice = keep <= 0 ? { action: 'N', amount: v.paid } : { action: 'C', amount: keep };
  const closed = v.paidAt === null || v.paidAt.getTime() <= latestCardClose(v.now).getTime();
  return closed ? { first: refund, fallback: unclosed } : { first: unclosed, fallback: refund };
}
