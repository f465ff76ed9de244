import {
  CancelOrderBody,
  Order,
  OrderAccessQuery,
  OrderList,
  OrderListQuery,
  OrderLookupBody,
  OrderLookupResult,
} from '@shop/contracts/orders';
import { IdParams } from '@shop/contracts/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { limitPerMinute, type WindowCounter } from '../../platform/counters.js';
import * as service from './orders.service.js';

const tags = ['orders'];
const reach =
  'The signed-in buyer’s own order, or a guest’s through `token` (the signed link from the checkout answer or the lookup). ' +
  'Someone else’s order, or a token for another order, answers 404 ORDER_NOT_FOUND; without either, 401.';

/** `/orders…`: the shopper's orders. Thin: one service call each. */
export const ordersRoutes: FastifyPluginAsyncZod<{ deps: service.OrdersDeps; lookupPerMinute: number; counter: WindowCounter }> = async (
  app,
  { deps, lookupPerMinute, counter },
) => {
  app.get(
    '/orders',
    {
      schema: {
        tags,
        summary: 'The signed-in shopper’s orders, newest first',
        description: 'Filter by `status`; each with its total and the units it holds.',
        querystring: OrderListQuery,
        response: { 200: OrderList },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.listMyOrders(deps, { actor: req.actor, context: req.accessContext, ...req.query });
    },
  );

  app.post(
    '/orders/lookup',
    {
      config: { rateLimit: { max: lookupPerMinute, timeWindow: '1 minute' } },
      preHandler: limitPerMinute(counter, 'order-lookup', lookupPerMinute, (req) => {
        const n = (req.body as { orderNumber?: unknown } | undefined)?.orderNumber;
        return typeof n === 'string' ? n.trim() : undefined;
      }),
      schema: {
        tags,
        summary: 'Find an order by its number, the buyer’s e-mail and mobile',
        description:
          'For guests: answers the order and a link token for it. Any mismatch answers 404 ORDER_NOT_FOUND, like no such order. Rate-limited per IP and per order number.',
        body: OrderLookupBody,
        response: { 200: OrderLookupResult },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.lookupOrder(deps, req.body);
    },
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'One order: items as bought, addresses or store, payments, history',
        description: reach,
        params: IdParams,
        querystring: OrderAccessQuery,
        response: { 200: Order },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.getOrder(deps, { actor: req.actor, context: req.accessContext, orderId: req.params.id, token: req.query.token });
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an unpaid order',
        description: `${reach} Only pending_payment (else 409 ORDER_INVALID_TRANSITION); the stock and the coupon come back.`,
        params: IdParams,
        querystring: OrderAccessQuery,
        body: CancelOrderBody,
        response: { 200: Order },
      },
    },
    async (req) =>
      service.cancelMyOrder(deps, {
        actor: req.actor,
        context: req.accessContext,
        orderId: req.params.id,
        token: req.query.token,
        reason: req.body?.reason,
      }),
  );
};
