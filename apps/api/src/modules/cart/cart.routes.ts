import type {} from '@fastify/cookie';
import { AddCartItemBody, ApplyCouponBody, Cart, CartItemParams, ShippingMethodChoice, UpdateCartItemBody } from '@shop/contracts/cart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import * as service from './cart.service.js';

export const CART_COOKIE = 'cart_token';
const NINETY_DAYS_SEC = 90 * 24 * 60 * 60;

/** A guest token is 32 random bytes in base64url; anything else names no cart. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whose cart a request names: the signed-in user, and the guest token from the cookie when it has the token's shape. */
export function cartCallerOf(req: FastifyRequest): service.CartCaller {
  const token = req.cookies?.[CART_COOKIE];
  return { userId: req.actor?.userId ?? null, guestToken: token !== undefined && TOKEN.test(token) ? token : undefined };
}

const tags = ['cart'];
const who =
  'Anyone: a signed-in shopper’s cart is theirs on every device; a guest’s is found by the httpOnly `cart_token` cookie, set with the first change. ' +
  'A request that carries both a session and a guest cookie first merges the guest cart into the user’s and clears the cookie.';
const priced = 'Answers the cart priced again on the server: no request carries a price.';

/**
 * `/cart…`: the shopper's cart. Thin: whose cart (session or cookie), one service call, the cookie
 * the service asks for.
 */
export const cartRoutes: FastifyPluginAsyncZod<{ deps: service.CartDeps; config: Config }> = async (app, { deps, config }) => {
  const caller = cartCallerOf;
  const send = (req: FastifyRequest, reply: FastifyReply, result: service.CartResult) => {
    const base = { httpOnly: true, sameSite: 'lax' as const, secure: config.auth.cookieSecure ?? req.protocol === 'https', path: '/' };
    if (result.cookie && 'set' in result.cookie) reply.setCookie(CART_COOKIE, result.cookie.set, { ...base, maxAge: NINETY_DAYS_SEC });
    else if (result.cookie) reply.clearCookie(CART_COOKIE, base);
    // A cookie that names no cart (garbage, or a merged guest cart) is dropped as well.
    else if (req.cookies?.[CART_COOKIE] !== undefined && caller(req).guestToken === undefined) reply.clearCookie(CART_COOKIE, base);
    reply.header('cache-control', 'no-store');
    return result.cart;
  };

  app.get(
    '/cart',
    { schema: { tags, summary: 'The shopper’s cart, priced now', description: `${who} ${priced}`, response: { 200: Cart } } },
    async (req, reply) => send(req, reply, await service.getCart(deps, caller(req))),
  );

  app.post(
    '/cart/items',
    {
      schema: {
        tags,
        summary: 'Add units of a variant',
        description:
          `${who} Adds to the variant’s line when there is one. 409 CART_VARIANT_UNAVAILABLE for a variant not for sale or an add-on no running promotion offers; ` +
          '409 CART_LINE_LIMIT past 99 units; 409 INVENTORY_SHORTAGE with `available` when the cart would hold more than can be sold now ' +
          `(the cart holds no stock; checkout reserves it). ${priced}`,
        body: AddCartItemBody,
        response: { 200: Cart },
      },
    },
    async (req, reply) =>
      send(
        req,
        reply,
        await service.addItem(deps, caller(req), {
          variantId: req.body.variantId,
          quantity: req.body.quantity,
          addOnOf: req.body.addOnOf ?? null,
        }),
      ),
  );

  app.patch(
    '/cart/items/:id',
    {
      schema: {
        tags,
        summary: 'Set a line’s quantity',
        description: `404 CART_ITEM_NOT_FOUND for a line not in the caller’s cart. Raising past what can be sold: 409 INVENTORY_SHORTAGE with \`available\`. ${priced}`,
        params: CartItemParams,
        body: UpdateCartItemBody,
        response: { 200: Cart },
      },
    },
    async (req, reply) =>
      send(req, reply, await service.updateItem(deps, caller(req), { itemId: req.params.id, quantity: req.body.quantity })),
  );

  app.delete(
    '/cart/items/:id',
    {
      schema: {
        tags,
        summary: 'Remove a line',
        description: `404 CART_ITEM_NOT_FOUND for a line not in the caller’s cart. ${priced}`,
        params: CartItemParams,
        response: { 200: Cart },
      },
    },
    async (req, reply) => send(req, reply, await service.removeItem(deps, caller(req), { itemId: req.params.id })),
  );

  app.post(
    '/cart/coupon',
    {
      schema: {
        tags,
        summary: 'Apply a coupon code',
        description:
          'Stored only when the pricing engine applies it to the cart as it is. Otherwise 409 COUPON_INVALID (the status checkout answers for the same code) ' +
          'with `reason`: unknown, not_started, expired, minimum_not_met (with `missingAmount`), used_up (with `limit`), not_applicable or not_combinable; ' +
          `the cart keeps what it had. ${priced}`,
        body: ApplyCouponBody,
        response: { 200: Cart },
      },
    },
    async (req, reply) => send(req, reply, await service.applyCoupon(deps, caller(req), { code: req.body.code })),
  );

  app.delete(
    '/cart/coupon',
    { schema: { tags, summary: 'Remove the coupon code', description: priced, response: { 200: Cart } } },
    async (req, reply) => send(req, reply, await service.removeCoupon(deps, caller(req))),
  );

  app.put(
    '/cart/shipping-method',
    {
      schema: {
        tags,
        summary: 'Choose the shipping method (null: none)',
        description: `409 CART_SHIPPING_METHOD_UNAVAILABLE with \`reason\` for a method that is not active or cannot carry this cart, or a cart that needs no shipping. ${priced}`,
        body: ShippingMethodChoice,
        response: { 200: Cart },
      },
    },
    async (req, reply) => send(req, reply, await service.chooseShippingMethod(deps, caller(req), { methodId: req.body.methodId })),
  );
};
