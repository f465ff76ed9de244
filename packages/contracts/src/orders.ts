// Orders as shoppers and staff read them, and the staff edits and transitions. Money is in integer
// minor units (TWD whole dollars); every figure was computed on the server at checkout.
import { z } from 'zod';
import { CartTotals } from './cart.js';
import { Paged } from './common.js';
import { AuthResponse, DisplayName, Locale, NewPassword } from './identity.js';
import { EcpayChoice } from './payments.js';
import { OrderRefundFigures, Refund } from './refunds.js';

export { OrdersErrorCodes, type OrdersErrorCode } from './errors/orders.js';
export { PaymentsErrorCodes, type PaymentsErrorCode } from './errors/payments.js';

export const OrderStatuses = [
  'pending_payment',
  'paid',
  'preparing_shipment',
  'shipped',
  'completed',
  'payment_failed',
  'cancelled',
  'refund_requested',
  'refunded',
  'refund_rejected',
] as const;
export const OrderStatus = z.enum(OrderStatuses);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** How an order is paid: by bank transfer or on delivery (confirmed by staff), or online through ECPay's cashier. */
export const PaymentMethods = ['bank_transfer', 'cash_on_delivery', 'ecpay'] as const;
export const PaymentMethod = z.enum(PaymentMethods);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const PaymentStatuses = ['created', 'pending', 'succeeded', 'failed', 'cancelled', 'partially_refunded', 'refunded'] as const;
export const PaymentStatus = z.enum(PaymentStatuses);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** Taiwanese mobile number: 09 and eight digits. */
export const TwMobile = z
  .string()
  .trim()
  .regex(/^09\d{8}$/, 'A mobile number is 09 followed by 8 digits.');
/** A recipient's name as the carriers print it: 2–10 characters. */
export const RecipientName = z
  .string()
  .trim()
  .refine((s) => [...s].length >= 2 && [...s].length <= 10, 'A recipient name has 2–10 characters.');
/** 3-digit postal code, or the 5- and 6-digit forms that start with it. */
export const TwZip = z
  .string()
  .trim()
  .regex(/^(\d{3}|\d{5}|\d{6})$/, 'A postal code has 3, 5 or 6 digits.');

export const OrderAddress = z.object({
  city: z.string().trim().min(1).max(20),
  district: z.string().trim().min(1).max(20),
  zip: TwZip,
  line: z.string().trim().min(1).max(200),
});
export type OrderAddress = z.infer<typeof OrderAddress>;

export const PickupStore = z.object({
  id: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  brand: z.string().trim().min(1).max(40),
});
export type PickupStore = z.infer<typeof PickupStore>;

export const OrderPerson = z.object({ name: z.string(), mobile: z.string(), email: z.string().nullable() });

const Named = z.object({ 'zh-TW': z.string(), en: z.string() });

export const OrderItemKinds = ['normal', 'gift', 'add_on'] as const;
export const OrderItem = z.object({
  id: z.uuid(),
  kind: z.enum(OrderItemKinds),
  variantId: z.uuid(),
  productId: z.uuid(),
  /** The product as it was when bought. */
  snapshotId: z.uuid(),
  sku: z.string(),
  productName: Named,
  options: z.array(z.object({ name: Named, value: Named })),
  imageUrl: z.string().nullable(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  lineSubtotal: z.number().int(),
  lineDiscount: z.number().int(),
  allocatedOrderDiscount: z.number().int(),
  lineTotal: z.number().int(),
  /** The promotion a gift or add-on line came from. */
  promotionId: z.uuid().nullable(),
});

/** An order keeps the figures its cart was priced at: the same shape as the cart's totals. */
export const OrderTotals = CartTotals;

/** An ATM virtual account, a convenience-store payment number or three barcodes, each with its deadline. */
export const PaymentCode = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('atm'), bankCode: z.string(), account: z.string(), expiresAt: z.iso.datetime() }),
  z.object({ kind: z.literal('cvs'), paymentNo: z.string(), expiresAt: z.iso.datetime() }),
  z.object({ kind: z.literal('barcode'), barcodes: z.tuple([z.string(), z.string(), z.string()]), expiresAt: z.iso.datetime() }),
]);
export type PaymentCode = z.infer<typeof PaymentCode>;

export const OrderPayment = z.object({
  id: z.uuid(),
  provider: z.string(),
  method: PaymentMethod,
  amount: z.number().int(),
  status: PaymentStatus,
  createdAt: z.iso.datetime(),
  /** What ECPay's cashier was asked for (ECPay attempts only). */
  ecpayMethod: EcpayChoice.nullable(),
  /** The code an offline ECPay payment is made with, once ECPay issued it, and until when it can be paid. */
  code: PaymentCode.nullable(),
  /** When the provider reported the money arrived. */
  paidAt: z.iso.datetime().nullable(),
});
export type OrderPayment = z.infer<typeof OrderPayment>;

export const OrderHistoryEntry = z.object({
  from: OrderStatus.nullable(),
  to: OrderStatus,
  actorType: z.enum(['customer', 'guest', 'staff', 'system']),
  actorId: z.uuid().nullable(),
  reason: z.string().nullable(),
  at: z.iso.datetime(),
});

export const Order = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  status: OrderStatus,
  version: z.number().int(),
  currency: z.literal('TWD'),
  createdAt: z.iso.datetime(),
  /** Unpaid orders are cancelled, their stock and coupon given back, after this time. */
  reservationExpiresAt: z.iso.datetime().nullable(),
  paymentMethod: PaymentMethod,
  needsShipping: z.boolean(),
  shippingMethodId: z.uuid().nullable(),
  couponCode: z.string().nullable(),
  note: z.string().nullable(),
  marketingOptIn: z.boolean(),
  totals: OrderTotals,
  buyer: OrderPerson,
  recipient: OrderPerson.nullable(),
  address: OrderAddress.nullable(),
  store: PickupStore.nullable(),
  items: z.array(OrderItem),
  payments: z.array(OrderPayment),
  /** The order's refunds, oldest first, and its refund figures (a partial refund keeps the order's status). */
  refunds: z.array(Refund),
  refundFigures: OrderRefundFigures,
  history: z.array(OrderHistoryEntry),
});
export type Order = z.infer<typeof Order>;

export const OrderSummary = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  status: OrderStatus,
  createdAt: z.iso.datetime(),
  total: z.number().int(),
  itemCount: z.number().int(),
  paymentMethod: PaymentMethod,
});
export const OrderList = Paged(OrderSummary);

export const OrderListQuery = z.object({
  status: OrderStatus.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A guest reaches an order with the signed token from the checkout answer (or the lookup). */
export const OrderAccessQuery = z.object({ token: z.string().min(1).max(2000).optional() });

export const CancelOrderBody = z.object({ reason: z.string().trim().min(1).max(500).optional() }).optional();

export const OrderLookupBody = z.object({
  orderNumber: z
    .string()
    .trim()
    .regex(/^\d{19}$/, 'An order number has 19 digits.'),
  email: z.email().max(254),
  mobile: TwMobile,
});
export const OrderLookupResult = z.object({ order: Order, token: z.string() });

// ---------- staff ----------

export const AdminOrderSummary = OrderSummary.extend({
  buyerName: z.string(),
  buyerEmail: z.string().nullable(),
  buyerMobile: z.string(),
  shippingMethodId: z.uuid().nullable(),
  paymentStatus: PaymentStatus.nullable(),
});
export const AdminOrderList = Paged(AdminOrderSummary);

export const AdminOrderSorts = ['createdAt', 'total', 'orderNumber'] as const;
export const AdminOrderListQuery = z.object({
  status: OrderStatus.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  orderNumber: z
    .string()
    .trim()
    .regex(/^\d{1,19}$/)
    .optional(),
  email: z.string().trim().min(1).max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/)
    .optional(),
  paymentStatus: PaymentStatus.optional(),
  shippingMethodId: z.uuid().optional(),
  sort: z.enum(AdminOrderSorts).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AdminOrderListQuery = z.infer<typeof AdminOrderListQuery>;
/** The CSV export takes the list's filters and sort (every matching order, up to 10,000). */
export const AdminOrderCsvQuery = AdminOrderListQuery.omit({ page: true, pageSize: true });

export const AdminOrderPatch = z.object({
  /** The version the editor read; a newer one answers 409 VERSION_CONFLICT. */
  version: z.number().int().min(1),
  note: z.string().trim().max(1000).nullable().optional(),
  recipient: z.object({ name: RecipientName, mobile: TwMobile }).optional(),
  address: OrderAddress.optional(),
});
export type AdminOrderPatch = z.infer<typeof AdminOrderPatch>;

export const AdminOrderTransitionBody = z.object({
  to: OrderStatus,
  reason: z.string().trim().min(1).max(500).optional(),
});
export const AdminCancelOrderBody = z.object({ reason: z.string().trim().min(1).max(500) });

/**
 * The staff dashboard's figures for today, a day in the store's time zone (`timeZone`, Asia/Taipei):
 * `orders` placed in [`from`, `to`), whatever became of them; `revenue` the totals of those not
 * cancelled, failed or refunded; `paid` the part of `revenue` already paid. `awaitingPayment` and
 * `toShip` (paid, preparation not started) and `preparing` count every order in that status now,
 * whenever it was placed. Money in minor units (TWD).
 */
export const AdminOrdersToday = z.object({
  day: z.iso.date(),
  timeZone: z.string(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  currency: z.literal('TWD'),
  orders: z.number().int(),
  revenue: z.number().int(),
  paid: z.number().int(),
  awaitingPayment: z.number().int(),
  toShip: z.number().int(),
  preparing: z.number().int(),
});
export type AdminOrdersToday = z.infer<typeof AdminOrdersToday>;

// ---------- a guest's account from their order ----------

/**
 * A guest creates an account for the order's buyer e-mail with the order's signed token (query
 * `token`). The display name defaults to the buyer's name on the order.
 */
export const GuestAccountBody = z.object({
  password: NewPassword,
  displayName: DisplayName.optional(),
  locale: Locale.optional(),
});
export type GuestAccountBody = z.infer<typeof GuestAccountBody>;

/** What `/auth/register` answers (the new account, signed in), and the order now in its list. */
export const GuestAccountResult = AuthResponse.extend({ orderId: z.uuid() });
export type GuestAccountResult = z.infer<typeof GuestAccountResult>;
