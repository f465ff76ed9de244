import { Cart, type AddCartItemBody } from '@shop/contracts/cart';
import { ProductStock } from '@shop/contracts/inventory';
import type { ApiClient } from '$lib/api/client';
import { id } from './http';

/**
 * The shopper's cart. Whose cart is the API's business: the forwarded session, else the httpOnly
 * `cart_token` cookie it sets with the first change (passed on to the browser by `./http.ts`).
 * Every answer is the cart priced again on the server.
 */
export function cartEndpoints(api: ApiClient) {
  return {
    get: () => api.get('/api/cart', { schema: Cart }),
    /** 409 INVENTORY_SHORTAGE (with `available`), CART_LINE_LIMIT or CART_VARIANT_UNAVAILABLE. */
    addItem: (body: AddCartItemBody) => api.post('/api/cart/items', { body, schema: Cart }),
    setQuantity: (itemId: string, quantity: number) => api.patch(`/api/cart/items/${id(itemId)}`, { body: { quantity }, schema: Cart }),
    removeItem: (itemId: string) => api.delete(`/api/cart/items/${id(itemId)}`, { schema: Cart }),
    /** 409 COUPON_INVALID with `reason` (and `missingAmount` / `limit`) when the code does not apply to the cart as it is. */
    applyCoupon: (code: string) => api.post('/api/cart/coupon', { body: { code }, schema: Cart }),
    removeCoupon: () => api.delete('/api/cart/coupon', { schema: Cart }),
    chooseShippingMethod: (methodId: string | null) => api.put('/api/cart/shipping-method', { body: { methodId }, schema: Cart }),
  };
}

/** What the storefront tells about stock: per variant in stock, low (with units left) or out. */
export function stockEndpoints(api: ApiClient) {
  return {
    product: (productId: string) => api.get(`/api/stock/products/${id(productId)}`, { schema: ProductStock }),
  };
}
