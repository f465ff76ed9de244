// Cart use cases. Whose cart: the signed-in user's, else the guest's by the hash of its token. Every
// write locks the cart row first (the first lock of the global order) and runs in one transaction;
// every answer is the cart priced again on the server from the catalog's current facts.
import { createHash, randomBytes } from 'node:crypto';
import { MAX_LINE_QUANTITY, type Cart } from '@shop/contracts/cart';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, NotFoundError, type AppError } from '../../platform/errors.js';
import { readVersions, type ReadVersions } from '../../platform/read-versions.js';
import { withTx } from '../../platform/tx.js';
import { variantsForCart, type CartVariantFacts } from '../catalog/index.js';
import { stockLevels, type StockLevel } from '../inventory/index.js';
import {
  activeAutomaticPromotions,
  customerKeyForUser,
  findCoupon,
  priceCart,
  shopPricing,
  usageFacts,
  type PricedCart,
  type PricingLineInput,
  type Promotion,
} from '../pricing/index.js';
import { listActiveMethodsAt, quoteShipping, type MethodQuote, type ShippingMethod } from '../shipping/index.js';
import * as repo from './cart.repo.js';

export interface CartDeps {
  db: Db;
  clock: Clock;
}

/** Who asks: the signed-in user (if any) and the guest token from the `cart_token` cookie (if any). */
export interface CartCaller {
  userId: string | null;
  guestToken: string | undefined;
}

/** The priced cart and what to do with the guest cookie: set a new token, clear it, or leave it. */
export interface CartResult {
  cart: Cart;
  cookie: { set: string } | { clear: true } | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newGuestToken = () => randomBytes(32).toString('base64url');

const itemNotFound = (id: string) => new NotFoundError('cart item', id, 'CART_ITEM_NOT_FOUND');
const shortage = (variantId: string, requested: number, available: number) =>
  new ConflictError('INVENTORY_SHORTAGE', `Only ${available} left of this item.`, { variantId, requested, available });

// ---------- whose cart ----------

/**
 * A signed-in shopper who still carries a guest cookie has just signed in: the guest cart goes into
 * the user's in one transaction (both carts locked in id order first). Quantities are added, each
 * line capped by what can be sold now and by 99 (a line capped to 0 is dropped); the guest's coupon
 * and shipping method are kept when the user's cart has none; the guest cart becomes `merged`.
 * Answers whether the cookie is to be cleared (always, once signed in).
 */
async function mergeGuestCart(deps: CartDeps, caller: CartCaller): Promise<boolean> {
  if (!caller.userId || caller.guestToken === undefined) return false;
  const userId = caller.userId;
  const hash = hashToken(caller.guestToken);
  await withTx(deps.db, async (tx) => {
    const found = await repo.findGuestCart(tx, hash);
    if (!found || found.status !== 'active') return;
    const own = await repo.ensureUserCart(tx, userId);
    const locked = await repo.lockCarts(tx, [found.id, own.id]);
    const guest = locked.find((c) => c.id === found.id);
    const mine = locked.find((c) => c.id === own.id);
    if (!guest || !mine || guest.status !== 'active' || mine.status !== 'active') return;

    const guestItems = [...(await repo.itemsOf(tx, guest.id))].sort((a, b) => a.variantId.localeCompare(b.variantId));
    const myItems = await repo.itemsOf(tx, mine.id);
    const levels = await stockLevels(tx, [...new Set([...guestItems, ...myItems].map((i) => i.variantId))]);
    const quantities = new Map(myItems.map((i) => [i.id, i.quantity]));
    const unitsOf = (variantId: string) =>
      myItems.filter((i) => i.variantId === variantId).reduce((n, i) => n + (quantities.get(i.id) ?? 0), 0);

    for (const g of guestItems) {
      const level = levels.get(g.variantId);
      const target = myItems.find((i) => i.variantId === g.variantId && i.addOnOf === g.addOnOf);
      const current = target ? quantities.get(target.id)! : 0;
      const others = unitsOf(g.variantId) - current;
      const room = !level || level.unlimited ? MAX_LINE_QUANTITY : Math.max(0, level.available - others);
      const next = Math.min(MAX_LINE_QUANTITY, current + g.quantity, Math.max(room, current));
      if (target) {
        if (next !== current) await repo.setItemQuantity(tx, target.id, next);
        quantities.set(target.id, next);
        await repo.deleteItem(tx, g.id);
      } else if (next > 0) {
        await repo.moveItem(tx, g.id, mine.id, next);
        myItems.push({ ...g, cartId: mine.id, quantity: next });
        quantities.set(g.id, next);
      } else {
        await repo.deleteItem(tx, g.id);
      }
    }
    await repo.updateCart(tx, mine.id, {
      couponCode: mine.couponCode ?? guest.couponCode,
      shippingMethodId: mine.shippingMethodId ?? guest.shippingMethodId,
    });
    await repo.updateCart(tx, guest.id, { status: 'merged' });
  });
  return true;
}

type CartWithItems = repo.CartWithItems;
/** Variant facts and stock levels a change's transaction read: the answer's pricing reads only what they lack. */
interface Known {
  facts: Map<string, CartVariantFacts>;
  levels: Map<string, StockLevel>;
}

/** The caller's active cart and its lines, without creating one (one statement). */
async function currentCart(db: Db | Tx, caller: CartCaller): Promise<CartWithItems | undefined> {
  if (caller.userId) return repo.findUserCartWithItems(db, caller.userId);
  if (caller.guestToken === undefined) return undefined;
  const found = await repo.findGuestCartWithItems(db, hashToken(caller.guestToken));
  return found?.cart.status === 'active' ? found : undefined;
}

/** The caller's active cart, locked by the statement that finds it (a guest cart that is no longer active counts as none). */
async function lockCurrentCart(tx: Tx, caller: CartCaller): Promise<repo.CartRow | undefined> {
  if (caller.userId) return repo.lockOwnCart(tx, { userId: caller.userId });
  if (caller.guestToken === undefined) return undefined;
  const cart = await repo.lockOwnCart(tx, { tokenHash: hashToken(caller.guestToken) });
  return cart?.status === 'active' ? cart : undefined;
}

/**
 * Runs a change on the caller's cart in one transaction, the cart row locked first. With `create`,
 * a caller without a cart gets one (a guest a new token, set as the cookie); without, a missing cart
 * is `missing()`. Answers the cart priced after the commit.
 */
async function change(
  deps: CartDeps,
  caller: CartCaller,
  opts: { create: boolean; missing?: () => AppError },
  fn: (tx: Tx, cart: repo.CartRow) => Promise<Known | void>,
): Promise<CartResult> {
  const cleared = await mergeGuestCart(deps, caller);
  const who: CartCaller = cleared ? { ...caller, guestToken: undefined } : caller;
  let token: string | undefined;
  let known: Known | undefined;
  const after = await withTx(deps.db, async (tx) => {
    token = undefined;
    let locked = await lockCurrentCart(tx, who);
    if (!locked) {
      if (!opts.create) {
        if (opts.missing) throw opts.missing();
        return undefined;
      }
      let cart: repo.CartRow;
      if (who.userId) cart = await repo.ensureUserCart(tx, who.userId);
      else {
        token = newGuestToken();
        cart = await repo.insertGuestCart(tx, hashToken(token));
      }
      [locked] = await repo.lockCarts(tx, [cart.id]);
      if (!locked || locked.status !== 'active') throw new ConflictError('VERSION_CONFLICT', 'The cart changed meanwhile; try again.');
    }
    known = (await fn(tx, locked)) ?? undefined;
    // The cart and its lines as this transaction leaves them: what the answer prices.
    return repo.touchCart(tx, locked.id);
  });
  return {
    cart: await priceView(deps, after, who.userId, { known }),
    cookie: token ? { set: token } : cleared ? { clear: true } : null,
  };
}

// ---------- use cases ----------

/** The caller's cart, priced now (an empty cart when there is none yet; nothing is created). */
export async function getCart(deps: CartDeps, caller: CartCaller): Promise<CartResult> {
  const cleared = await mergeGuestCart(deps, caller);
  const who: CartCaller = cleared ? { ...caller, guestToken: undefined } : caller;
  return { cart: await priceView(deps, await currentCart(deps.db, who), who.userId), cookie: cleared ? { clear: true } : null };
}

/** Units of a variant in the cart's lines, leaving one line out. */
const unitsInCart = (items: readonly repo.CartItemRow[], variantId: string, exceptItemId?: string) =>
  items.filter((i) => i.variantId === variantId && i.id !== exceptItemId).reduce((n, i) => n + i.quantity, 0);

function checkAvailable(level: StockLevel | undefined, variantId: string, requested: number): void {
  if (level?.unlimited) return;
  const available = Math.max(0, level?.available ?? 0);
  if (requested > available) throw shortage(variantId, requested, available);
}

/**
 * Adds units of a variant (to its line when there is one). 409 CART_VARIANT_UNAVAILABLE for a
 * variant that is not sold or not on the shelf, or an add-on the running promotions do not offer;
 * 409 CART_LINE_LIMIT past 99 units on the line; 409 INVENTORY_SHORTAGE with `available` when the
 * cart would hold more units of the variant than can be sold now (stock is not held by the cart).
 */
export async function addItem(
  deps: CartDeps,
  caller: CartCaller,
  input: { variantId: string; quantity: number; addOnOf: string | null },
): Promise<CartResult> {
  const now = deps.clock.now();
  return change(deps, caller, { create: true }, async (tx, cart) => {
    // The facts and stock of every variant in the cart, not only the added one: the answer prices them all.
    const items = await repo.itemsOf(tx, cart.id);
    const ids = [...new Set([input.variantId, ...items.map((i) => i.variantId)])];
    const known: Known = { facts: await variantsForCart(tx, ids), levels: await stockLevels(tx, ids) };
    const facts = known.facts.get(input.variantId);
    if (!facts || !facts.active || !facts.buyerVisible)
      throw new ConflictError('CART_VARIANT_UNAVAILABLE', 'This item is not for sale.', { variantId: input.variantId });
    if (input.addOnOf) {
      const offered = (await activeAutomaticPromotions(tx, now)).some(
        (p) => p.id === input.addOnOf && p.kind === 'add_on' && p.offers.some((o) => o.variantId === input.variantId),
      );
      if (!offered)
        throw new ConflictError('CART_VARIANT_UNAVAILABLE', 'No running add-on offer holds this item.', {
          variantId: input.variantId,
          addOnOf: input.addOnOf,
        });
    }
    const line = items.find((i) => i.variantId === input.variantId && i.addOnOf === input.addOnOf);
    const next = (line?.quantity ?? 0) + input.quantity;
    if (next > MAX_LINE_QUANTITY)
      throw new ConflictError('CART_LINE_LIMIT', `A line holds at most ${MAX_LINE_QUANTITY} units.`, {
        maxQuantity: MAX_LINE_QUANTITY,
        inCart: line?.quantity ?? 0,
      });
    const level = known.levels.get(input.variantId);
    checkAvailable(level, input.variantId, unitsInCart(items, input.variantId, line?.id) + next);
    if (line) await repo.setItemQuantity(tx, line.id, next);
    else
      await repo.insertItem(tx, {
        cartId: cart.id,
        variantId: facts.variantId,
        productId: facts.productId,
        quantity: next,
        unitPriceWhenAdded: facts.price,
        addOnOf: input.addOnOf,
      });
    return known;
  });
}

/**
 * Sets a line's quantity. Another shopper's line (or none) is 404 CART_ITEM_NOT_FOUND; raising it
 * past what can be sold is 409 INVENTORY_SHORTAGE with `available` (lowering always works).
 */
export async function updateItem(deps: CartDeps, caller: CartCaller, input: { itemId: string; quantity: number }): Promise<CartResult> {
  return change(deps, caller, { create: false, missing: () => itemNotFound(input.itemId) }, async (tx, cart) => {
    const items = await repo.itemsOf(tx, cart.id);
    const line = items.find((i) => i.id === input.itemId);
    if (!line) throw itemNotFound(input.itemId);
    if (input.quantity > line.quantity) {
      const level = (await stockLevels(tx, [line.variantId])).get(line.variantId);
      checkAvailable(level, line.variantId, unitsInCart(items, line.variantId, line.id) + input.quantity);
    }
    await repo.setItemQuantity(tx, line.id, input.quantity);
  });
}

/** Removes a line; another shopper's line (or none) is 404 CART_ITEM_NOT_FOUND. */
export async function removeItem(deps: CartDeps, caller: CartCaller, input: { itemId: string }): Promise<CartResult> {
  return change(deps, caller, { create: false, missing: () => itemNotFound(input.itemId) }, async (tx, cart) => {
    const line = await repo.findItem(tx, cart.id, input.itemId);
    if (!line) throw itemNotFound(input.itemId);
    await repo.deleteItem(tx, line.id);
  });
}

/**
 * Applies a coupon code when the pricing engine applies it to the cart as it is; otherwise 409
 * COUPON_INVALID with the engine's `reason` (and `missingAmount` or `limit` where it gives them),
 * and the code is not stored. Replaces a code the cart held.
 */
export async function applyCoupon(deps: CartDeps, caller: CartCaller, input: { code: string }): Promise<CartResult> {
  const cleared = await mergeGuestCart(deps, caller);
  const who: CartCaller = cleared ? { ...caller, guestToken: undefined } : caller;
  const existing = await currentCart(deps.db, who);
  const trial = await priceView(deps, existing, who.userId, { couponCode: input.code });
  const outcome = trial.coupon;
  if (!outcome || outcome.status !== 'applied') {
    throw new ConflictError('COUPON_INVALID', `The code cannot be used: ${outcome?.reason ?? 'unknown'}.`, {
      reason: outcome?.reason ?? 'unknown',
      ...(outcome?.missingAmount != null ? { missingAmount: outcome.missingAmount } : {}),
      ...(outcome?.limit ? { limit: outcome.limit } : {}),
    });
  }
  const result = await change(deps, who, { create: true }, async (tx, cart) => {
    await repo.updateCart(tx, cart.id, { couponCode: outcome.code });
  });
  return { ...result, cookie: result.cookie ?? (cleared ? { clear: true } : null) };
}

/** Takes the coupon off the cart (nothing to do without one). */
export async function removeCoupon(deps: CartDeps, caller: CartCaller): Promise<CartResult> {
  return change(deps, caller, { create: false }, async (tx, cart) => {
    await repo.updateCart(tx, cart.id, { couponCode: null });
  });
}

/**
 * Chooses the shipping method (null: none). A method that is not active or cannot carry this cart
 * (or a cart that needs no shipping) is 409 CART_SHIPPING_METHOD_UNAVAILABLE with the `reason`.
 */
export async function chooseShippingMethod(deps: CartDeps, caller: CartCaller, input: { methodId: string | null }): Promise<CartResult> {
  const cleared = await mergeGuestCart(deps, caller);
  const who: CartCaller = cleared ? { ...caller, guestToken: undefined } : caller;
  if (input.methodId !== null) {
    const view = await priceView(deps, await currentCart(deps.db, who), who.userId);
    const method = view.shippingMethods.find((m) => m.id === input.methodId);
    const reason = !view.needsShipping ? 'no_shipping_needed' : !method ? 'unknown' : method.available ? null : method.reason;
    if (reason !== null)
      throw new ConflictError('CART_SHIPPING_METHOD_UNAVAILABLE', 'This shipping method cannot carry the cart.', {
        methodId: input.methodId,
        reason,
      });
  }
  const result = await change(deps, who, { create: input.methodId !== null }, async (tx, cart) => {
    await repo.updateCart(tx, cart.id, { shippingMethodId: input.methodId });
  });
  return { ...result, cookie: result.cookie ?? (cleared ? { clear: true } : null) };
}

// ---------- pricing the cart ----------

const money = (n: number) => `NT$${n.toLocaleString('en-US')}`;
const EMPTY_TOTALS = { subtotal: 0, lineDiscounts: 0, orderDiscounts: 0, shipping: 0, shippingDiscount: 0, total: 0 };

function stepMessage(kind: string, missingAmount: number | null, missingQuantity: number | null, name: { 'zh-TW': string; en: string }) {
  const free = kind === 'free_shipping' || kind === 'free_shipping_threshold';
  if (missingAmount !== null) {
    return free
      ? { 'zh-TW': `再買 ${money(missingAmount)} 即可免運`, en: `${money(missingAmount)} more for free shipping` }
      : { 'zh-TW': `再買 ${money(missingAmount)} 即享「${name['zh-TW']}」`, en: `${money(missingAmount)} more for “${name.en}”` };
  }
  const n = missingQuantity ?? 0;
  return { 'zh-TW': `再買 ${n} 件即享「${name['zh-TW']}」`, en: `${n} more item${n === 1 ? '' : 's'} for “${name.en}”` };
}

/** Everything a priced cart is made of: the engine's answer and the facts it was computed from. */
export interface PricedCartState {
  items: repo.CartItemRow[];
  facts: Map<string, CartVariantFacts>;
  levels: Map<string, StockLevel>;
  priced: PricedCart;
  methods: ShippingMethod[];
  quotes: MethodQuote[];
  needsShipping: boolean;
  /** The shipping method priced in (null: none chosen, or it cannot carry the cart). */
  selected: string | null;
  /** Gift units the stock could give per gift promotion, as the engine was told. */
  giftAvailable: Record<string, number>;
}

/** Runs reads together on the pool, one after the other in a transaction (one connection). */
async function both<A, B>(together: boolean, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (together) return Promise.all([a(), b()]);
  return [await a(), await b()];
}

/**
 * Prices a cart's lines now on `db` (the pool, or a transaction that locked the cart): the lines at
 * the catalog's current prices, the automatic promotions, the coupon, the shipping methods quoted
 * on the merchandise total after discounts (to `destination` when given). Unavailable lines are
 * left out of the engine's input. The shop-wide sets (running promotions, stacking policy, shipping
 * methods) come from copies kept in memory while their read versions (`versions`, else read here)
 * are unchanged; `known` facts and levels are not read again.
 */
async function priceState(
  db: Db | Tx,
  v: {
    now: Date;
    items: repo.CartItemRow[];
    couponCode: string | null;
    customerKey: string | null;
    shippingMethodId: string | null;
    destination?: { city: string; district: string } | undefined;
    versions?: ReadVersions | undefined;
    known?: Known | undefined;
    /** False inside a transaction: its reads go one after the other. */
    together: boolean;
  },
): Promise<PricedCartState> {
  const { now, items, couponCode, together } = v;
  const [versions, coupon] = await both(
    together,
    () => (v.versions ? Promise.resolve(v.versions) : readVersions(db)),
    () => (couponCode === null ? Promise.resolve(null) : findCoupon(db, couponCode, now)),
  );
  const [{ automatic, policy }, methods] = await both(
    together,
    () => shopPricing(db, now, versions.pricing),
    () => listActiveMethodsAt(db, versions.shipping),
  );
  const giftVariantIds = automatic.flatMap((p) => (p.kind === 'gift_with_purchase' ? [p.gift.variantId] : []));
  const variantIds = [...new Set([...items.map((i) => i.variantId), ...giftVariantIds])];
  const missing = variantIds.filter((id) => !v.known?.facts.has(id) || !v.known.levels.has(id));
  const [facts, levels] = await both(
    together,
    () => variantsForCart(db, missing),
    () => stockLevels(db, missing),
  );
  for (const [id, f] of v.known?.facts ?? []) if (!facts.has(id)) facts.set(id, f);
  for (const [id, l] of v.known?.levels ?? []) if (!levels.has(id)) levels.set(id, l);
  const promotionIds = [...automatic.map((p) => p.id), ...(coupon?.promotion ? [coupon.promotion.id] : [])];
  const usage = await usageFacts(db, {
    promotionIds,
    customerKey: v.customerKey,
    couponCode: coupon?.promotion ? coupon.code : undefined,
  });
  const giftAvailableOf: Record<string, number> = {};
  for (const p of automatic) {
    if (p.kind !== 'gift_with_purchase') continue;
    const level = levels.get(p.gift.variantId);
    const giftFacts = facts.get(p.gift.variantId);
    const sellable = giftFacts?.active && giftFacts.buyerVisible;
    const giftAvailable = !sellable || !level ? 0 : level.unlimited ? p.gift.quantity : Math.max(0, level.available);
    usage[p.id] = { ...usage[p.id], giftAvailable };
    giftAvailableOf[p.id] = giftAvailable;
  }
  const isSellable = (f: CartVariantFacts | undefined): f is CartVariantFacts => !!f && f.active && f.buyerVisible;
  const sellable = items.filter((i) => isSellable(facts.get(i.variantId)));
  const lines: PricingLineInput[] = sellable.map((i) => {
    const f = facts.get(i.variantId)!;
    return {
      lineId: i.id,
      productId: f.productId,
      variantId: f.variantId,
      categoryIds: f.categoryIds,
      brandId: f.brandId,
      unitPrice: f.price,
      quantity: i.quantity,
      excludedFromOrderDiscounts: f.excludedFromOrderDiscounts,
      addOnOf: i.addOnOf,
    };
  });

  const base = { now, lines, policy, automaticPromotions: automatic as Promotion[], coupon, facts: usage };
  // First without shipping: the merchandise total after discounts sets the shipping quotes.
  const merchandise = priceCart({ ...base, shippingOptions: [], selectedShippingOptionId: null });
  const quote = quoteShipping({
    methods,
    lines: sellable.map((i) => {
      const f = facts.get(i.variantId)!;
      return {
        quantity: i.quantity,
        weightGrams: f.weightGrams,
        virtual: f.fulfilment === 'virtual',
        storePickupEligible: f.storePickupEligible,
      };
    }),
    subtotal: merchandise.totals.total,
    destination: v.destination,
  });
  const quotes: MethodQuote[] = quote.needsShipping ? quote.quotes : [];
  const options = quotes.flatMap((q) => (q.available ? [{ id: q.methodId, fee: q.fee }] : []));
  const selected = options.some((o) => o.id === v.shippingMethodId) ? v.shippingMethodId : null;
  const priced: PricedCart = priceCart({ ...base, shippingOptions: options, selectedShippingOptionId: selected });
  return { items, facts, levels, priced, methods, quotes, needsShipping: quote.needsShipping, selected, giftAvailable: giftAvailableOf };
}

/**
 * Prices a cart (or the empty cart) now: the lines at the catalog's current prices, the automatic
 * promotions, the coupon (`couponCode` overrides the stored one, for trying a code), the shipping
 * methods quoted on the merchandise total after discounts. Unavailable lines stay listed but out
 * of the totals.
 */
async function priceView(
  deps: CartDeps,
  current: CartWithItems | undefined,
  userId: string | null,
  opts: { couponCode?: string; known?: Known | undefined } = {},
): Promise<Cart> {
  const cart = current?.cart;
  const state = await priceState(deps.db, {
    now: deps.clock.now(),
    items: current?.items ?? [],
    couponCode: opts.couponCode ?? cart?.couponCode ?? null,
    customerKey: userId ? customerKeyForUser(userId) : null,
    shippingMethodId: cart?.shippingMethodId ?? null,
    versions: current?.versions,
    known: opts.known,
    together: true,
  });
  return toView({ ...state, cart });
}

// ---------- for checkout ----------

/** The caller's cart locked for checkout, priced inside the checkout's transaction. */
export interface CheckoutCart extends PricedCartState {
  cartId: string;
  couponCode: string | null;
  /** The cart as the shopper's page shows it, from the same figures. */
  view: Cart;
}

/**
 * For checkout, in its transaction: the caller's active cart locked (`FOR UPDATE`, the first lock
 * of the global order) and priced now in `tx` for this customer (`customerKey`: the user's, or the
 * guest's e-mail key), the shipping method and the destination; undefined when the caller has no
 * active cart. Reads only.
 */
export async function lockCartForCheckout(
  tx: Tx,
  caller: CartCaller,
  input: { now: Date; customerKey: string; shippingMethodId: string | null; destination?: { city: string; district: string } | undefined },
): Promise<CheckoutCart | undefined> {
  const cart = await lockCurrentCart(tx, caller);
  if (!cart) return undefined;
  const items = await repo.itemsOf(tx, cart.id);
  const state = await priceState(tx, {
    now: input.now,
    items,
    couponCode: cart.couponCode,
    customerKey: input.customerKey,
    shippingMethodId: input.shippingMethodId,
    destination: input.destination,
    together: false,
  });
  return { ...state, cartId: cart.id, couponCode: cart.couponCode, view: toView({ ...state, cart }) };
}

/** Checkout placed the order: the cart becomes `converted` (the next add starts a new cart). In checkout's transaction. */
export async function markConverted(tx: Tx, cartId: string): Promise<void> {
  await repo.updateCart(tx, cartId, { status: 'converted' });
}

function toView(v: PricedCartState & { cart: repo.CartRow | undefined }): Cart {
  const { priced, facts, levels } = v;
  const pricedLines = new Map(priced.lines.map((l) => [l.lineId, l]));
  const unitsOf = (variantId: string) => v.items.filter((i) => i.variantId === variantId).reduce((n, i) => n + i.quantity, 0);

  const lines = v.items.map((i) => {
    const f = facts.get(i.variantId);
    const p = pricedLines.get(i.id);
    const level = levels.get(i.variantId);
    const available = level?.unlimited ? null : Math.max(0, level?.available ?? 0);
    const unitPrice = f?.price ?? i.unitPriceWhenAdded;
    return {
      id: i.id,
      variantId: i.variantId,
      productId: i.productId,
      sku: f?.sku ?? null,
      slug: f?.slug ?? null,
      productName: f?.productName ?? null,
      options: f?.options ?? [],
      imageUrl: f?.imageUrl ?? null,
      quantity: i.quantity,
      unitPrice,
      unitPriceWhenAdded: i.unitPriceWhenAdded,
      priceChanged: unitPrice !== i.unitPriceWhenAdded,
      unavailable: !p,
      exceedsAvailable: available !== null && unitsOf(i.variantId) > available,
      available,
      coolingOffExempt: f?.coolingOffExempt ?? false,
      addOnOf: i.addOnOf,
      addOnStatus: p?.addOn?.status ?? null,
      lineSubtotal: p?.lineSubtotal ?? 0,
      lineDiscount: p?.lineDiscount ?? 0,
      allocatedOrderDiscount: p?.allocatedOrderDiscount ?? 0,
      lineTotal: p?.lineTotal ?? 0,
      discounts: p?.discounts ?? [],
    };
  });

  const quoteOf = new Map(v.quotes.map((q) => [q.methodId, q]));
  const shipQuoteOf = new Map(priced.shipping.map((s) => [s.shippingOptionId, s]));
  const shippingMethods = v.needsShipping
    ? v.methods.map((m) => {
        const q = quoteOf.get(m.id);
        const s = shipQuoteOf.get(m.id);
        return {
          id: m.id,
          code: m.code,
          kind: m.kind,
          carrier: m.carrier,
          name: m.name,
          available: q?.available === true,
          reason: q && !q.available ? q.reason : null,
          fee: q?.available ? q.fee : null,
          discount: s ? s.discount : null,
          total: s ? s.total : null,
          missingForFree: q?.available ? q.missingForFree : null,
        };
      })
    : [];

  const nextSteps: Cart['nextSteps'] = priced.nextSteps.map((s) => ({
    source: s.source,
    promotionId: s.promotionId,
    shippingMethodId: null,
    kind: s.kind,
    name: s.name,
    missingAmount: s.missingAmount,
    missingQuantity: s.missingQuantity,
    message: stepMessage(s.kind, s.missingAmount, s.missingQuantity, s.name),
  }));
  // A method's own free-shipping threshold: the selected method's, else the nearest one's.
  const shippingFree = shippingMethods.some((m) => m.id === v.selected && m.total === 0);
  const candidates = shippingMethods.filter(
    (m) => m.available && m.missingForFree !== null && m.missingForFree > 0 && (v.selected === null || m.id === v.selected),
  );
  const nearest = candidates.sort((a, b) => a.missingForFree! - b.missingForFree!)[0];
  if (nearest && !shippingFree && lines.some((l) => !l.unavailable)) {
    nextSteps.push({
      source: 'shipping_method',
      promotionId: null,
      shippingMethodId: nearest.id,
      kind: 'free_shipping_threshold',
      name: nearest.name,
      missingAmount: nearest.missingForFree,
      missingQuantity: null,
      message: stepMessage('free_shipping_threshold', nearest.missingForFree, null, nearest.name),
    });
  }

  const coupon = priced.coupon
    ? priced.coupon.status === 'applied'
      ? {
          code: priced.coupon.code,
          status: 'applied' as const,
          promotionId: priced.coupon.promotionId,
          saving: priced.coupon.saving,
          reason: null,
          missingAmount: null,
          limit: null,
        }
      : {
          code: priced.coupon.code,
          status: 'refused' as const,
          promotionId: priced.coupon.promotionId,
          saving: 0,
          reason: priced.coupon.reason,
          missingAmount: priced.coupon.missingAmount,
          limit: priced.coupon.limit,
        }
    : null;

  return {
    id: v.cart?.id ?? null,
    lines,
    giftLines: priced.giftLines.map((g) => {
      const f = facts.get(g.variantId);
      return {
        promotionId: g.promotionId,
        variantId: g.variantId,
        productId: g.productId,
        productName: f?.productName ?? null,
        imageUrl: f?.imageUrl ?? null,
        quantity: g.quantity,
      };
    }),
    applied: priced.applied,
    nextSteps,
    addOnOffers: priced.addOnOffers,
    coupon,
    needsShipping: v.needsShipping,
    shippingMethodId: v.selected,
    shippingMethods,
    totals: lines.length === 0 ? EMPTY_TOTALS : priced.totals,
  };
}
