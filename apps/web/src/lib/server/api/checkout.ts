import { CheckoutResult, CheckoutSession, type CheckoutBody } from '@shop/contracts/checkout';
import type { ApiClient } from '$lib/api/client';

/**
 * Placing an order from the shopper's cart. Whose cart is the API's business (the forwarded
 * session, else the guest's `cart_token` cookie).
 */
export function checkoutEndpoints(api: ApiClient) {
  return {
    /** A pre-issued order id for one rendering of the form (409 CHECKOUT_CART_EMPTY without a cart). */
    session: () => api.get('/api/checkout/session', { schema: CheckoutSession }),
    /**
     * Places the order. `idempotencyKey` stays the same for every send of one form (the pre-issued
     * order id), so a double send answers the first order again. 409 PRICE_CHANGED (with
     * `current`), INVENTORY_SHORTAGE (with `lines`), COUPON_INVALID, CART_SHIPPING_METHOD_UNAVAILABLE,
     * CHECKOUT_SESSION_INVALID; 422 CHECKOUT_ADDRESS_REQUIRED / CHECKOUT_STORE_REQUIRED.
     */
    place: (body: CheckoutBody, idempotencyKey: string) => api.post('/api/checkout', { body, idempotencyKey, schema: CheckoutResult }),
  };
}
