// Staff reconciliation with ECPay: query an order's pending attempts now, and the day's report.
import { IdParams } from '@shop/contracts/common';
import { ReconcileResult, ReconciliationReport } from '@shop/contracts/payments-admin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EcpayDeps } from './ecpay.service.js';
import { reconcileOrderPayments, reconciliationReport } from './reconcile.service.js';

const tags = ['admin: payments'];

/** A calendar date, YYYY-MM-DD, that exists. */
const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Not a calendar date');

export const reconcileRoutes: FastifyPluginAsyncZod<{ deps: EcpayDeps }> = async (app, { deps }) => {
  app.post(
    '/admin/orders/:id/payments/reconcile',
    {
      schema: {
        tags,
        summary: 'Ask ECPay now about an order’s pending ECPay attempts',
        description:
          'Staff allowed to update orders. Queries ECPay (QueryTradeInfo) about each pending ECPay attempt of the order and applies a paid ' +
          'answer as ECPay’s own notice would (the order is paid once, whichever comes first). Answers, per attempt, its status before and ' +
          'after and the outcome: `applied`, `duplicate`, `ignored` (not paid yet, or no trade at ECPay), or why the answer was not used ' +
          '(`unreachable`, `rejected`, `bad_mac`, `malformed`, `amount_mismatch`). An order without pending ECPay attempts answers none.',
        params: IdParams,
        response: { 200: ReconcileResult },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reconcileOrderPayments(deps, { actor: req.actor, context: req.accessContext, orderId: req.params.id });
    },
  );

  app.get(
    '/admin/payments/reconciliations',
    {
      schema: {
        tags,
        summary: 'What reconciliation with ECPay changed on one day',
        description:
          'Staff allowed to read orders. The ECPay query answers received on `date` (a calendar day in Asia/Taipei) that changed an attempt ' +
          '(a payment whose notice never came), oldest first, at most 1000: the attempt, its order, its status before and after.',
        querystring: z.object({ date: CalendarDate }),
        response: { 200: ReconciliationReport },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reconciliationReport(deps, { actor: req.actor, context: req.accessContext, date: req.query.date });
    },
  );
};
