// Server notifications: the signed form posts ECPay makes to the merchant's ReturnURL and
// PaymentInfoURL, re-sent until the merchant answers exactly `1|OK`. They run beside the
// shopper's page, never inside its request.
import { NOTIFICATION_ACK, checkMacValue, inEcpayOrder, signFields, type CheckMacKeys } from '@shop/ecpay';
import type { FaultBook, Faults } from './faults.js';
import type { Delivery, Trade } from './trades.js';

export interface NotifyOptions {
  /** Wait between deliveries of one notification (ECPay: 5–15 minutes). Default 3000 ms. */
  intervalMs?: number;
  /** Deliveries in all, the first included (ECPay: 1 + 4 re-sends). Default 5. */
  maxAttempts?: number;
  /** How long one delivery waits for the merchant's answer. Default 10000 ms. */
  timeoutMs?: number;
}

const EMPTY_CUSTOM = ['CustomField1', 'CustomField2', 'CustomField3', 'CustomField4'] as const;

function echoed(trade: Trade): Record<string, string> {
  const r = trade.request;
  return Object.fromEntries([['StoreID', r.StoreID ?? ''], ...EMPTY_CUSTOM.map((n) => [n, r[n] ?? ''])]);
}

/** NeedExtraPaidInfo=Y fields for the trade's method (card details, payer bank tails, store). */
function extraPaidInfo(trade: Trade, paymentDate: string): Record<string, string> {
  if (trade.request.NeedExtraPaidInfo !== 'Y') return {};
  const card = trade.card;
  switch (trade.method) {
    case 'Credit':
    case 'ApplePay': {
      const n = card?.installments ?? 0;
      const each = n > 0 ? Math.floor(trade.amount / n) : 0;
      return {
        gwsr: card?.gwsr ?? '',
        process_date: paymentDate,
        auth_code: card?.authCode ?? '',
        amount: String(trade.amount),
        stage: String(n),
        stast: n > 0 ? String(trade.amount - each * (n - 1)) : '0',
        staed: String(each),
        eci: '5',
        card4no: card?.card4 ?? '',
        card6no: card?.card6 ?? '',
        red_dan: '0',
        red_de_amt: '0',
        red_ok_amt: '0',
        red_yet: '0',
        PeriodType: '',
        Frequency: '',
        ExecTimes: '',
        PeriodAmount: '',
        TotalSuccessTimes: '',
        TotalSuccessAmount: '',
      };
    }
    case 'ATM':
      return { ATMAccBank: trade.paymentDate ? '808' : '', ATMAccNo: trade.paymentDate ? '12345' : '' };
    case 'WebATM':
      return { WebATMAccBank: '808', WebATMAccNo: '12345', WebATMBankName: '玉山銀行' };
    case 'CVS':
      return { PaymentNo: trade.code?.paymentNo ?? '', PayFrom: trade.paymentDate ? 'family' : '' };
    case 'BARCODE':
      return { PaymentNo: '', PayFrom: trade.paymentDate ? 'family' : '' };
    case 'TWQR':
      return { TWQRTradeNo: `TWQR${trade.tradeNo}` };
    default:
      return {};
  }
}

/** The payment result's fields (ReturnURL, and OrderResultURL with `Succeeded`), unsigned. */
export function resultFields(trade: Trade, rtnMsg: string): Record<string, string> {
  return {
    MerchantID: trade.merchantId,
    MerchantTradeNo: trade.merchantTradeNo,
    ...echoed(trade),
    RtnCode: trade.result?.rtnCode ?? '',
    RtnMsg: rtnMsg,
    TradeNo: trade.tradeNo,
    TradeAmt: String(trade.amount),
    PaymentDate: trade.paymentDate,
    PaymentType: trade.paymentType,
    PaymentTypeChargeFee: String(trade.fee),
    TradeDate: trade.tradeDate,
    SimulatePaid: trade.simulatePaid ? '1' : '0',
    ...extraPaidInfo(trade, trade.paymentDate),
  };
}

/** The issued code's fields (PaymentInfoURL, and ClientRedirectURL), unsigned. */
export function paymentInfoFields(trade: Trade): Record<string, string> {
  const code = trade.code;
  const atm = trade.method === 'ATM';
  const fields: Record<string, string> = {
    MerchantID: trade.merchantId,
    MerchantTradeNo: trade.merchantTradeNo,
    ...echoed(trade),
    RtnCode: atm ? '2' : '10100073',
    RtnMsg: atm ? 'Get VirtualAccount Succeeded' : trade.method === 'CVS' ? 'Get CVS Code Succeeded.' : 'Get BARCODE Code Succeeded.',
    TradeNo: trade.tradeNo,
    TradeAmt: String(trade.amount),
    PaymentType: trade.paymentType,
    TradeDate: trade.tradeDate,
    ExpireDate: code?.expireDate ?? '',
  };
  if (atm) Object.assign(fields, { BankCode: code?.bankCode ?? '', vAccount: code?.vAccount ?? '' });
  else
    Object.assign(fields, {
      PaymentNo: code?.paymentNo ?? '',
      Barcode1: code?.barcodes[0] ?? '',
      Barcode2: code?.barcodes[1] ?? '',
      Barcode3: code?.barcodes[2] ?? '',
    });
  return fields;
}

/** Signs fields as ECPay would, or with the faults a test asked for (tampered amount, wrong key). */
export function signWithFaults(fields: Record<string, string>, keys: CheckMacKeys, faults: Faults): Record<string, string> {
  const out = { ...fields };
  if (faults.amountDelta && out.TradeAmt !== undefined) out.TradeAmt = String(Number(out.TradeAmt) + faults.amountDelta);
  const signed = signFields(out, keys, 'sha256');
  if (faults.badSignature) signed.CheckMacValue = checkMacValue(out, { hashKey: `${keys.hashKey}x`, hashIv: keys.hashIv }, 'sha256');
  return inEcpayOrder(signed);
}

export interface Notifier {
  /**
   * Starts delivering a notification and returns at once. `build(attempt)` makes the unsigned fields
   * of each delivery (re-sends of a payment say `RtnMsg=paid`).
   */
  send(trade: Trade, channel: Delivery['channel'], url: string, build: (attempt: number) => Record<string, string>): void;
  /** Stops every delivery and timer. */
  close(): Promise<void>;
}

export function createNotifier(opts: NotifyOptions, keysOf: (merchantId: string) => CheckMacKeys | undefined, faults: FaultBook): Notifier {
  const interval = opts.intervalMs ?? 3000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const running = new Set<Promise<void>>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const aborts = new Set<AbortController>();
  /** PaymentInfoURL notices held back (reorder fault) until the trade's result has been sent. */
  const held = new Map<string, Array<() => void>>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (closed || ms <= 0) return resolve();
      const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
      timers.add(entry);
    });

  const post = async (url: string, fields: Record<string, string>): Promise<Pick<Delivery, 'outcome' | 'status' | 'answer'>> => {
    const abort = new AbortController();
    aborts.add(abort);
    const timeout = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        signal: abort.signal,
        redirect: 'manual',
      });
      const answer = await res.text();
      return {
        outcome: res.status === 200 && answer === NOTIFICATION_ACK ? 'acknowledged' : 'not_acknowledged',
        status: res.status,
        answer: answer.slice(0, 200),
      };
    } catch {
      return { outcome: 'unreachable' };
    } finally {
      clearTimeout(timeout);
      aborts.delete(abort);
    }
  };

  const release = (trade: Trade) => {
    const waiting = held.get(trade.tradeNo) ?? [];
    held.delete(trade.tradeNo);
    for (const go of waiting) go();
  };

  const deliver = async (trade: Trade, channel: Delivery['channel'], url: string, build: (attempt: number) => Record<string, string>) => {
    const f = faults.for(trade.merchantTradeNo);
    const record = (d: Omit<Delivery, 'channel' | 'url' | 'at'>) =>
      trade.deliveries.push({ channel, url, at: new Date().toISOString(), ...d });
    if (f.drop) {
      record({ rtnCode: build(1).RtnCode ?? '', attempt: 1, copy: 1, outcome: 'dropped' });
      if (channel === 'ReturnURL') release(trade);
      return;
    }
    if (channel === 'PaymentInfoURL' && f.reorder && trade.status === 'code_issued') {
      await new Promise<void>((resolve) => held.set(trade.tradeNo, [...(held.get(trade.tradeNo) ?? []), resolve]));
    }
    await sleep(f.delayMs ?? 0);
    for (let attempt = 1; attempt <= maxAttempts && !closed; attempt++) {
      if (attempt > 1) await sleep(interval);
      if (closed) return;
      const keys = keysOf(trade.merchantId);
      if (!keys) return;
      const fields = signWithFaults(build(attempt), keys, faults.for(trade.merchantTradeNo));
      const copies = attempt === 1 ? Math.max(1, f.duplicate ?? 1) : 1;
      const answers = await Promise.all(Array.from({ length: copies }, () => post(url, fields)));
      answers.forEach((a, i) => record({ rtnCode: fields.RtnCode ?? '', attempt, copy: i + 1, ...a }));
      if (attempt === 1 && channel === 'ReturnURL') release(trade);
      if (answers.some((a) => a.outcome === 'acknowledged')) return;
    }
  };

  return {
    send(trade, channel, url, build) {
      const job = deliver(trade, channel, url, build).finally(() => running.delete(job));
      running.add(job);
    },
    async close() {
      closed = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.resolve();
      }
      timers.clear();
      for (const a of aborts) a.abort();
      for (const waiting of held.values()) for (const go of waiting) go();
      held.clear();
      await Promise.allSettled([...running]);
    },
  };
}
