// Payments' HTTP edges: the buyer starts an ECPay attempt; ECPay's servers post their notices.
import { IdParams } from '@shop/contracts/common';
import { OrderAccessQuery } from '@shop/contracts/orders';
import { StartPaymentBody, StartPaymentResult } from '@shop/contracts/payments';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { receiveEcpayNotification, startEcpayPayment, type EcpayDeps } from './ecpay.service.js';
import type { NotificationKind } from './payments.tables.js';

const FORM = 'application/x-www-form-urlencoded';
/** ECPay's notices are a few hundred bytes; anything near this is not one. */
const NOTICE_BODY_LIMIT = 32 * 1024;

/** `POST /orders/{id}/payments`: the buyer's new ECPay attempt and the cashier form. */
export const paymentsRoutes: FastifyPluginAsyncZod<{ deps: EcpayDeps }> = async (app, { deps }) => {
  app.post(
    '/orders/:id/payments',
    {
      schema: {
        tags: ['orders'],
        summary: 'Start paying an unpaid order through ECPay',
        description:
          'The signed-in buyer’s own order, or a guest’s through `token`; someone else’s answers 404 ORDER_NOT_FOUND, nobody 401. ' +
          'Cancels the order’s open payment attempts and makes a new one with a fresh MerchantTradeNo; answers the form the browser ' +
          'posts (urlencoded) to ECPay’s cashier at `form.action`. 409 PAYMENT_ORDER_NOT_PAYABLE unless the order is pending_payment ' +
          '(cash on delivery is paid to the carrier); 422 PAYMENT_METHOD_UNAVAILABLE when the shop does not offer the method or installment count now ' +
          '(its payment settings) or ECPay would not take the order this way. ATM and store codes are issued with the shop’s deadlines; ' +
          '`installments` (3, 6, 12, with `credit`) opens the card payment in that many installments.',
        params: IdParams,
        querystring: OrderAccessQuery,
        body: StartPaymentBody,
        response: { 201: StartPaymentResult },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const started = await startEcpayPayment(deps, {
        actor: req.actor,
        context: req.accessContext,
        orderId: req.params.id,
        token: req.query.token,
        method: req.body.method,
        installments: req.body.installments,
      });
      return reply.status(201).send(started);
    },
  );

  await app.register(ecpayNotificationRoutes, { deps });
};

/**
 * ECPay's server-to-server notices, urlencoded and signed (CheckMacValue): the raw body is what is
 * stored and verified, so this scope reads form bodies as text and takes no other type (415).
 */
const ecpayNotificationRoutes: FastifyPluginAsyncZod<{ deps: EcpayDeps }> = async (app, { deps }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: NOTICE_BODY_LIMIT }, (_req, body, done) => done(null, body));

  const notice = (kind: NotificationKind, path: string, summary: string, description: string) =>
    app.post(
      path,
      {
        bodyLimit: NOTICE_BODY_LIMIT,
        config: { serverToServer: true },
        schema: {
          tags: ['payments'],
          summary,
          description,
          consumes: [FORM],
          body: z.string().describe('ECPay’s fields, urlencoded and signed (CheckMacValue), as its server posts them'),
        },
      },
      async (req, reply) => {
        const { reply: text } = await receiveEcpayNotification(deps, { kind, rawBody: req.body });
        return reply.status(200).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(text);
      },
    );

  const answers =
    'Every notice is kept as received first. Answers `1|OK` (text/plain) once it is stored and, when verified, applied or found already applied; ' +
    'a notice with a wrong CheckMacValue, another MerchantID, an unknown MerchantTradeNo or another amount is recorded for staff and changes nothing. ' +
    'A notice that could not be stored fails with a 5xx, so ECPay sends it again.';
  notice(
    'return',
    '/payments/ecpay/notify',
    'ECPay’s payment result (ReturnURL)',
    `Paid (RtnCode 1): the attempt succeeds and the order is paid (or, if the order is no longer waiting, the money is marked for refund). Otherwise the attempt fails and the order is cancelled. ${answers}`,
  );
  notice(
    'payment_info',
    '/payments/ecpay/payment-info',
    'ECPay’s issued payment code (PaymentInfoURL)',
    `An ATM account (RtnCode 2) or a store code or barcode (10100073): stored on the attempt, and the order waits for it until the code’s deadline. ${answers}`,
  );
};
