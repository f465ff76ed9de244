import { MAX_LINE_QUANTITY, type Cart, type CartLine } from '@shop/contracts/cart';
import type { ProductStock } from '@shop/contracts/inventory';

type CartCoupon = NonNullable<Cart['coupon']>;
export type CouponRefusal = NonNullable<CartCoupon['reason']>;
export type StockState = ProductStock['variants'][number]['state'];

/** Units in the cart, as the header counts them: every line's quantity (gifts are not bought, so not counted). */
export function cartUnits(cart: Pick<Cart, 'lines'> | null | undefined): number {
  return cart?.lines.reduce((sum, line) => sum + line.quantity, 0) ?? 0;
}

/** The stock state of one variant to show: the stock API's answer when there is one, else the catalog's state. */
export function variantStock(
  productStock: ProductStock | null | undefined,
  variant: { id: string; stock: StockState } | null | undefined,
): { state: StockState; left: number | null } | null {
  if (!variant) return null;
  const told = productStock?.variants.find((v) => v.variantId === variant.id);
  if (told) return { state: told.state, left: told.state === 'low' ? told.left : null };
  return { state: variant.stock, left: null };
}

/** The most units one add may ask for: 99 a line, and no more than are left when that is told. */
export function maxAddQuantity(left: number | null | undefined): number {
  return left !== null && left !== undefined && left >= 0 ? Math.min(MAX_LINE_QUANTITY, left) : MAX_LINE_QUANTITY;
}

/** A quantity typed or stepped, kept within 1…max; anything unreadable is 1. */
export function clampQuantity(value: unknown, max: number = MAX_LINE_QUANTITY): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  if (!Number.isFinite(n)) return 1;
  return Math.min(Math.max(1, Math.trunc(n)), Math.max(1, max));
}

/**
 * The quantity a line's form asks for: a stepper button's `set` (−/+, which submit without JS)
 * wins over the typed `quantity`. Null when neither is a whole number of 1–99.
 */
export function requestedQuantity(form: FormData): number | null {
  const raw = form.get('set') ?? form.get('quantity');
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_LINE_QUANTITY ? n : null;
}

/** What is to be said under a line: its price moved, it cannot be bought any more, or it asks for more than is left. */
export type LineNotice =
  { kind: 'unavailable' } | { kind: 'exceeds'; available: number } | { kind: 'priceChanged'; from: number; to: number };

export function lineNotices(line: CartLine): LineNotice[] {
  if (line.unavailable) return [{ kind: 'unavailable' }];
  const notices: LineNotice[] = [];
  if (line.exceedsAvailable) notices.push({ kind: 'exceeds', available: line.available ?? 0 });
  if (line.priceChanged) notices.push({ kind: 'priceChanged', from: line.unitPriceWhenAdded, to: line.unitPrice });
  return notices;
}

/** The most a line's stepper offers: 99, and what is left when the line already asks for more than that. */
export function lineMaxQuantity(line: Pick<CartLine, 'available' | 'quantity'>): number {
  if (line.available === null) return MAX_LINE_QUANTITY;
  return Math.min(MAX_LINE_QUANTITY, Math.max(line.available, 1));
}

const refusals: readonly CouponRefusal[] = [
  'unknown',
  'not_started',
  'expired',
  'minimum_not_met',
  'used_up',
  'not_applicable',
  'not_combinable',
];

/**
 * Why a coupon was refused, read from a COUPON_INVALID problem document (or a refused cart
 * coupon): the reason, the amount still missing for a minimum, and which limit was used up.
 */
export function couponRefusal(doc: unknown): {
  reason: CouponRefusal;
  missingAmount: number | null;
  limit: 'total' | 'per_customer' | null;
} {
  const d = (doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>;
  const reason = refusals.includes(d.reason as CouponRefusal) ? (d.reason as CouponRefusal) : 'unknown';
  const missingAmount = typeof d.missingAmount === 'number' && Number.isSafeInteger(d.missingAmount) ? d.missingAmount : null;
  const limit = d.limit === 'total' || d.limit === 'per_customer' ? d.limit : null;
  return { reason, missingAmount, limit };
}

/** The message key of a coupon refusal; a minimum not met without its figure falls back to the plain wording. */
export function couponRefusalKey(refusal: { reason: CouponRefusal; missingAmount: number | null; limit: 'total' | 'per_customer' | null }) {
  if (refusal.reason === 'minimum_not_met' && refusal.missingAmount === null) return 'cart.coupon.refused.minimum_not_met_plain' as const;
  if (refusal.reason === 'used_up' && refusal.limit === 'per_customer') return 'cart.coupon.refused.used_up_per_customer' as const;
  return `cart.coupon.refused.${refusal.reason}` as const;
}

/** The shipping method the cart is priced with, if one is chosen. */
export function selectedShipping(cart: Pick<Cart, 'shippingMethodId' | 'shippingMethods'>) {
  return cart.shippingMethods.find((m) => m.id === cart.shippingMethodId) ?? null;
}

/** The summary's shipping row: to be chosen, free, or the fee (with the part a promotion waives). */
export function shippingSummary(
  cart: Pick<Cart, 'needsShipping' | 'shippingMethodId' | 'shippingMethods' | 'totals'>,
): { kind: 'none' } | { kind: 'choose' } | { kind: 'free'; fee: number } | { kind: 'fee'; fee: number; discount: number; total: number } {
  if (!cart.needsShipping) return { kind: 'none' };
  if (!selectedShipping(cart)) return { kind: 'choose' };
  const { shipping, shippingDiscount } = cart.totals;
  const total = shipping - shippingDiscount;
  if (total <= 0) return { kind: 'free', fee: shipping };
  return { kind: 'fee', fee: shipping, discount: shippingDiscount, total };
}

/** Whether the cart can go to checkout: something to buy, and nothing that checkout would refuse. */
export function checkoutBlockers(cart: Pick<Cart, 'lines'>): { empty: boolean; unavailable: number; exceeding: number } {
  const buyable = cart.lines.filter((l) => !l.unavailable);
  return {
    empty: buyable.length === 0,
    unavailable: cart.lines.length - buyable.length,
    exceeding: buyable.filter((l) => l.exceedsAvailable).length,
  };
}

/**
 * From an INVENTORY_SHORTAGE document: the units of the variant that may still go into the cart.
 * `available` counts what can be sold now, `requested` what the cart would have held in all
 * (`adding` of them new).
 */
export function unitsStillAddable(doc: unknown, adding: number): number {
  const { available, requested } = (doc && typeof doc === 'object' ? doc : {}) as { available?: unknown; requested?: unknown };
  if (typeof available !== 'number' || !Number.isFinite(available)) return 0;
  const inCart = typeof requested === 'number' ? Math.max(0, requested - adding) : 0;
  return Math.max(0, Math.trunc(available) - inCart);
}

/** A line's (or gift's) product name in the page's language, else its SKU. */
export function productName(
  item: { productName: { 'zh-TW': string; en: string } | null; sku?: string | null },
  locale: 'zh-TW' | 'en',
  fallback: string,
): string {
  if (item.productName) return (locale === 'en' && item.productName.en) || item.productName['zh-TW'] || fallback;
  return item.sku ?? fallback;
}
