// Payments through ECPay: starting an attempt and the form the buyer's browser posts to the cashier.
import { z } from 'zod';

/** What ECPay's cashier offers: one method, or its own chooser (`all`). */
export const EcpayChoices = ['credit', 'atm', 'cvs', 'barcode', 'apple_pay', 'all'] as const;
export const EcpayChoice = z.enum(EcpayChoices);
export type EcpayChoice = z.infer<typeof EcpayChoice>;

export const StartPaymentBody = z.object({ method: EcpayChoice });
export type StartPaymentBody = z.infer<typeof StartPaymentBody>;

/** The new attempt and the signed form to post (urlencoded, from the buyer's browser) to `action`. */
export const StartPaymentResult = z.object({
  paymentId: z.uuid(),
  form: z.object({
    action: z.url(),
    fields: z.record(z.string(), z.string()),
  }),
});
export type StartPaymentResult = z.infer<typeof StartPaymentResult>;
