// The simulator's record of AIO trades, in memory: it stands in for ECPay's own database, so a
// restart forgets every trade (and every used MerchantTradeNo). Per merchant, keyed by MerchantTradeNo.
import { randomInt } from 'node:crypto';
import {
  BARCODE_STORE_EXPIRE_DAYS,
  CVS_STORE_EXPIRE_MINUTES,
  ATM_EXPIRE_DAYS,
  formatTaipeiDate,
  formatTaipeiDateTime,
  type AioCheckoutRequest,
} from '@shop/ecpay';

/** Methods the simulated cashier can take a payment with. */
export const INSTANT_METHODS = ['Credit', 'ApplePay', 'WebATM', 'TWQR'] as const;
export const CODE_METHODS = ['ATM', 'CVS', 'BARCODE'] as const;
export const SIMULATED_METHODS = [...INSTANT_METHODS, ...CODE_METHODS] as const;
export type SimMethod = (typeof SIMULATED_METHODS)[number];
export type CodeMethod = (typeof CODE_METHODS)[number];

export const isSimMethod = (m: string): m is SimMethod => (SIMULATED_METHODS as readonly string[]).includes(m);
export const isCodeMethod = (m: SimMethod): m is CodeMethod => (CODE_METHODS as readonly string[]).includes(m);

/** created → (code_issued) → paid | failed | expired. */
export type TradeStatus = 'created' | 'code_issued' | 'paid' | 'failed' | 'expired';

/** A card payment's close state, as DoAction sees it: 已授權, 要關帳, 已關帳, 已取消 (voided). */
export type CardState = 'authorized' | 'to_close' | 'closed' | 'voided';

export interface IssuedCode {
  bankCode: string;
  vAccount: string;
  paymentNo: string;
  barcodes: [string, string, string];
  /** As written in the notification (ATM `yyyy/MM/dd`, CVS/BARCODE `yyyy/MM/dd HH:mm:ss`). */
  expireDate: string;
  expiresAt: Date;
}

export interface CardPayment {
  state: CardState;
  /** Authorised amount (the order's). */
  authorized: number;
  /** The amount asked for with `C`; the whole authorisation when the trade was closed otherwise. */
  closed: number;
  refunded: number;
  /** 0: paid at once; otherwise the number of installments. */
  installments: number;
  gwsr: string;
  authCode: string;
  card6: string;
  card4: string;
}

export interface Delivery {
  channel: 'ReturnURL' | 'PaymentInfoURL';
  url: string;
  rtnCode: string;
  attempt: number;
  /** Several when the duplicate fault sends copies at once. */
  copy: number;
  outcome: 'acknowledged' | 'not_acknowledged' | 'unreachable' | 'dropped';
  status?: number;
  /** The merchant's answer, cut to 200 characters. */
  answer?: string;
  at: string;
}

export interface Trade {
  merchantId: string;
  merchantTradeNo: string;
  tradeNo: string;
  /** When the simulator took the order, `yyyy/MM/dd HH:mm:ss` Taiwan time. */
  tradeDate: string;
  /** The checkout form's fields as checked (every field sent, CheckMacValue included). */
  request: AioCheckoutRequest;
  amount: number;
  /** ItemName as kept (cut to 400 characters). */
  itemName: string;
  status: TradeStatus;
  method?: SimMethod;
  /** `Credit_CreditCard`, `ATM_TAISHIN`, … once a method is chosen. */
  paymentType: string;
  paymentDate: string;
  simulatePaid: boolean;
  /** RtnCode/RtnMsg of the result, once there is one. */
  result?: { rtnCode: string; rtnMsg: string };
  fee: number;
  code?: IssuedCode;
  card?: CardPayment;
  deliveries: Delivery[];
}

/** Every trade the simulator took, per merchant; TradeNo is unique across merchants. */
export interface TradeBook {
  find(merchantId: string, merchantTradeNo: string): Trade | undefined;
  byTradeNo(tradeNo: string): Trade | undefined;
  /** Records a new trade; undefined when the merchant already used the number (ECPay refuses any reuse). */
  open(request: AioCheckoutRequest, itemName: string, now: Date): Trade | undefined;
  all(): Trade[];
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

export function createTradeBook(): TradeBook {
  const byMerchant = new Map<string, Map<string, Trade>>();
  const byTradeNo = new Map<string, Trade>();
  let sequence = 0;

  /** ECPay's form: `yyMMddHHmmss` of the creation (Taiwan time) and four more digits. */
  const newTradeNo = (now: Date) => {
    const stamp = formatTaipeiDateTime(now).replace(/\D/g, '').slice(2);
    for (;;) {
      sequence = (sequence + 1) % 10000;
      const no = `${stamp}${String(sequence).padStart(4, '0')}`;
      if (!byTradeNo.has(no)) return no;
    }
  };

  return {
    find: (merchantId, merchantTradeNo) => byMerchant.get(merchantId)?.get(merchantTradeNo),
    byTradeNo: (tradeNo) => byTradeNo.get(tradeNo),
    open(request, itemName, now) {
      let trades = byMerchant.get(request.MerchantID);
      if (!trades) byMerchant.set(request.MerchantID, (trades = new Map()));
      if (trades.has(request.MerchantTradeNo)) return undefined;
      const trade: Trade = {
        merchantId: request.MerchantID,
        merchantTradeNo: request.MerchantTradeNo,
        tradeNo: newTradeNo(now),
        tradeDate: formatTaipeiDateTime(now),
        request,
        amount: Number(request.TotalAmount),
        itemName,
        status: 'created',
        paymentType: '',
        paymentDate: '',
        simulatePaid: false,
        fee: 0,
        deliveries: [],
      };
      trades.set(trade.merchantTradeNo, trade);
      byTradeNo.set(trade.tradeNo, trade);
      return trade;
    },
    all: () => [...byTradeNo.values()],
  };
}

/** ATM banks ECPay lists, with their bank codes (台新 812 is the stage default). */
const BANK_CODES: Record<string, string> = {
  TAISHIN: '812',
  ESUN: '808',
  BOT: '004',
  FUBON: '012',
  CHINATRUST: '822',
  FIRST: '007',
  LAND: '005',
  CATHAY: '013',
  TACHONG: '814',
  PANHSIN: '118',
  MEGA: '017',
  SINOPAC: '807',
};

/** `PaymentType` for a method and the order's ChooseSubPayment. */
export function paymentTypeOf(method: SimMethod, sub: string | undefined): string {
  switch (method) {
    case 'Credit':
      return 'Credit_CreditCard';
    case 'ApplePay':
      return 'ApplePay';
    case 'TWQR':
      return 'TWQR_OPAY';
    case 'WebATM':
    case 'ATM':
      return `${method}_${sub && BANK_CODES[sub] ? sub : 'TAISHIN'}`;
    case 'CVS':
      return `CVS_${sub || 'CVS'}`;
    case 'BARCODE':
      return 'BARCODE_BARCODE';
  }
}

/** The simulator's fees (illustrative: 2.5 % on cards and wallets, flat fees on bank and store payments). */
export function feeOf(method: SimMethod, amount: number): number {
  if (method === 'ATM' || method === 'WebATM') return 10;
  if (method === 'CVS' || method === 'BARCODE') return 26;
  return Math.max(1, Math.round(amount * 0.025));
}

/** Issues the account or code for an offline method, with the order's deadline (or ECPay's default). */
export function issueCode(trade: Trade, method: CodeMethod, now: Date): IssuedCode {
  const r = trade.request;
  if (method === 'ATM') {
    const days = r.ExpireDate ? Number(r.ExpireDate) : ATM_EXPIRE_DAYS.default;
    const bank = trade.paymentType.split('_')[1] ?? 'TAISHIN';
    // The account is payable to the end of the last day.
    const lastDay = formatTaipeiDate(new Date(now.getTime() + days * 86_400_000));
    const [y, m, d] = lastDay.split('/').map(Number) as [number, number, number];
    return {
      bankCode: BANK_CODES[bank] ?? '812',
      vAccount: `9103${digits(12)}`,
      paymentNo: '',
      barcodes: ['', '', ''],
      expireDate: lastDay,
      expiresAt: new Date(Date.UTC(y, m - 1, d, 23, 59, 59) - 8 * 3_600_000),
    };
  }
  if (method === 'CVS') {
    const minutes = r.StoreExpireDate ? Number(r.StoreExpireDate) : CVS_STORE_EXPIRE_MINUTES.default;
    const expiresAt = new Date(now.getTime() + minutes * 60_000);
    return {
      bankCode: '',
      vAccount: '',
      paymentNo: `LLL${digits(11)}`,
      barcodes: ['', '', ''],
      expireDate: formatTaipeiDateTime(expiresAt),
      expiresAt,
    };
  }
  const days = r.StoreExpireDate ? Number(r.StoreExpireDate) : BARCODE_STORE_EXPIRE_DAYS.default;
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  const yymmdd = formatTaipeiDate(expiresAt).replace(/\D/g, '').slice(2);
  return {
    bankCode: '',
    vAccount: '',
    paymentNo: '',
    barcodes: [`${yymmdd}6I1`, `SIM${digits(13)}`, `${digits(4)}00${String(trade.amount).padStart(9, '0')}`.slice(0, 15)],
    expireDate: formatTaipeiDateTime(expiresAt),
    expiresAt,
  };
}

/** A new card authorisation on ECPay's stage test card. */
export function authorizeCard(amount: number, installments: number): CardPayment {
  return {
    state: 'authorized',
    authorized: amount,
    closed: 0,
    refunded: 0,
    installments,
    gwsr: digits(8),
    authCode: digits(6),
    card6: '431195',
    card4: '2222',
  };
}

/** Whether an issued code's deadline has passed (an unpaid code is then expired, paid or not asked). */
export function expireIfDue(trade: Trade, now: Date): void {
  if (trade.status === 'code_issued' && trade.code && now.getTime() > trade.code.expiresAt.getTime()) trade.status = 'expired';
}
