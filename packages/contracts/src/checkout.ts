// Checkout: the form as Taiwanese shoppers fill it in (訂購人 and 收件人, home delivery or store
// pickup) and the answer. No request carries a price except `expected.total`, what the shopper was
// shown, which is only compared with the server's figures.
import { z } from 'zod';
import { Order, OrderAddress, OrderTotals, PaymentMethod, PickupStore, RecipientName, TwMobile } from './orders.js';
import { CheckoutEcpayChoice, EcpayChoice, InstallmentCount } from './payments.js';

export { CheckoutErrorCodes, type CheckoutErrorCode } from './errors/checkout.js';

export const CheckoutSession = z.object({
  /** Send it back as `orderId`: it becomes the order's id, and names one order only. */
  orderId: z.uuid(),
  expiresAt: z.iso.datetime(),
});

export const CheckoutBody = z
  .object({
    orderId: z.uuid(),
    buyer: z.object({ name: z.string().trim().min(1).max(50), mobile: TwMobile, email: z.email().max(254) }),
    /** 收件人; the buyer unless `sameAsBuyer` is false. */
    recipient: z
      .union([
        z.object({ sameAsBuyer: z.literal(true) }),
        z.object({ sameAsBuyer: z.literal(false), name: RecipientName, mobile: TwMobile }),
      ])
      .default({ sameAsBuyer: true }),
    shippingMethodId: z.uuid().nullable().optional(),
    /** For home delivery. */
    address: OrderAddress.optional(),
    /** For store pickup: the store the shopper picked on the chain's map. */
    store: PickupStore.optional(),
    paymentMethod: PaymentMethod,
    /** With `paymentMethod: 'ecpay'` (and only then): the method ECPay's cashier is opened for. */
    ecpay: CheckoutEcpayChoice.optional(),
    note: z.string().trim().max(500).optional(),
    acceptTerms: z.literal(true, 'Accept the terms and the return policy.'),
    marketingOptIn: z.boolean().default(false),
    /** The language the shopper placed the order in: the order's mails are written in it (zh-TW when absent). */
    locale: z.enum(['zh-TW', 'en']).optional(),
    /** What the shopper was shown: any difference answers 409 PRICE_CHANGED. */
    expected: z.object({
      total: z.number().int().min(0).max(100_000_000),
      /** The gifts shown, when the page showed any. */
      gifts: z
        .array(z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(999) }))
        .max(50)
        .optional(),
    }),
  })
  .superRefine((b, ctx) => {
    if (b.paymentMethod === 'ecpay' && !b.ecpay)
      ctx.addIssue({ code: 'custom', path: ['ecpay'], message: 'Choose how to pay through ECPay.' });
    if (b.paymentMethod !== 'ecpay' && b.ecpay)
      ctx.addIssue({ code: 'custom', path: ['ecpay'], message: 'Only an ECPay payment takes an ECPay choice.' });
  });
export type CheckoutBody = z.infer<typeof CheckoutBody>;

export const ManualPaymentAction = z.object({
  type: z.literal('manual_instructions'),
  method: z.enum(['bank_transfer', 'cash_on_delivery']),
  instructions: z.object({ 'zh-TW': z.string(), en: z.string() }),
  amount: z.number().int(),
  dueAt: z.iso.datetime().nullable(),
});

/**
 * An ECPay order: the shopper goes on to ECPay's cashier. Start the attempt with
 * `POST /api/orders/{id}/payments` (`{ method, installments }` as given here) and post its form.
 */
export const EcpayPaymentAction = z.object({
  type: z.literal('ecpay_cashier'),
  method: z.literal('ecpay'),
  ecpay: z.object({ method: EcpayChoice, installments: InstallmentCount.nullable() }),
  amount: z.number().int(),
  /** Unpaid by then, the order is cancelled (an issued ATM or store code moves it to the code's deadline). */
  dueAt: z.iso.datetime().nullable(),
});

export const PaymentNextAction = z.discriminatedUnion('type', [ManualPaymentAction, EcpayPaymentAction]);
export type PaymentNextAction = z.infer<typeof PaymentNextAction>;

export const CheckoutResult = z.object({
  order: Order,
  payment: z.object({ id: z.uuid(), status: z.string(), nextAction: PaymentNextAction }),
  /** For guests: the signed token that opens this order (`GET /api/orders/{id}?token=…`). */
  orderToken: z.string().nullable(),
});
export type CheckoutResult = z.infer<typeof CheckoutResult>;

/** The figures the server computed when they differ from `expected` (409 PRICE_CHANGED). */
export const PriceChangedFigures = z.object({
  totals: OrderTotals,
  gifts: z.array(z.object({ variantId: z.uuid(), quantity: z.number().int() })),
});
