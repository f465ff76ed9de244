// Staff's payment views: an order's attempts with their raw notices, and the flagged payments.
import { IdParams } from '@shop/contracts/common';
import { AdminOrderPayments, FlaggedPaymentList, FlaggedPaymentQuery } from '@shop/contracts/payments-admin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { flaggedPayments, orderPaymentsForStaff } from './admin-payments.service.js';
import type { EcpayDeps } from './ecpay.service.js';

const tags = ['admin: payments'];

export const adminPaymentsRoutes: FastifyPluginAsyncZod<{ deps: EcpayDeps }> = async (app, { deps }) => {
  app.get(
    '/admin/orders/:id/payments',
    {
      schema: {
        tags,
        summary: 'An order’s payment attempts with every notice about them',
        description:
          'Staff allowed to read orders. The order’s attempts, newest first (provider, ECPay method, MerchantTradeNo, TradeNo, amount, ' +
          'status, issued code and deadline, paid time), each with its stored notices newest first: ECPay’s ReturnURL and ' +
          'PaymentInfoURL posts and our QueryTradeInfo answers, raw as received (CheckMacValue included) and as fields, with their ' +
          'outcome and detail; `flagged` marks another amount than the attempt’s and money for an order that no longer wanted it.',
        params: IdParams,
        response: { 200: AdminOrderPayments },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return orderPaymentsForStaff(deps, { actor: req.actor, context: req.accessContext, orderId: req.params.id });
    },
  );

  app.get(
    '/admin/payments/flagged',
    {
      schema: {
        tags,
        summary: 'Payments staff must act on',
        description:
          'Staff allowed to read orders. Newest first: ECPay notices that reported another amount than their attempt’s ' +
          '(`amount_mismatch`: nothing was applied), and money recorded for an order that no longer wanted it (cancelled, expired, or ' +
          'paid through another attempt: `needs_refund`) while the attempt is still `succeeded` (not refunded yet).',
        querystring: FlaggedPaymentQuery,
        response: { 200: FlaggedPaymentList },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return flaggedPayments(deps, { actor: req.actor, context: req.accessContext, ...req.query });
    },
  );
};
