// ECPay AIO (全方位金流): hosts, paths, methods, deadlines, limits and the codes a merchant acts on.
// Values marked "uncertain" differ between ECPay's document versions and SDK validators; they are
// the stricter reading, so an order that passes here passes at ECPay.

/** The AIO payment hosts; every AIO path below lives under one of them (or under the simulator's prefix). */
export const AIO_HOSTS = {
  stage: 'https://payment-stage.ecpay.com.tw',
  production: 'https://payment.ecpay.com.tw',
} as const;

/** AIO paths, identical on both hosts. */
export const AIO_PATHS = {
  /** The shopper's browser posts the order here (auto-submitted form) and lands on ECPay's cashier page. */
  checkout: '/Cashier/AioCheckOut/V5',
  /** Server to server: one order's state. */
  queryTradeInfo: '/Cashier/QueryTradeInfo/V5',
  /** Server to server: close, refund, undo close or void a card authorisation. */
  doAction: '/CreditDetail/DoAction',
} as const;

/** `ChoosePayment` values ECPay accepts today (GooglePay was switched off in 2019). */
export const AIO_PAYMENT_METHODS = ['ALL', 'Credit', 'WebATM', 'ATM', 'CVS', 'BARCODE', 'ApplePay', 'TWQR', 'BNPL', 'WeiXin'] as const;
export type AioPaymentMethod = (typeof AIO_PAYMENT_METHODS)[number];

/** Methods paid later, with a code or account issued first (PaymentInfoURL), never an instant result. */
export const OFFLINE_METHODS = ['ATM', 'CVS', 'BARCODE'] as const satisfies readonly AioPaymentMethod[];
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];

/** `ChooseSubPayment` values per method (banks and store chains; ECPay changes the bank list over time). */
export const AIO_SUB_PAYMENTS: Partial<Record<AioPaymentMethod, readonly string[]>> = {
  WebATM: ['TAISHIN', 'ESUN', 'BOT', 'FUBON', 'CHINATRUST', 'FIRST', 'CATHAY', 'MEGA', 'LAND', 'TACHONG', 'SINOPAC'],
  ATM: ['TAISHIN', 'ESUN', 'BOT', 'FUBON', 'CHINATRUST', 'FIRST', 'LAND', 'CATHAY', 'TACHONG', 'PANHSIN'],
  CVS: ['CVS', 'OK', 'FAMILY', 'HILIFE', 'IBON'],
  BARCODE: ['BARCODE'],
};

/** `CreditInstallment` counts (`30N` is 圓夢彈性分期); the order sends a comma list of the contracted ones. */
export const CREDIT_INSTALLMENTS = ['3', '6', '12', '18', '24', '30N'] as const;
export type CreditInstallment = (typeof CREDIT_INSTALLMENTS)[number];

/** ATM virtual account: `ExpireDate` is a number of **days**. */
export const ATM_EXPIRE_DAYS = { default: 3, min: 1, max: 60 } as const;
/** CVS payment code: `StoreExpireDate` is a number of **minutes** (7 days by default). Cap uncertain: 43200 or 86400. */
export const CVS_STORE_EXPIRE_MINUTES = { default: 10080, min: 1, max: 43200 } as const;
/** BARCODE: `StoreExpireDate` is a number of **days**. Cap uncertain: 30 or 99. */
export const BARCODE_STORE_EXPIRE_DAYS = { default: 7, min: 1, max: 30 } as const;

/** Largest `TotalAmount` the field's type (Int) holds. */
export const MAX_TOTAL_AMOUNT = 2_147_483_647;

/**
 * Per-method amount limits (NTD, inclusive) where ECPay states one: BNPL needs at least 3000; CVS
 * codes 27–20000 come from older SDK validators (uncertain). Other methods: any positive amount.
 */
export const AMOUNT_LIMITS: Partial<Record<AioPaymentMethod, { min: number; max: number }>> = {
  CVS: { min: 27, max: 20000 },
  BNPL: { min: 3000, max: MAX_TOTAL_AMOUNT },
};

/** Field lengths ECPay enforces (characters). */
export const FIELD_MAX = {
  MerchantID: 10,
  MerchantTradeNo: 20,
  TradeDesc: 200,
  /** Longer names are cut by ECPay, not refused. */
  ItemName: 400,
  url: 200,
  StoreID: 20,
  Remark: 100,
  IgnorePayment: 100,
  CustomField: 50,
  MerchantMemberID: 30,
  Desc: 20,
} as const;

/** `RtnCode` values of notifications. Anything not listed for a channel is a failure. */
export const RTN_CODES = {
  /** ReturnURL: paid. The only code to ship on. */
  paid: 1,
  /** PaymentInfoURL: an ATM virtual account (or a BNPL application) was issued; not paid yet. */
  atmIssued: 2,
  /** PaymentInfoURL: a CVS payment code or BARCODE was issued; not paid yet. */
  codeIssued: 10100073,
  /** ReturnURL: a card payment failed (as ECPay's own shop plugin reads it). */
  paymentFailed: 10100058,
} as const;

/** `TradeStatus` of a QueryTradeInfo answer. */
export const TRADE_STATUS = {
  /** Order created, not paid (an issued code still waiting counts here). */
  unpaid: '0',
  paid: '1',
  /** Not established: the shopper did not complete or choose a payment. */
  notEstablished: '10200095',
  /** No such trade ("Cant not find the trade data."). */
  notFound: '10200047',
} as const;

/** What a merchant must answer a notification with, exactly; anything else makes ECPay send it again. */
export const NOTIFICATION_ACK = '1|OK';

/** ECPay's re-sends of an unacknowledged ReturnURL notification: about every 5–15 minutes, four more times. */
export const NOTIFICATION_RETRIES = { intervalMinutes: { min: 5, max: 15 }, resends: 4 } as const;

/** How far a QueryTradeInfo `TimeStamp` may be from ECPay's clock. */
export const QUERY_TIMESTAMP_TOLERANCE_SECONDS = 180;
