// What a refused checkout tells the shopper: the new figures of PRICE_CHANGED and the lines of
// INVENTORY_SHORTAGE, read from the problem document (anything malformed is left out, not guessed).
import type { Cart } from '@shop/contracts/cart';
import { productName } from '$lib/cart/cart';
import type { Locale } from '$lib/i18n';

export interface NewFigures {
  subtotal: number;
  discounts: number;
  shipping: number;
  total: number;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The server's figures from a PRICE_CHANGED document (`current.totals`), or null. */
export function priceChangedFigures(doc: unknown): NewFigures | null {
  const totals = (doc as { current?: { totals?: Record<string, unknown> } } | null)?.current?.totals;
  if (!totals) return null;
  const { subtotal, lineDiscounts, orderDiscounts, shipping, shippingDiscount, total } = totals;
  if (![subtotal, lineDiscounts, orderDiscounts, shipping, shippingDiscount, total].every(isInt)) return null;
  return {
    subtotal: subtotal as number,
    discounts: (lineDiscounts as number) + (orderDiscounts as number),
    shipping: (shipping as number) - (shippingDiscount as number),
    total: total as number,
  };
}

export interface ShortLine {
  name: string;
  requested: number;
  available: number;
}

/**
 * The cart lines an INVENTORY_SHORTAGE names (`lines: [{ variantId, requested, available }]`),
 * with their product names in the page's language; a variant not in the cart keeps its SKU-less fallback.
 */
export function shortageLines(doc: unknown, cart: Pick<Cart, 'lines'>, locale: Locale, fallback: string): ShortLine[] {
  const lines = (doc as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines)) return [];
  const out: ShortLine[] = [];
  for (const raw of lines as Array<Record<string, unknown>>) {
    if (!raw || typeof raw.variantId !== 'string' || !isInt(raw.requested) || !isInt(raw.available)) continue;
    const line = cart.lines.find((l) => l.variantId === raw.variantId);
    out.push({
      name: line ? productName(line, locale, fallback) : fallback,
      requested: raw.requested,
      available: Math.max(0, raw.available),
    });
  }
  return out;
}
