// ECPay's store map posts the chosen store here from the shopper's browser (ServerReplyURL). The
// store waits in a short-lived httpOnly cookie and the shopper goes back to the checkout, which
// reads it, matches its ExtraData to the visit that opened the map, and checks it again on shipping.
import { redirect } from '@sveltejs/kit';
import { encodeSelectedStore, readStoreMapReply, SELECTED_STORE_COOKIE, SELECTED_STORE_MAX_AGE_SEC } from '$lib/checkout/store-map';
import { localeOfPath, localizeHref } from '$lib/i18n';
import type { RequestHandler } from './$types';

const checkoutPath = (url: URL) => localizeHref('/checkout', localeOfPath(url.pathname));

export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData().catch(() => undefined);
  const store = form ? readStoreMapReply(form) : undefined;
  if (!store) redirect(303, `${checkoutPath(url)}?store=invalid`);
  cookies.set(SELECTED_STORE_COOKIE, encodeSelectedStore(store), {
    path: '/',
    httpOnly: true,
    // Lax: sent on the redirect's GET back to the checkout (a top-level navigation).
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: SELECTED_STORE_MAX_AGE_SEC,
  });
  redirect(303, checkoutPath(url));
};

/** A reload or a link lands back at the checkout. */
export const GET: RequestHandler = ({ url }) => redirect(303, checkoutPath(url));
