// Refunds over HTTP: the shopper's request, and staff's queue, decisions and own refunds.
import { IdParams } from '@shop/contracts/common';
import { OrderAccessQuery } from '@shop/contracts/orders';
import {
  AdminRefund,
  AdminRefundList,
  AdminRefundListQuery,
  ApproveRefundBody,
  CompleteRefundBody,
  Refund,
  RefundRequestBody,
  RejectRefundBody,
  StaffRefundBody,
} from '@shop/contracts/refunds';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as service from './refunds.service.js';

const staffTags = ['admin: refunds'];
const staff = 'Staff allowed on refund requests (support staff and admins by the built-in policies); others 403, nobody signed in 401.';

export const refundRoutes: FastifyPluginAsyncZod<{ deps: service.RefundDeps }> = async (app, { deps }) => {
  app.post(
    '/orders/:id/refunds',
    {
      schema: {
        tags: ['orders'],
        summary: 'Ask for a refund of a paid order (the whole order, or some items)',
        description:
          'The signed-in buyer’s own order, or a guest’s through `token`; someone else’s answers 404 ORDER_NOT_FOUND, nobody 401. ' +
          'Without `lines`: the whole order (every item still refundable and the shipping fee); the order becomes refund_requested. ' +
          'With `lines`: those items (their paid line totals, split over the units); lines covering everything left count as the whole order. ' +
          '409 REFUND_NOT_ALLOWED unless the order is paid or being prepared (not shipped); 409 REFUND_ALREADY_OPEN while another refund ' +
          'of the order is open; 422 REFUND_LINE_INVALID (unknown item, more units than are left, a gift on its own), REFUND_AMOUNT_EXCEEDED, ' +
          'REFUND_BANK_ACCOUNT_REQUIRED (any payment but a card is refunded by bank transfer).',
        params: IdParams,
        querystring: OrderAccessQuery,
        body: RefundRequestBody,
        response: { 201: Refund },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const refund = await service.requestRefund(deps, {
        actor: req.actor,
        context: req.accessContext,
        orderId: req.params.id,
        token: req.query.token,
        body: req.body,
      });
      return reply.status(201).send(refund);
    },
  );

  app.get(
    '/admin/refunds',
    {
      schema: {
        tags: staffTags,
        summary: 'Refunds, newest first',
        description: `${staff} Optionally only those in one status (e.g. \`requested\`: the queue to decide).`,
        querystring: AdminRefundListQuery,
        response: { 200: AdminRefundList },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.adminListRefunds(deps, { actor: req.actor, context: req.accessContext, query: req.query });
    },
  );

  app.get(
    '/admin/refunds/:id',
    {
      schema: {
        tags: staffTags,
        summary: 'One refund with its bank account and the provider’s answers',
        description: `${staff} 404 REFUND_NOT_FOUND.`,
        params: IdParams,
        response: { 200: AdminRefund },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.adminGetRefund(deps, { actor: req.actor, context: req.accessContext, refundId: req.params.id });
    },
  );

  app.post(
    '/admin/refunds/:id/approve',
    {
      schema: {
        tags: staffTags,
        summary: 'Approve a refund request: the money goes back',
        description:
          `${staff} Only a requested refund (else 409 REFUND_INVALID_TRANSITION; of concurrent approvals one goes on). ` +
          'A card payment is refunded through ECPay at once (void, close for less, or refund, by the trade’s close state) and the answer ' +
          'shows the outcome: succeeded, or failed with ECPay’s message. Any other payment waits in processing for staff to transfer the ' +
          'money and mark it done. `restock` puts the refunded units back on hand when the refund succeeds.',
        params: IdParams,
        body: ApproveRefundBody,
        response: { 200: AdminRefund },
      },
    },
    async (req) =>
      service.approveRefund(deps, {
        actor: req.actor,
        context: req.accessContext,
        refundId: req.params.id,
        restock: req.body.restock,
        note: req.body.note,
      }),
  );

  app.post(
    '/admin/refunds/:id/reject',
    {
      schema: {
        tags: staffTags,
        summary: 'Reject a refund request with a reason',
        description:
          `${staff} Only a requested refund (else 409 REFUND_INVALID_TRANSITION). A whole-order request’s order becomes refund_rejected ` +
          '(and goes back to preparing_shipment when it was being prepared when the refund was asked).',
        params: IdParams,
        body: RejectRefundBody,
        response: { 200: AdminRefund },
      },
    },
    async (req) =>
      service.rejectRefund(deps, { actor: req.actor, context: req.accessContext, refundId: req.params.id, reason: req.body.reason }),
  );

  app.post(
    '/admin/refunds/:id/complete',
    {
      schema: {
        tags: staffTags,
        summary: 'Mark a bank-transfer refund done, or failed',
        description:
          `${staff} Only a transfer refund in processing (else 409 REFUND_INVALID_TRANSITION). \`succeeded\`: the payment becomes ` +
          'partially_refunded or refunded and a whole-order refund’s order refunded; `failed` with the reason.',
        params: IdParams,
        body: CompleteRefundBody,
        response: { 200: AdminRefund },
      },
    },
    async (req) =>
      service.completeRefund(deps, { actor: req.actor, context: req.accessContext, refundId: req.params.id, outcome: req.body }),
  );

  app.post(
    '/admin/orders/:id/refunds',
    {
      schema: {
        tags: staffTags,
        summary: 'Refund an order as staff, approved at once',
        description:
          `${staff} Declining a paid order (no \`lines\`: the whole order, which becomes refunded), refunding some items, or giving back ` +
          'money that arrived for an order already cancelled. Carried out at once like an approval (a card through ECPay; a transfer waits ' +
          'for staff to mark it done). 404 ORDER_NOT_FOUND; 409 REFUND_NOT_ALLOWED without money to refund, REFUND_ALREADY_OPEN; ' +
          '422 REFUND_LINE_INVALID, REFUND_AMOUNT_EXCEEDED.',
        params: IdParams,
        body: StaffRefundBody,
        response: { 201: AdminRefund },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const refund = await service.staffRefund(deps, {
        actor: req.actor,
        context: req.accessContext,
        orderId: req.params.id,
        body: req.body,
      });
      return reply.status(201).send(refund);
    },
  );
};
