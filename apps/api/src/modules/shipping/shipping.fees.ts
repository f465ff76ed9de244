// What each shipping method would charge for a cart: pure, no I/O. The cart calls it server-side
// with the methods from `listActiveMethods` and the facts of its lines.
import { isOutlyingIsland, isUnservedDistrict } from '@shop/contracts/tw-address';
import type { ShippingUnavailableReason } from '@shop/contracts/shipping';
import type { ShippingMethod, ShippingMethodId } from './shipping.types.js';

/** The rules of a method the quote reads (a stored `ShippingMethod` has them all). */
export type QuoteMethod = Pick<
  ShippingMethod,
  | 'id'
  | 'kind'
  | 'active'
  | 'fee'
  | 'freeShippingThreshold'
  | 'islandSurcharge'
  | 'maxWeightGrams'
  | 'maxSizeCm'
  | 'minOrderAmount'
  | 'maxOrderAmount'
  | 'unknownItemWeightGrams'
>;

export interface QuoteLine {
  /** Units, a positive integer. */
  quantity: number;
  /** One unit's weight; null when not recorded (the method's `unknownItemWeightGrams` stands in). */
  weightGrams: number | null;
  /** Virtual products ship nothing: no weight, no eligibility check. */
  virtual: boolean;
  /** False for products a convenience store may not hand over (store pickup is then unavailable). */
  storePickupEligible: boolean;
}

export interface QuoteInput {
  methods: readonly QuoteMethod[];
  lines: readonly QuoteLine[];
  /** The order amount the thresholds and amount ranges are measured on (after discounts, as the caller decides). */
  subtotal: number;
  /** The delivery address's 縣市 and 鄉鎮市區 as stored (臺, not 台; 台 is read as 臺); omitted: no surcharge. */
  destination?: { city: string; district: string } | undefined;
  /** The packed parcel's size as the sum of its three sides in cm, when the caller knows it; omitted: not checked. */
  parcelSizeCm?: number | undefined;
}

export type MethodQuote =
  | {
      methodId: ShippingMethodId;
      available: true;
      /** What the shopper pays for shipping: the base fee (0 when free) plus the surcharge. */
      fee: number;
      /** The method's fee for this parcel before the free-shipping threshold. */
      baseFee: number;
      freeShippingApplied: boolean;
      /** The outlying-islands surcharge included in `fee`. */
      surcharge: number;
      /** How much more the order must amount to for free shipping: 0 when reached, null when the method has no threshold. */
      missingForFree: number | null;
      /** The parcel's weight the fee was set by. */
      weightGrams: number;
      /** True when some unit's weight was not recorded and the method's default stood in. */
      weightEstimated: boolean;
    }
  | { methodId: ShippingMethodId; available: false; reason: ShippingUnavailableReason };

export type ShippingQuote = { needsShipping: false; quotes: [] } | { needsShipping: true; quotes: MethodQuote[] };

// The island and unserved lists live with the postal data in the contracts, shared with the web app.
export { OUTLYING_CITIES, OUTLYING_DISTRICTS, UNSERVED_DISTRICTS } from '@shop/contracts/tw-address';

/** Where a destination lies: on the main island, on an outlying island, or where nobody delivers. */
export function destinationZone(destination: { city: string; district: string }): 'mainland' | 'outlying' | 'unserved' {
  if (isUnservedDistrict(destination.city, destination.district)) return 'unserved';
  if (isOutlyingIsland(destination.city, destination.district)) return 'outlying';
  return 'mainland';
}

/** The fee schedule's price for a parcel of this weight, or undefined when it is heavier than the last band. */
function baseFeeFor(fee: QuoteMethod['fee'], weightGrams: number): number | undefined {
  if (fee.type === 'flat') return fee.amount;
  return fee.bands.find((b) => weightGrams <= b.upToGrams)?.fee;
}

function checkLine(line: QuoteLine, i: number): void {
  if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new RangeError(`line ${i}: quantity must be a positive integer`);
  if (line.weightGrams !== null && (!Number.isInteger(line.weightGrams) || line.weightGrams < 0)) {
    throw new RangeError(`line ${i}: weightGrams must be a non-negative integer or null`);
  }
}

/**
 * Quotes every given method for a cart, in the order given. A cart without physical lines needs no
 * shipping (`needsShipping: false`, no quotes). Otherwise each method is either unavailable with
 * the first reason that applies, checked in this order: inactive; a store pickup with a line not
 * eligible for it; the subtotal outside the method's amount range; the parcel heavier than the
 * method's limit or its last weight band; larger than its size limit (when the size is known); a
 * destination no carrier serves. Or available with its fee:
 *
 * - the parcel weighs the sum of quantity × unit weight over physical lines; a unit whose weight is
 *   unknown counts as the method's `unknownItemWeightGrams` (and `weightEstimated` is true);
 * - the base fee is the flat fee or the first weight band that holds the parcel (bands are inclusive
 *   of their `upToGrams`);
 * - a subtotal at or above the free-shipping threshold makes the base fee 0;
 * - a destination on the outlying islands adds the method's surcharge, free shipping or not.
 *
 * Throws RangeError for a line with a quantity below 1 or a negative or fractional weight, and for
 * a negative or fractional subtotal: callers pass validated data.
 */
export function quoteShipping(input: QuoteInput): ShippingQuote {
  input.lines.forEach(checkLine);
  if (!Number.isInteger(input.subtotal) || input.subtotal < 0) throw new RangeError('subtotal must be a non-negative integer');
  const physical = input.lines.filter((l) => !l.virtual);
  if (physical.length === 0) return { needsShipping: false, quotes: [] };

  const zone = input.destination ? destinationZone(input.destination) : 'mainland';
  const pickupEligible = physical.every((l) => l.storePickupEligible);
  const weightEstimated = physical.some((l) => l.weightGrams === null);

  const quotes = input.methods.map((m): MethodQuote => {
    const unavailable = (reason: ShippingUnavailableReason): MethodQuote => ({ methodId: m.id, available: false, reason });
    if (!m.active) return unavailable('inactive');
    if (m.kind === 'store_pickup' && !pickupEligible) return unavailable('item_not_eligible');
    if (input.subtotal < m.minOrderAmount || (m.maxOrderAmount !== null && input.subtotal > m.maxOrderAmount))
      return unavailable('amount_out_of_range');
    const weightGrams = physical.reduce((sum, l) => sum + l.quantity * (l.weightGrams ?? m.unknownItemWeightGrams), 0);
    if (m.maxWeightGrams !== null && weightGrams > m.maxWeightGrams) return unavailable('too_heavy');
    const baseFee = baseFeeFor(m.fee, weightGrams);
    if (baseFee === undefined) return unavailable('too_heavy');
    if (m.maxSizeCm !== null && input.parcelSizeCm !== undefined && input.parcelSizeCm > m.maxSizeCm) return unavailable('too_large');
    if (zone === 'unserved') return unavailable('destination_not_served');

    const freeShippingApplied = m.freeShippingThreshold !== null && input.subtotal >= m.freeShippingThreshold;
    const surcharge = zone === 'outlying' ? m.islandSurcharge : 0;
    return {
      methodId: m.id,
      available: true,
      fee: (freeShippingApplied ? 0 : baseFee) + surcharge,
      baseFee,
      freeShippingApplied,
      surcharge,
      missingForFree: m.freeShippingThreshold === null ? null : Math.max(0, m.freeShippingThreshold - input.subtotal),
      weightGrams,
      weightEstimated,
    };
  });
  return { needsShipping: true, quotes };
}
