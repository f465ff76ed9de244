import { CheckoutBody, CheckoutResult, CheckoutSession } from '@shop/contracts/checkout';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cartCallerOf } from '../cart/index.js';
import * as service from './checkout.service.js';

const tags = ['checkout'];

const Headers = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'Printable ASCII, 1–200 characters.')
    .optional()
    .describe(
      'The same key with the same body answers the first result again; with another body, 422 IDEMPOTENCY_KEY_REUSED. Kept for 24 h.',
    ),
});

/** `/checkout…`: the form's pre-issued order id and placing the order. */
export const checkoutRoutes: FastifyPluginAsyncZod<{ deps: service.CheckoutDeps }> = async (app, { deps }) => {
  app.get(
    '/checkout/session',
    {
      schema: {
        tags,
        summary: 'A new order id for the checkout form',
        description:
          'For the signed-in shopper or the guest with a cart cookie (else 409 CHECKOUT_CART_EMPTY). The id is bound to this shopper, usable for a day, ' +
          'and becomes the order’s id: sending the same form twice places one order.',
        response: { 200: CheckoutSession },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.checkoutSession(deps, cartCallerOf(req));
    },
  );

  app.post(
    '/checkout',
    {
      schema: {
        tags,
        summary: 'Place the order from the cart',
        description:
          'For a signed-in shopper or a guest (buyer e-mail and mobile). One transaction: the cart priced again and compared with `expected` ' +
          '(409 PRICE_CHANGED with the new figures), stock reserved for lines and gifts (409 INVENTORY_SHORTAGE with `lines`; gifts short: 409 PRICE_CHANGED), ' +
          'the coupon redeemed (409 COUPON_INVALID), the order, its payment and the cart converted; any refusal leaves nothing behind. ' +
          '409 CHECKOUT_SESSION_INVALID for an order id not issued to this shopper or older than a day; 422 CHECKOUT_ADDRESS_REQUIRED / CHECKOUT_STORE_REQUIRED ' +
          'for home delivery without an address or store pickup without a store; 409 CART_SHIPPING_METHOD_UNAVAILABLE. ' +
          'Answers 201 with the order, the payment’s next action and, for guests, the token of the order’s link.',
        headers: Headers,
        body: CheckoutBody,
        response: { 201: CheckoutResult },
      },
    },
    async (req, reply) => {
      const answer = await service.placeCheckout(deps, {
        caller: cartCallerOf(req),
        actor: req.actor,
        idempotencyKey: req.headers['idempotency-key'],
        body: req.body,
      });
      reply.header('cache-control', 'no-store');
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(answer.body);
    },
  );
};
