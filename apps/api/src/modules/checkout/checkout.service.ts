// Checkout: one transaction from the shopper's cart to an order. Locks in the global order (the
// idempotency key first, then cart → stock → promotion usage → order → payment); any refusal
// rolls everything back. No network call happens inside.
import { createHash } from 'node:crypto';
import type { CheckoutBody, CheckoutResult } from '@shop/contracts/checkout';
import type { OrderAddress } from '@shop/contracts/orders';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth-types.js';
import { canonicalJson } from '../../platform/canonical-json.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, ConflictError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { withTx } from '../../platform/tx.js';
import { hashToken, lockCartForCheckout, markConverted, type CartCaller, type CheckoutCart } from '../cart/index.js';
import { userStatus } from '../identity/index.js';
import { reserve, type Shortage } from '../inventory/index.js';
import { allocateOrderNumber, findOrderRow, orderToken, orderView, placeOrder, type NewOrderItem } from '../orders/index.js';
import { createPayment } from '../payments/index.js';
import { customerKeyForGuest, customerKeyForUser, redeem } from '../pricing/index.js';
import { currentPaymentSettings, type PaymentSettingsView } from '../store/index.js';
import { mintOrderId, ORDER_ID_TTL_MS, verifyOrderId } from './checkout-ids.js';
import * as repo from './checkout.repo.js';

export interface CheckoutDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'orders'>;
  /** Signs pre-issued order ids and guest order links; undefined where HTTP is not served. */
  linkKey: Uint8Array | undefined;
}

/** Keys (and the answers they replay) are kept this long. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface CheckoutAnswer {
  status: number;
  body: CheckoutResult;
  /** The answer of an earlier request with the same key (or the same order id), sent again. */
  replayed: boolean;
}

/** The shopper a checkout belongs to: the user, or the guest's cart token (by its hash). */
function ownerOf(caller: CartCaller): string | undefined {
  if (caller.userId) return `user:${caller.userId}`;
  if (caller.guestToken !== undefined) return `guest:${hashToken(caller.guestToken)}`;
  return undefined;
}

const noCart = () => new ConflictError('CHECKOUT_CART_EMPTY', 'There is nothing in the cart to check out.');

function linkKeyOf(deps: CheckoutDeps): Uint8Array {
  if (!deps.linkKey) throw new Error('checkout needs the link key (served where HTTP is)');
  return deps.linkKey;
}

/** A new order id for the checkout form, bound to this shopper, usable for a day. */
export function checkoutSession(deps: CheckoutDeps, caller: CartCaller): { orderId: string; expiresAt: string } {
  const owner = ownerOf(caller);
  if (!owner) throw noCart();
  const now = deps.clock.now();
  return { orderId: mintOrderId(linkKeyOf(deps), owner, now), expiresAt: new Date(now.getTime() + ORDER_ID_TTL_MS).toISOString() };
}

/**
 * The one check of a delivery address's shape: a 縣市 (…市 or …縣), a 鄉鎮市區, the postal code's
 * digits and a street line. Kept in one place so a check against Taiwan's address list can
 * replace it.
 */
export function checkDeliveryAddress(a: OrderAddress): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const city = a.city.replaceAll('台', '臺');
  if (!/^\p{Script=Han}{1,4}[市縣]$/u.test(city))
    issues.push({ path: 'address.city', code: 'invalid', message: 'Give the 縣市, e.g. 臺北市.' });
  if (!/^\p{Script=Han}{1,6}[區鄉鎮市]$/u.test(a.district))
    issues.push({ path: 'address.district', code: 'invalid', message: 'Give the 鄉鎮市區, e.g. 中正區.' });
  if (!/^(\d{3}|\d{5}|\d{6})$/.test(a.zip))
    issues.push({ path: 'address.zip', code: 'invalid', message: 'A postal code has 3, 5 or 6 digits.' });
  if (a.line.trim().length < 2) issues.push({ path: 'address.line', code: 'invalid', message: 'Give the street and number.' });
  return issues;
}

const methodUnavailable = (message: string) => new AppError('CHECKOUT_PAYMENT_METHOD_UNAVAILABLE', 422, message);

/** The way to pay must be one the shop offers now (its payment settings); else 422 CHECKOUT_PAYMENT_METHOD_UNAVAILABLE. */
function checkPaymentOffered(body: CheckoutBody, offered: PaymentSettingsView): void {
  if (body.paymentMethod === 'bank_transfer' && !offered.bankTransfer)
    throw methodUnavailable('The shop does not take bank transfers now.');
  if (body.paymentMethod === 'cash_on_delivery' && !offered.cashOnDelivery)
    throw methodUnavailable('The shop does not take cash on delivery now.');
  if (body.paymentMethod !== 'ecpay' || !body.ecpay) return;
  const { method, installments } = body.ecpay;
  const on = { credit: offered.credit, apple_pay: offered.applePay, atm: offered.atm, cvs: offered.cvs, barcode: offered.barcode }[method];
  if (!on) throw methodUnavailable('The shop does not offer this way to pay now.');
  if (installments !== undefined && !offered.installments.includes(installments))
    throw methodUnavailable(`The shop does not offer ${installments} installments now.`);
}

/** What the checkout is, not the page's language: the same form sent again from the other language replays. */
function requestHashOf(body: CheckoutBody): string {
  const { locale, ...checkout } = body;
  void locale;
  return createHash('sha256').update(canonicalJson(checkout), 'utf8').digest('hex');
}

function replayOf(row: repo.KeyRow, requestHash: string): CheckoutAnswer {
  if (row.requestHash !== requestHash || row.responseStatus === null)
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      422,
      'This key (or order id) was used for a different checkout; start again with a new one.',
    );
  return { status: row.responseStatus, body: row.responseBody as CheckoutResult, replayed: true };
}

type Gift = { variantId: string; quantity: number };

const sameGifts = (a: readonly Gift[], b: readonly Gift[]) => {
  const key = (g: readonly Gift[]) =>
    [...g]
      .map((x) => `${x.variantId}:${x.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
};

function priceChanged(cart: CheckoutCart, expected: CheckoutBody['expected'], gifts: Gift[]) {
  return new ConflictError('PRICE_CHANGED', 'Prices, promotions or gifts changed since the page was shown; check the new figures.', {
    expected,
    current: { totals: cart.priced.totals, gifts },
  });
}

/**
 * Places the order. Before the transaction: the shopper's pre-issued order id is checked (409
 * CHECKOUT_SESSION_INVALID when it was not issued to this shopper or is older than a day), a key
 * already answered is replayed (a different body: 422 IDEMPOTENCY_KEY_REUSED), the order number is
 * allocated. Then one transaction: the key, the cart (409 CHECKOUT_CART_EMPTY), the account (403
 * CHECKOUT_ACCOUNT_DISABLED), the cart priced again against fresh facts and compared with
 * `expected` (409 PRICE_CHANGED with the new figures), the shipping method and where it goes, the
 * stock reserved for the lines and gifts (409 INVENTORY_SHORTAGE with `lines`; gifts short: 409
 * PRICE_CHANGED), the promotion uses redeemed (a coupon refused: 409 COUPON_INVALID; an automatic
 * promotion used up: 409 PRICE_CHANGED), the order, its payment, the cart converted and the answer
 * stored under the key.
 */
export async function placeCheckout(
  deps: CheckoutDeps,
  call: { caller: CartCaller; actor: Actor | null; idempotencyKey?: string | undefined; body: CheckoutBody },
): Promise<CheckoutAnswer> {
  const { body, caller } = call;
  const now = deps.clock.now();
  const owner = ownerOf(caller);
  if (!owner) throw noCart();
  if (!verifyOrderId(linkKeyOf(deps), owner, body.orderId, now))
    throw new ConflictError('CHECKOUT_SESSION_INVALID', 'This checkout form has expired or is not yours; load it again.');
  if (body.address) {
    const issues = checkDeliveryAddress(body.address);
    if (issues.length > 0) throw new ValidationError(issues);
  }
  const userId = caller.userId;
  const requestHash = requestHashOf(body);
  const key = call.idempotencyKey ?? `order:${body.orderId}`;

  const known = await repo.findKey(deps.db, owner, key, now);
  if (known) return replayOf(known, requestHash);
  // Read before the transaction, which then holds no more than it needs.
  checkPaymentOffered(body, await currentPaymentSettings(deps.db));
  const orderNumber = await allocateOrderNumber(deps, userId);

  return withTx(deps.db, async (tx) => {
    const claimed = await repo.claimKey(tx, {
      scope: owner,
      key,
      requestHash,
      orderId: body.orderId,
      now,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    });
    if (!claimed) {
      // Another request with this key committed while this one waited for it.
      const row = await repo.findKey(tx, owner, key, now);
      if (!row) throw new ConflictError('VERSION_CONFLICT', 'The same checkout is being placed; try again.');
      return replayOf(row, requestHash);
    }
    if (userId && (await userStatus(tx, userId)) !== 'active')
      throw new AppError('CHECKOUT_ACCOUNT_DISABLED', 403, 'This account cannot place orders.');

    const customerKey = userId ? customerKeyForUser(userId) : customerKeyForGuest(body.buyer.email);
    const cart = await lockCartForCheckout(tx, caller, {
      now,
      customerKey,
      shippingMethodId: body.shippingMethodId ?? null,
      destination: body.address ? { city: body.address.city.replaceAll('台', '臺'), district: body.address.district } : undefined,
    });

    // The same order id placed already (by a request with another key): its answer, once.
    if (await findOrderRow(tx, body.orderId)) {
      const placed = await repo.findKeyByOrder(tx, body.orderId);
      if (!placed || placed.scope !== owner) throw new AppError('IDEMPOTENCY_KEY_REUSED', 422, 'This order id was used already.');
      const answer = replayOf(placed, requestHash);
      await repo.completeKey(tx, { scope: owner, key, status: answer.status, body: answer.body });
      return answer;
    }
    if (!cart) throw noCart();
    const pricedLines = new Map(cart.priced.lines.map((l) => [l.lineId, l]));
    const lines = cart.items.filter((i) => pricedLines.has(i.id));
    if (lines.length === 0) throw noCart();

    // Where it goes.
    let method: CheckoutCart['methods'][number] | undefined;
    if (cart.needsShipping) {
      const methodId = body.shippingMethodId ?? null;
      if (!methodId) throw new ValidationError([{ path: 'shippingMethodId', code: 'required', message: 'Choose a shipping method.' }]);
      method = cart.methods.find((m) => m.id === methodId);
      const quote = cart.quotes.find((q) => q.methodId === methodId);
      if (!method || !quote || !quote.available)
        throw new ConflictError('CART_SHIPPING_METHOD_UNAVAILABLE', 'This shipping method cannot carry the order.', {
          methodId,
          reason: quote && !quote.available ? quote.reason : 'unknown',
        });
      if (method.kind === 'home_delivery' && !body.address)
        throw new AppError('CHECKOUT_ADDRESS_REQUIRED', 422, 'Home delivery needs the recipient’s address.');
      if (method.kind === 'store_pickup' && !body.store)
        throw new AppError('CHECKOUT_STORE_REQUIRED', 422, 'Store pickup needs the store the parcel goes to.');
    }
    if (!cart.needsShipping && body.paymentMethod === 'cash_on_delivery')
      throw new AppError(
        'CHECKOUT_PAYMENT_METHOD_UNAVAILABLE',
        422,
        'Cash on delivery needs something to deliver; choose another way to pay.',
      );
    const recipient = !cart.needsShipping
      ? null
      : body.recipient.sameAsBuyer
        ? { name: body.buyer.name, mobile: body.buyer.mobile }
        : { name: body.recipient.name, mobile: body.recipient.mobile };
    if (recipient && ([...recipient.name].length < 2 || [...recipient.name].length > 10))
      throw new ValidationError([{ path: 'recipient.name', code: 'invalid', message: 'A recipient name has 2–10 characters.' }]);

    // What the shopper saw.
    const gifts: Gift[] = cart.priced.giftLines.map((g) => ({ variantId: g.variantId, quantity: g.quantity }));
    if (cart.priced.totals.total !== body.expected.total || (body.expected.gifts && !sameGifts(body.expected.gifts, gifts)))
      throw priceChanged(cart, body.expected, gifts);

    // Stock for the lines and the gifts.
    const reservationExpiresAt = new Date(now.getTime() + deps.config.orders.paymentWindowMin[body.paymentMethod] * 60_000);
    const lineVariants = new Set(lines.map((l) => l.variantId));
    try {
      await reserve(tx, {
        reference: body.orderId,
        lines: [...lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })), ...gifts],
        expiresAt: reservationExpiresAt,
        actorId: userId,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'INVENTORY_SHORTAGE') throw err;
      const short = (err.extra.lines ?? []) as Shortage[];
      const ofLines = short.filter((s) => lineVariants.has(s.variantId));
      if (ofLines.length > 0)
        throw new ConflictError('INVENTORY_SHORTAGE', `Not enough stock for ${ofLines.length} line(s).`, {
          lines: ofLines.map((s) => ({ ...s, lineIds: lines.filter((l) => l.variantId === s.variantId).map((l) => l.id) })),
        });
      // Only gifts ran short: the promotion gives fewer now.
      const left = new Map(short.map((s) => [s.variantId, s.available]));
      const fewer = gifts.flatMap((g) => {
        const q = Math.min(g.quantity, left.get(g.variantId) ?? g.quantity);
        return q > 0 ? [{ ...g, quantity: q }] : [];
      });
      throw priceChanged(cart, body.expected, fewer);
    }

    // Promotion uses, in promotion-id order.
    for (const a of [...cart.priced.applied].sort((x, y) => x.promotionId.localeCompare(y.promotionId))) {
      try {
        await redeem(tx, {
          reference: body.orderId,
          promotionId: a.promotionId,
          couponCode: a.source === 'coupon' ? (cart.couponCode ?? undefined) : undefined,
          customerKey,
          amount: a.saving,
        });
      } catch (err) {
        if (a.source === 'automatic' && err instanceof AppError && err.code === 'COUPON_INVALID')
          throw priceChanged(cart, body.expected, gifts);
        throw err;
      }
    }

    // The order, its payment, the cart.
    const items: NewOrderItem[] = [
      ...lines.map((l) => {
        const p = pricedLines.get(l.id)!;
        const f = cart.facts.get(l.variantId)!;
        return {
          kind: l.addOnOf ? ('add_on' as const) : ('normal' as const),
          variantId: l.variantId,
          productId: f.productId,
          sku: f.sku,
          productName: f.productName,
          options: f.options,
          imageUrl: f.imageUrl,
          quantity: l.quantity,
          unitPrice: p.unitPrice,
          lineSubtotal: p.lineSubtotal,
          lineDiscount: p.lineDiscount,
          allocatedOrderDiscount: p.allocatedOrderDiscount,
          lineTotal: p.lineTotal,
          promotionId: l.addOnOf,
        };
      }),
      ...cart.priced.giftLines.map((g) => {
        const f = cart.facts.get(g.variantId)!;
        return {
          kind: 'gift' as const,
          variantId: g.variantId,
          productId: g.productId,
          sku: f.sku,
          productName: f.productName,
          options: f.options,
          imageUrl: f.imageUrl,
          quantity: g.quantity,
          unitPrice: 0,
          lineSubtotal: 0,
          lineDiscount: 0,
          allocatedOrderDiscount: 0,
          lineTotal: 0,
          promotionId: g.promotionId,
        };
      }),
    ];
    // Signed here, where the link key is: the worker that sends the order mail has none.
    const guestLinkToken = userId ? null : await orderToken(deps, body.orderId);
    const row = await placeOrder(tx, {
      id: body.orderId,
      orderNumber,
      userId,
      paymentMethod: body.paymentMethod,
      needsShipping: cart.needsShipping,
      shippingMethodId: method?.id ?? null,
      couponCode: cart.priced.coupon?.status === 'applied' ? cart.priced.coupon.code : null,
      note: body.note ?? null,
      marketingOptIn: body.marketingOptIn,
      locale: body.locale ?? 'zh-TW',
      guestLinkToken,
      totals: cart.priced.totals,
      reservationExpiresAt,
      buyer: body.buyer,
      recipient,
      address:
        method?.kind === 'home_delivery' && body.address ? { ...body.address, city: body.address.city.replaceAll('台', '臺') } : null,
      store: method?.kind === 'store_pickup' && body.store ? body.store : null,
      items,
      now,
    });
    const { payment, nextAction } = await createPayment(tx, {
      orderId: row.id,
      orderNumber,
      method: body.paymentMethod,
      ecpay: body.ecpay,
      amount: row.totalMinor,
      dueAt: reservationExpiresAt,
      now,
    });
    await markConverted(tx, cart.cartId);
    const answer: CheckoutResult = {
      order: await orderView(tx, row),
      payment: {
        id: payment.id,
        status: payment.status,
        nextAction: { ...nextAction, dueAt: nextAction.dueAt ? nextAction.dueAt.toISOString() : null },
      },
      orderToken: guestLinkToken,
    };
    await repo.completeKey(tx, { scope: owner, key, status: 201, body: answer });
    return { status: 201, body: answer, replayed: false };
  });
}

/** Deletes idempotency keys older than a day (a job). */
export async function pruneIdempotencyKeys(deps: Pick<CheckoutDeps, 'db' | 'clock'>): Promise<number> {
  return repo.deleteExpired(deps.db, deps.clock.now());
}
