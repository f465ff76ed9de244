import { ApiError } from '$lib/api/client';
import { cartUnits } from '$lib/cart/cart';
import { sessionCookies } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

/** The guest cart's cookie (httpOnly, set by the API with the first change). */
const CART_COOKIE = 'cart_token';

/**
 * The shop's name, contact and company details for the footer (`GET /api/store`, both languages),
 * and the header's cart count (units). A failing store read leaves the storefront up, with the
 * built-in shop name. The cart is asked of the API only when there can be one: a guest cart cookie
 * or a session. The cart page reads the whole cart itself, and the header counts that.
 */
export const load: LayoutServerLoad = async ({ locals, cookies, route }) => {
  const [store, cartCount] = await Promise.all([storeDetails(locals), cartCountOf(locals, cookies, route.id)]);
  return { store, cartCount };
};

async function storeDetails(locals: App.Locals) {
  try {
    return await locals.api.store.details();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    console.warn(`[web] store details read failed (${err.code})`);
    return null;
  }
}

async function cartCountOf(locals: App.Locals, cookies: { get(name: string): string | undefined }, routeId: string | null) {
  if (routeId === '/(shop)/cart') return null;
  if (!cookies.get(CART_COOKIE) && !locals.user && !sessionCookies.some((name) => cookies.get(name))) return 0;
  try {
    return cartUnits(await locals.api.cart.get());
  } catch (err) {
    // A count is not worth a broken page: the header then shows the link without a number.
    if (err instanceof ApiError) return null;
    throw err;
  }
}
