import { fail, redirect } from '@sveltejs/kit';
import type { Cart } from '@shop/contracts/cart';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { couponRefusal, couponRefusalKey, requestedQuantity } from '$lib/cart/cart';
import { formatMoney } from '$lib/format';
import { loginPath } from '$lib/server/request';
import { pageError } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  try {
    return { cart: await locals.api.cart.get() };
  } catch (err) {
    pageError(err, url);
  }
};

/** Which of the page's forms answered, and what to say next to it. */
export interface CartActionResult {
  form: 'line' | 'coupon' | 'shipping' | 'addOn';
  /** The line (or add-on offer) the message is about. */
  target?: string;
  message?: string;
  notice?: string;
  /** The coupon code typed, kept after a refusal. */
  code?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** Calls the cart API; a refusal becomes the failure of the form that asked. */
async function attempt(
  event: RequestEvent,
  result: Omit<CartActionResult, 'message' | 'notice'>,
  call: () => Promise<Cart>,
  onRefusal?: (err: ApiError) => string | null,
) {
  try {
    await call();
    return null;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === 'AUTH_UNAUTHORIZED') redirect(303, loginPath(event.url));
    const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
    const message = onRefusal?.(err) ?? problemCopy(event.locals.t, err);
    return fail(status, { ...result, message } satisfies CartActionResult);
  }
}

export const actions: Actions = {
  /** A line's quantity: the typed number, or the − / + button's `set`. */
  update: async (event) => {
    const data = await event.request.formData();
    const itemId = field(data, 'itemId');
    const quantity = requestedQuantity(data);
    if (!UUID.test(itemId))
      return fail(400, { form: 'line', message: event.locals.t('problem.CART_ITEM_NOT_FOUND') } satisfies CartActionResult);
    if (quantity === null)
      return fail(400, { form: 'line', target: itemId, message: event.locals.t('cart.add.lineLimit') } satisfies CartActionResult);
    const refused = await attempt(
      event,
      { form: 'line', target: itemId },
      () => event.locals.api.cart.setQuantity(itemId, quantity),
      (err) => {
        if (err.code !== 'INVENTORY_SHORTAGE') return null;
        const available = (err.document as { available?: unknown }).available;
        return typeof available === 'number' && available > 0
          ? event.locals.t('cart.exceeds', { available })
          : event.locals.t('cart.exceedsNone');
      },
    );
    return refused ?? ({ form: 'line', target: itemId } satisfies CartActionResult);
  },

  remove: async (event) => {
    const data = await event.request.formData();
    const itemId = field(data, 'itemId');
    if (!UUID.test(itemId))
      return fail(400, { form: 'line', message: event.locals.t('problem.CART_ITEM_NOT_FOUND') } satisfies CartActionResult);
    const name = field(data, 'name') || event.locals.t('cart.unnamed');
    const refused = await attempt(event, { form: 'line', target: itemId }, () => event.locals.api.cart.removeItem(itemId));
    return refused ?? ({ form: 'line', notice: event.locals.t('cart.removed', { name }) } satisfies CartActionResult);
  },

  coupon: async (event) => {
    const data = await event.request.formData();
    const code = field(data, 'code');
    if (code === '' || code.length > 64) {
      return fail(400, { form: 'coupon', code, message: event.locals.t('cart.coupon.required') } satisfies CartActionResult);
    }
    const { t, locale } = event.locals;
    const refused = await attempt(
      event,
      { form: 'coupon', code },
      () => event.locals.api.cart.applyCoupon(code),
      (err) => {
        if (err.code !== 'COUPON_INVALID') return null;
        const refusal = couponRefusal(err.document);
        return t(couponRefusalKey(refusal), { amount: formatMoney(refusal.missingAmount ?? 0, { locale }) });
      },
    );
    return refused ?? ({ form: 'coupon', notice: t('cart.coupon.appliedNotice', { code: code.toUpperCase() }) } satisfies CartActionResult);
  },

  removeCoupon: async (event) => {
    const refused = await attempt(event, { form: 'coupon' }, () => event.locals.api.cart.removeCoupon());
    return refused ?? ({ form: 'coupon', notice: event.locals.t('cart.coupon.removedNotice') } satisfies CartActionResult);
  },

  shipping: async (event) => {
    const data = await event.request.formData();
    const methodId = field(data, 'methodId');
    if (!UUID.test(methodId))
      return fail(400, {
        form: 'shipping',
        message: event.locals.t('problem.CART_SHIPPING_METHOD_UNAVAILABLE'),
      } satisfies CartActionResult);
    const refused = await attempt(event, { form: 'shipping' }, () => event.locals.api.cart.chooseShippingMethod(methodId));
    return refused ?? ({ form: 'shipping' } satisfies CartActionResult);
  },

  /** One unit of an add-on (加價購) offer, at its special price. */
  addOn: async (event) => {
    const data = await event.request.formData();
    const variantId = field(data, 'variantId');
    const promotionId = field(data, 'promotionId');
    if (!UUID.test(variantId) || !UUID.test(promotionId)) {
      return fail(400, { form: 'addOn', message: event.locals.t('problem.CART_VARIANT_UNAVAILABLE') } satisfies CartActionResult);
    }
    const refused = await attempt(event, { form: 'addOn', target: `${promotionId}:${variantId}` }, () =>
      event.locals.api.cart.addItem({ variantId, quantity: 1, addOnOf: promotionId }),
    );
    return (
      refused ??
      ({ form: 'addOn', target: `${promotionId}:${variantId}`, notice: event.locals.t('cart.addOns.added') } satisfies CartActionResult)
    );
  },
};
