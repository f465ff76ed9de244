// Refunds: a shopper's request (the whole order, or some items), staff's decision, and how the
// money goes back. Money is in integer minor units (TWD whole dollars), computed on the server.
import { z } from 'zod';
import { Paged } from './common.js';

export const RefundStatuses = ['requested', 'approved', 'processing', 'succeeded', 'rejected', 'failed'] as const;
export const RefundStatus = z.enum(RefundStatuses);
export type RefundStatus = z.infer<typeof RefundStatus>;

/**
 * How the money goes back: `card` through the payment provider (ECPay voids or refunds the card
 * charge), or `transfer`: staff transfer it to the shopper's bank account (ATM, convenience-store
 * code, barcode, bank transfer and cash payments) and mark the refund done.
 */
export const RefundRoutes = ['card', 'transfer'] as const;
export const RefundRoute = z.enum(RefundRoutes);
export type RefundRoute = z.infer<typeof RefundRoute>;

/** Who asked: the shopper (a member or a guest with the order's link), or staff (declining the order, refunding money that arrived late). */
export const RefundRequesters = ['customer', 'guest', 'staff'] as const;

/** A Taiwanese bank account for a transfer refund: bank code (3 digits), optional branch (4), account number, holder's name. */
export const RefundBankAccount = z.object({
  bankCode: z
    .string()
    .trim()
    .regex(/^\d{3}$/, 'A bank code has 3 digits.'),
  branchCode: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'A branch code has 4 digits.')
    .optional(),
  account: z
    .string()
    .trim()
    .regex(/^\d{6,16}$/, 'An account number has 6–16 digits.'),
  holder: z.string().trim().min(1).max(50),
});
export type RefundBankAccount = z.infer<typeof RefundBankAccount>;

/** One line of a refund: an order item, how many of it, and the money for them (from the line's total after its discounts). */
export const RefundLine = z.object({
  itemId: z.uuid(),
  quantity: z.number().int(),
  amount: z.number().int(),
});
export type RefundLine = z.infer<typeof RefundLine>;

/**
 * A refund as the shopper sees it. `whole`: the whole order (every line still refundable and the
 * shipping fee); otherwise `lines`. `amount` = the lines' amounts + `shipping`. The bank account is
 * shown masked (the last 4 digits).
 */
export const Refund = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  status: RefundStatus,
  whole: z.boolean(),
  amount: z.number().int(),
  shipping: z.number().int(),
  lines: z.array(RefundLine),
  reason: z.string(),
  route: RefundRoute,
  requestedBy: z.enum(RefundRequesters),
  /** Staff's reason when they rejected the request, or why the provider refused the refund. */
  decisionNote: z.string().nullable(),
  restock: z.boolean(),
  bankAccount: z.object({ bankCode: z.string(), accountLast4: z.string(), holder: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
});
export type Refund = z.infer<typeof Refund>;

/**
 * An order's refund figures: `refunded` (succeeded refunds), `pending` (requested, approved or
 * processing), `refundable` (what may still be asked: paid − refunded − pending).
 */
export const OrderRefundFigures = z.object({
  refunded: z.number().int(),
  pending: z.number().int(),
  refundable: z.number().int(),
});
export type OrderRefundFigures = z.infer<typeof OrderRefundFigures>;

/**
 * A shopper's refund request (RefundRequestForm) for a paid order that has not shipped. Without
 * `lines`: the whole order. `bankAccount` is needed when the money goes back by transfer (any
 * payment but a card); 422 REFUND_BANK_ACCOUNT_REQUIRED without it.
 */
export const RefundRequestBody = z.object({
  reason: z.string().trim().min(1).max(500),
  lines: z
    .array(z.object({ itemId: z.uuid(), quantity: z.number().int().min(1).max(10_000) }))
    .min(1)
    .max(200)
    .optional(),
  bankAccount: RefundBankAccount.optional(),
});
export type RefundRequestBody = z.infer<typeof RefundRequestBody>;

// ---------- staff ----------

/** A refund in staff's queue and detail: the shopper's view plus the order's number, the buyer, the full bank account and the provider's answers. */
export const AdminRefund = Refund.extend({
  orderNumber: z.string(),
  buyerName: z.string(),
  paymentId: z.uuid(),
  bankAccountFull: RefundBankAccount.nullable(),
  /** What was asked of the provider (ECPay DoAction `N` void, `R` refund, `C` close for less) and its answers, oldest first. */
  providerCalls: z.array(
    z.object({ action: z.string(), amount: z.number().int(), ok: z.boolean(), message: z.string(), at: z.iso.datetime() }),
  ),
  decidedBy: z.uuid().nullable(),
});
export type AdminRefund = z.infer<typeof AdminRefund>;

export const AdminRefundList = Paged(AdminRefund);

export const AdminRefundListQuery = z.object({
  status: RefundStatus.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AdminRefundListQuery = z.infer<typeof AdminRefundListQuery>;

/** Staff approve: the money goes back (the card refund is asked at once; a transfer waits for staff to mark it done). `restock` puts the refunded quantities back on hand when the refund succeeds. */
export const ApproveRefundBody = z.object({ restock: z.boolean().default(false), note: z.string().trim().min(1).max(500).optional() });
export const RejectRefundBody = z.object({ reason: z.string().trim().min(1).max(500) });
/** Staff transferred the money (`reference`: the transfer's reference, optional), or could not (`failed` with a reason). */
export const CompleteRefundBody = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('succeeded'), reference: z.string().trim().min(1).max(100).optional() }),
  z.object({ outcome: z.literal('failed'), reason: z.string().trim().min(1).max(500) }),
]);

/**
 * Staff refund an order themselves, approved at once: declining a paid order (the whole order, the
 * order becomes refunded), refunding some items that cannot be delivered, or giving back money that
 * arrived for an order already cancelled. `bankAccount` for a transfer, when staff know it.
 */
export const StaffRefundBody = z.object({
  reason: z.string().trim().min(1).max(500),
  lines: RefundRequestBody.shape.lines,
  restock: z.boolean().default(false),
  bankAccount: RefundBankAccount.optional(),
});
export type StaffRefundBody = z.infer<typeof StaffRefundBody>;
