import { redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { localizeHref } from '$lib/i18n';
import { orderTokenOf } from '$lib/server/order-links';
import { pageError } from '$lib/server/session';

/**
 * The order of `/orders/[id]…` for its buyer: signed in, or a guest with the order's token (in the
 * address or kept by this browser). A guest without one is sent to the order lookup.
 */
export async function loadShopperOrder(event: {
  locals: App.Locals;
  url: URL;
  params: { id: string };
  cookies: Parameters<typeof orderTokenOf>[0];
}) {
  const { locals, url, params, cookies } = event;
  const token = orderTokenOf(cookies, url, params.id);
  if (!locals.user && !token) redirect(303, localizeHref('/orders/lookup', locals.locale));
  try {
    return { order: await locals.api.orders.get(params.id, locals.user && !url.searchParams.get('token') ? null : token), token };
  } catch (err) {
    // A member opening a guest link of their own browser: try the token before giving up.
    if (err instanceof ApiError && err.status === 404 && locals.user && token && !url.searchParams.get('token')) {
      try {
        return { order: await locals.api.orders.get(params.id, token), token };
      } catch (again) {
        pageError(again, url);
      }
    }
    pageError(err, url);
  }
}
