import { error, redirect } from '@sveltejs/kit';
import { defaultLocale, isLocale, localeCookie, localizeHref } from '$lib/i18n';
import { loadShopperOrder } from '../../orders/[id]/order-load';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?order=` as ECPay's cashier sends it back; anything else is no page. */
function orderIdOf(url: URL): string {
  const id = url.searchParams.get('order') ?? '';
  if (!UUID.test(id)) error(404, { message: 'Not Found' });
  return id;
}

const resultPath = (orderId: string) => `/payment/result?order=${encodeURIComponent(orderId)}`;

/**
 * The order as the API has it now (ECPay's own notice pays it; what the browser brings back is
 * never trusted). The page reads this again every few seconds until the payment's outcome shows.
 */
export const load: PageServerLoad = async (event) => {
  const { locals, cookies, url } = event;
  const orderId = orderIdOf(url);
  // ECPay returns to the zh-TW address: a shopper who reads English goes on in English.
  const chosen = cookies.get(localeCookie);
  if (locals.locale === defaultLocale && isLocale(chosen) && chosen !== defaultLocale)
    redirect(303, localizeHref(resultPath(orderId), chosen));
  const { order } = await loadShopperOrder({ ...event, params: { id: orderId } });
  event.setHeaders({ 'cache-control': 'no-store' });
  return { order };
};

export const actions: Actions = {
  /** ECPay's cashier posts the browser back here (its fields are ignored): on to the page itself. */
  default: ({ url, locals }) => redirect(303, localizeHref(resultPath(orderIdOf(url)), locals.locale)),
};
