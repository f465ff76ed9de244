import { ApiError } from '$lib/api/client';
import { cartUnits } from '$lib/cart/cart';
import { sessionCookies } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

/** The guest cart's cookie (httpOnly, set by the API with the first change). */
const CART_COOKIE = 'cart_token';

/**
 * The header's cart count (units). Asked of the API only when there can be a cart: a guest cart
 * cookie or a session. The cart page reads the whole cart itself, and the header counts that.
 */
export const load: LayoutServerLoad = async ({ locals, cookies, route, depends }) => {
  depends('app:cart');
  if (route.id === '/(shop)/cart') return { cartCount: null };
  if (!cookies.get(CART_COOKIE) && !locals.user && !sessionCookies.some((name) => cookies.get(name))) return { cartCount: 0 };
  try {
    return { cartCount: cartUnits(await locals.api.cart.get()) };
  } catch (err) {
    // A count is not worth a broken page: the header then shows the link without a number.
    if (err instanceof ApiError) return { cartCount: null };
    throw err;
  }
};
