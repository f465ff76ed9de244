import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { isOnlineChoice, offeredOnlineChoices, payableOnline } from '$lib/payments/payment-result';
import { requestRefund } from '$lib/refunds/refund-actions.server';
import { keepOrderToken, orderTokenOf } from '$lib/server/order-links';
import { createGuestAccount } from './guest-account';
import { loadShopperOrder } from './order-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { order, token } = await loadShopperOrder(event);
  // What the shop offers now to pay online (only asked while the order can still be paid that way).
  const onlineChoices = payableOnline(order) ? offeredOnlineChoices(await event.locals.api.store.payments()) : [];
  // The token goes into links only when the address had it (a kept cookie needs no help).
  return {
    order,
    onlineChoices,
    linkToken: event.url.searchParams.get('token') ? token : null,
    notice: event.url.searchParams.get('notice'),
  };
};

export const actions: Actions = {
  cancel: async ({ locals, url, params, cookies }) => {
    const token = orderTokenOf(cookies, url, params.id);
    try {
      await locals.api.orders.cancel(params.id, locals.user && !url.searchParams.get('token') ? null : token);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return fail(err.status >= 400 && err.status < 500 ? err.status : 503, { form: 'cancel', message: problemCopy(locals.t, err) });
    }
    return { form: 'cancel', done: true };
  },
  /** A new ECPay attempt: the page then posts the shopper's browser to ECPay's cashier. */
  pay: async ({ locals, url, params, cookies, request }) => {
    const method = (await request.formData()).get('method');
    if (!isOnlineChoice(method)) return fail(400, { form: 'pay', message: locals.t('pay.choiceRequired') });
    const fromUrl = url.searchParams.get('token');
    const token = orderTokenOf(cookies, url, params.id);
    try {
      const started = await locals.api.orders.startPayment(params.id, locals.user && !fromUrl ? null : token, method);
      // ECPay sends the browser back to the result page without the token: this browser keeps it.
      if (fromUrl && token) keepOrderToken(cookies, url, params.id, token);
      return { form: 'pay', cashier: started.form };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return fail(err.status >= 400 && err.status < 500 ? err.status : 503, { form: 'pay', message: problemCopy(locals.t, err) });
    }
  },
  account: createGuestAccount,
  /** A refund request for the whole order or some items. */
  refund: requestRefund,
};
