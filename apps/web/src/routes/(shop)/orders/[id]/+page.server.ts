import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { problemCopy } from '$lib/api/problem-copy';
import { orderTokenOf } from '$lib/server/order-links';
import { createGuestAccount } from './guest-account';
import { loadShopperOrder } from './order-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { order, token } = await loadShopperOrder(event);
  // The token goes into links only when the address had it (a kept cookie needs no help).
  return { order, linkToken: event.url.searchParams.get('token') ? token : null, notice: event.url.searchParams.get('notice') };
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
  account: createGuestAccount,
};
