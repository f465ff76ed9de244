import { fail, redirect } from '@sveltejs/kit';
import type { Cart } from '@shop/contracts/cart';
import type { Address } from '@shop/contracts/identity';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { checkoutFieldOf, memberBuyerValues, readCheckoutForm } from '$lib/checkout/checkout-form';
import { priceChangedFigures, shortageLines, type NewFigures, type ShortLine } from '$lib/checkout/checkout-refusals';
import type { FieldErrors } from '$lib/forms/field-errors';
import type { FormValues } from '$lib/forms/form-data';
import { decodeSelectedStore, SELECTED_STORE_COOKIE, storeMapSubType, type StoreChain } from '$lib/checkout/store-map';
import { localizeHref } from '$lib/i18n';
import { serverConfig } from '$lib/server/config';
import { keepOrderToken } from '$lib/server/order-links';
import { loginPath } from '$lib/server/request';
import { pageError } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** What a refused send answers: errors per field, what was typed, and the refusal's own facts. */
export interface CheckoutFailure {
  form: 'checkout' | 'shipping';
  errors: FieldErrors;
  values: FormValues;
  message: string | null;
  /** PRICE_CHANGED: the figures now; the form carries their total and asks to confirm again. */
  newFigures?: NewFigures;
  /** INVENTORY_SHORTAGE: the lines short and the units left. */
  shortLines?: ShortLine[];
}

async function addressBook(event: RequestEvent): Promise<Address[]> {
  if (!event.locals.user) return [];
  try {
    return (await event.locals.api.account.addresses()).items;
  } catch (err) {
    // The address book is a convenience: typing an address still works without it.
    if (err instanceof ApiError && err.status !== 401) return [];
    throw err;
  }
}

/**
 * The store the chain's map posted back (kept in a cookie by /checkout/store-selected), for a
 * store-pickup method of that chain; another chain's store does not count.
 */
function pickupStore(cookies: RequestEvent['cookies'], method: Cart['shippingMethods'][number] | undefined) {
  const store = decodeSelectedStore(cookies.get(SELECTED_STORE_COOKIE));
  if (!store || !method || method.kind !== 'store_pickup') return undefined;
  if (storeMapSubType(method.carrier as StoreChain, serverConfig().storeMap.contract) !== store.LogisticsSubType) return undefined;
  return { id: store.CVSStoreID, name: store.CVSStoreName, address: store.CVSAddress, brand: method.carrier };
}

/** The ways to pay the shop offers now. */
async function paymentSettings(event: RequestEvent) {
  try {
    return await event.locals.api.store.payments();
  } catch (err) {
    pageError(err, event.url);
  }
}

/** What an ECPay order's page shows: the signed cashier form, posted at once (or by the shopper's click without scripts). */
export interface CheckoutCashier {
  form: 'cashier';
  cashier: { action: string; fields: Record<string, string> };
  orderNumber: string;
  orderHref: string;
}

export const load: PageServerLoad = async (event) => {
  const { locals, url, cookies } = event;
  let cart: Cart;
  try {
    cart = await locals.api.cart.get();
  } catch (err) {
    pageError(err, url);
  }
  const empty = cart.lines.filter((l) => !l.unavailable).length === 0;
  // The page a placed ECPay order answers without scripts (the cart is spent by then): it shows only the cashier form.
  const placed = empty && event.request.method === 'POST';
  if (empty && !placed) redirect(303, localizeHref('/cart', locals.locale));
  let session = { orderId: '', expiresAt: '' };
  try {
    if (!placed) session = await locals.api.checkout.session();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'CHECKOUT_CART_EMPTY') redirect(303, localizeHref('/cart', locals.locale));
    pageError(err, url);
  }
  const [addresses, payments] = await Promise.all([addressBook(event), paymentSettings(event)]);
  const user = locals.user;
  const { storeMap, publicUrl } = serverConfig();
  return {
    selectedStore: decodeSelectedStore(cookies.get(SELECTED_STORE_COOKIE)) ?? null,
    storeInvalid: url.searchParams.get('store') === 'invalid',
    storeMap: {
      url: storeMap.url,
      merchantId: storeMap.merchantId,
      contract: storeMap.contract,
      replyUrl: `${publicUrl}/checkout/store-selected`,
    },
    cart,
    session,
    addresses,
    payments,
    buyer: user ? memberBuyerValues(user) : {},
    mustVerify: user?.mustVerifyBeforeCheckout ?? false,
  };
};

const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

export const actions: Actions = {
  /** The shipping method chosen on the cart, so the summary shows its fee (the form's radios post here when changed). */
  shipping: async (event) => {
    const data = await event.request.formData();
    const methodId = field(data, 'shippingMethodId');
    try {
      await event.locals.api.cart.chooseShippingMethod(methodId || null);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return fail(err.status >= 400 && err.status < 500 ? err.status : 503, {
        form: 'shipping',
        errors: { shippingMethodId: problemCopy(event.locals.t, err) },
        values: {},
        message: null,
      } satisfies CheckoutFailure);
    }
    return { form: 'shipping' as const };
  },

  place: async (event) => {
    const { locals, url, cookies } = event;
    const t = locals.t;
    const data = await event.request.formData();
    let cart: Cart;
    try {
      cart = await locals.api.cart.get();
    } catch (err) {
      pageError(err, url);
    }
    const addresses = await addressBook(event);
    const chosen = cart.shippingMethods.find((m) => m.id === field(data, 'shippingMethodId'));
    const read = readCheckoutForm(
      data,
      {
        methodKinds: new Map(cart.shippingMethods.map((m) => [m.id, m.kind])),
        needsShipping: cart.needsShipping,
        savedAddresses: addresses,
        store: pickupStore(cookies, chosen),
        gifts: cart.giftLines,
      },
      t,
    );
    if (!read.ok)
      return fail(400, {
        form: 'checkout',
        errors: read.errors,
        values: read.values,
        message: t('checkout.errors.fix'),
      } satisfies CheckoutFailure);
    const { body, values } = read;

    try {
      // The cart is priced with the method chosen here, so the next page shows the same figures.
      if (cart.needsShipping && body.shippingMethodId && body.shippingMethodId !== cart.shippingMethodId)
        cart = await locals.api.cart.chooseShippingMethod(body.shippingMethodId);
      const placed = await locals.api.checkout.place({ ...body, locale: locals.locale }, body.orderId);
      const token = placed.orderToken;
      if (token) keepOrderToken(cookies, url, placed.order.id, token);
      if (placed.order.store) cookies.delete(SELECTED_STORE_COOKIE, { path: '/' });
      const query = token ? `?token=${encodeURIComponent(token)}` : '';
      const next = placed.payment.nextAction;
      if (next.type === 'ecpay_cashier') {
        // Straight on to ECPay's cashier; should the start be refused, the order page offers the ways to pay.
        const orderHref = localizeHref(`/orders/${placed.order.id}${query}`, locals.locale);
        let started;
        try {
          started = await locals.api.orders.startPayment(placed.order.id, token, next.ecpay.method, next.ecpay.installments);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          redirect(303, `${orderHref}#pay`);
        }
        return { form: 'cashier', cashier: started.form, orderNumber: placed.order.orderNumber, orderHref } satisfies CheckoutCashier;
      }
      redirect(303, localizeHref(`/orders/${placed.order.id}/placed${query}`, locals.locale));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return refusal(err, event, cart, values);
    }
  },
};

/** A refused checkout as the page shows it. */
function refusal(err: ApiError, event: RequestEvent, cart: Cart, values: FormValues) {
  const { t, locale } = event.locals;
  const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
  const failure = (errors: FieldErrors, message: string | null, extra: Partial<CheckoutFailure> = {}) =>
    fail(status, { form: 'checkout', errors, values, message, ...extra } satisfies CheckoutFailure);

  switch (err.code) {
    case 'AUTH_UNAUTHORIZED':
      redirect(303, loginPath(event.url));
    // eslint-disable-next-line no-fallthrough
    case 'CHECKOUT_CART_EMPTY':
      redirect(303, localizeHref('/cart', locale));
    // eslint-disable-next-line no-fallthrough
    case 'PRICE_CHANGED': {
      const figures = priceChangedFigures(err.document);
      if (!figures) return failure({}, t('problem.PRICE_CHANGED'));
      return failure({}, t('checkout.priceChanged'), { newFigures: figures, values: { ...values, expectedTotal: String(figures.total) } });
    }
    case 'INVENTORY_SHORTAGE':
      return failure({}, t('checkout.shortage'), { shortLines: shortageLines(err.document, cart, locale, t('cart.unnamed')) });
    case 'CHECKOUT_ADDRESS_REQUIRED':
      return failure({ line1: t('problem.CHECKOUT_ADDRESS_REQUIRED') }, t('checkout.errors.fix'));
    case 'CHECKOUT_STORE_REQUIRED':
      return failure({ store: t('checkout.errors.store') }, t('checkout.errors.fix'));
    case 'CHECKOUT_PAYMENT_METHOD_UNAVAILABLE':
      return failure({ paymentMethod: t('problem.CHECKOUT_PAYMENT_METHOD_UNAVAILABLE') }, t('checkout.errors.fix'));
    case 'CART_SHIPPING_METHOD_UNAVAILABLE':
      return failure({ shippingMethodId: problemCopy(t, err) }, t('checkout.errors.fix'));
    case 'VALIDATION_FAILED': {
      const errors: FieldErrors = {};
      for (const e of err.problem.errors ?? []) {
        const name = checkoutFieldOf(e.path);
        errors[name] ??= name === 'recipientName' ? t('checkout.errors.recipientName') : t('fieldError.invalid');
      }
      return failure(errors, t('checkout.errors.fix'));
    }
    default:
      return failure({}, problemCopy(t, err));
  }
}
