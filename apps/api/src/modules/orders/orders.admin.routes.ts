import { IdParams } from '@shop/contracts/common';
import {
  AdminCancelOrderBody,
  AdminOrderCsvQuery,
  AdminOrderList,
  AdminOrderListQuery,
  AdminOrderPatch,
  AdminOrdersToday,
  AdminOrderTransitionBody,
  Order,
} from '@shop/contracts/orders';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ordersToday, STORE_TIME_ZONE } from './dashboard.service.js';
import * as service from './orders.service.js';

const tags = ['admin: orders'];
const who = 'Staff allowed on orders (operations staff and admins; support staff read).';

/** `/admin/orders…`: the staff order list, detail, edits and transitions. */
export const ordersAdminRoutes: FastifyPluginAsyncZod<{ deps: service.OrdersDeps }> = async (app, { deps }) => {
  app.get(
    '/admin/orders',
    {
      schema: {
        tags,
        summary: 'Orders, filtered, paged and sorted',
        description: `${who} Filters: status, created from/to, order number (prefix), buyer e-mail, buyer phone (prefix), the latest payment’s status, shipping method.`,
        querystring: AdminOrderListQuery,
        response: { 200: AdminOrderList },
      },
    },
    async (req) => service.adminListOrders(deps, { actor: req.actor, context: req.accessContext, query: req.query }),
  );

  app.get(
    '/admin/orders/today',
    {
      schema: {
        tags,
        summary: 'Today’s orders and revenue, and the orders waiting for payment or shipping',
        description:
          `${who} Today is the calendar day in ${STORE_TIME_ZONE}. \`orders\`: placed today, whatever their status; ` +
          '`revenue`: their totals less cancelled, failed and refunded orders; `paid`: the part of it paid. ' +
          '`awaitingPayment`, `toShip` (paid, preparation not started) and `preparing` count the orders in that status now, whenever placed.',
        response: { 200: AdminOrdersToday },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return ordersToday(deps, { actor: req.actor, context: req.accessContext });
    },
  );

  app.get(
    '/admin/orders.csv',
    {
      schema: {
        tags,
        summary: 'The filtered orders as CSV',
        description: `${who} The list’s filters and sort; every matching order up to 10,000, UTF-8 with a byte-order mark.`,
        querystring: AdminOrderCsvQuery,
      },
    },
    async (req, reply) => {
      const csv = await service.adminOrdersCsv(deps, { actor: req.actor, context: req.accessContext, query: req.query });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="orders.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/admin/orders/:id',
    { schema: { tags, summary: 'One order', description: who, params: IdParams, response: { 200: Order } } },
    async (req) => service.adminGetOrder(deps, { actor: req.actor, context: req.accessContext, orderId: req.params.id }),
  );

  app.patch(
    '/admin/orders/:id',
    {
      schema: {
        tags,
        summary: 'Edit the note, the recipient or the address',
        description:
          `${who} Send the \`version\` you read: a newer one answers 409 VERSION_CONFLICT with \`currentVersion\`. ` +
          'The recipient and the address change only before the parcel leaves (409 ORDER_NOT_EDITABLE).',
        params: IdParams,
        body: AdminOrderPatch,
        response: { 200: Order },
      },
    },
    async (req) =>
      service.adminUpdateOrder(deps, { actor: req.actor, context: req.accessContext, orderId: req.params.id, patch: req.body }),
  );

  app.post(
    '/admin/orders/:id/transition',
    {
      schema: {
        tags,
        summary: 'Move the order to another status',
        description: `${who} Only the moves of the order state machine staff may make (else 409 ORDER_INVALID_TRANSITION with \`from\`/\`to\`); cancelling needs a reason.`,
        params: IdParams,
        body: AdminOrderTransitionBody,
        response: { 200: Order },
      },
    },
    async (req) =>
      service.adminTransition(deps, {
        actor: req.actor,
        context: req.accessContext,
        orderId: req.params.id,
        to: req.body.to,
        reason: req.body.reason,
      }),
  );

  app.post(
    '/admin/orders/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an unpaid order, with a reason',
        description: `${who} From pending_payment or payment_failed; the stock and the coupon come back.`,
        params: IdParams,
        body: AdminCancelOrderBody,
        response: { 200: Order },
      },
    },
    async (req) =>
      service.adminTransition(deps, {
        actor: req.actor,
        context: req.accessContext,
        orderId: req.params.id,
        to: 'cancelled',
        reason: req.body.reason,
      }),
  );
};
