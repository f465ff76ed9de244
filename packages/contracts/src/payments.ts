// Payments through ECPay: starting an attempt and the form the buyer's browser posts to the cashier.
import { z } from 'zod';

/** What ECPay's cashier offers: one method, or its own chooser (`all`). */
export const EcpayChoices = ['credit', 'atm', 'cvs', 'barcode', 'apple_pay', 'all'] as const;
export const EcpayChoice = z.enum(EcpayChoices);
export type EcpayChoice = z.infer<typeof EcpayChoice>;

/** Card installment counts a shop may offer (ECPay knows more; these are the ones shops contract for). */
export const InstallmentCounts = [3, 6, 12] as const;
export const InstallmentCount = z.union([z.literal(3), z.literal(6), z.literal(12)]);
export type InstallmentCount = z.infer<typeof InstallmentCount>;

/** The ECPay methods a shopper picks at checkout (one method each; the cashier's own chooser is not offered there). */
export const CheckoutEcpayMethods = ['credit', 'apple_pay', 'atm', 'cvs', 'barcode'] as const;
export const CheckoutEcpayMethod = z.enum(CheckoutEcpayMethods);
export type CheckoutEcpayMethod = z.infer<typeof CheckoutEcpayMethod>;

/** Installments are a way to pay by card: they go with `credit` only. */
const installmentsWithCard = (v: { method: string; installments?: number | undefined }, ctx: z.core.$RefinementCtx) => {
  if (v.installments !== undefined && v.method !== 'credit')
    ctx.addIssue({ code: 'custom', path: ['installments'], message: 'Installments are paid by card: choose credit.' });
};

/** `installments`: pay by card in 3, 6 or 12 installments (only counts the shop offers; with `credit` only). */
export const StartPaymentBody = z
  .object({ method: EcpayChoice, installments: InstallmentCount.optional() })
  .superRefine(installmentsWithCard);
export type StartPaymentBody = z.infer<typeof StartPaymentBody>;

/** The ECPay choice carried by a checkout that pays through ECPay. */
export const CheckoutEcpayChoice = z
  .object({ method: CheckoutEcpayMethod, installments: InstallmentCount.optional() })
  .superRefine(installmentsWithCard);
export type CheckoutEcpayChoice = z.infer<typeof CheckoutEcpayChoice>;

/** The new attempt and the signed form to post (urlencoded, from the buyer's browser) to `action`. */
export const StartPaymentResult = z.object({
  paymentId: z.uuid(),
  form: z.object({
    action: z.url(),
    fields: z.record(z.string(), z.string()),
  }),
});
export type StartPaymentResult = z.infer<typeof StartPaymentResult>;
