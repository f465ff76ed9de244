// The mail a buyer gets when ECPay issued the code of an offline payment (an ATM virtual account,
// a store payment number or barcodes): an outbox handler of `payment.code_issued` that queues one
// `payment_code` mail (notifications' `email.send`) in the order's language. The relay's consumer
// ledger runs it once per event, so a redelivered event queues nothing more.
import type { Config } from '../../config.js';
import { defineHandler } from '../../platform/events.js';
import type { EventHandler } from '../../platform/outbox.js';
import { queueEmail } from '../notifications/index.js';
import { findOrderRow, orderLink, orderView } from '../orders/index.js';
import { PaymentCodeIssued } from './payments.events.js';
import * as repo from './payments.repo.js';

export const PAYMENT_CODE_MAIL_HANDLER = 'payments.payment-code-mail';

/**
 * On `payment.code_issued`: queues the `payment_code` mail to the buyer's e-mail, in the handler's
 * transaction (the ledger row and the mail's event commit together). Nothing when the attempt is no
 * longer waiting for that code (paid already, cancelled by a change of method) or the order has
 * no buyer e-mail.
 */
export function paymentCodeMailHandler(config: Pick<Config, 'http'>): EventHandler {
  return defineHandler({
    name: PAYMENT_CODE_MAIL_HANDLER,
    events: [PaymentCodeIssued],
    async handle(tx, payload) {
      const payment = await repo.findPayment(tx, payload.paymentId);
      if (!payment || payment.status !== 'pending' || payment.codeInfo?.expiresAt !== payload.code.expiresAt) return;
      const row = await findOrderRow(tx, payload.orderId);
      if (!row || row.status !== 'pending_payment') return;
      const order = await orderView(tx, row);
      const email = order.buyer.email;
      if (!email) return;
      const code = payload.code;
      await queueEmail(tx, {
        to: email,
        template: 'payment_code',
        locale: row.locale,
        params: {
          displayName: order.buyer.name,
          link: orderLink(config.http.publicUrl, {
            orderId: row.id,
            locale: row.locale,
            guestLinkToken: row.userId ? null : payload.guestLinkToken,
          }),
          orderNumber: row.orderNumber,
          amount: payload.amount,
          code:
            code.kind === 'atm'
              ? { kind: 'atm', bankCode: code.bankCode, account: code.vAccount }
              : code.kind === 'cvs'
                ? { kind: 'cvs', paymentNo: code.paymentNo }
                : { kind: 'barcode', barcodes: code.barcodes },
          expiresAt: code.expiresAt,
        },
      });
    },
  });
}
