// Server-to-server AIO APIs: QueryTradeInfo (one order's state, signed `name=value&…` text) and
// DoAction (close, refund, undo close, void a card payment; unsigned text).
import {
  DoActionRequest,
  QueryTradeInfoRequest,
  TRADE_STATUS,
  formFields,
  formatRawPairs,
  signFields,
  verifyCheckMacValue,
  type CheckMacKeys,
} from '@shop/ecpay';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { SimContext } from './context.js';
import { HIDDEN } from './html.js';
import { resultFields } from './notify.js';
import { expireIfDue, type Trade } from './trades.js';

const text = (reply: FastifyReply, body: string) =>
  reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

type Checked<T> = { ok: true; request: T; keys: CheckMacKeys } | { ok: false; message: string };

/** The request's merchant, signature and fields, in ECPay's order of checks. */
function check<T>(
  body: unknown,
  ctx: SimContext,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[] }> } } },
): Checked<T> {
  const fields = formFields(body);
  if (!fields) return { ok: false, message: 'Parameter Error' };
  const keys = fields.MerchantID ? ctx.keysOf(fields.MerchantID) : undefined;
  if (!keys) return { ok: false, message: 'MerchantID Error' };
  if (!verifyCheckMacValue(fields, keys, 'sha256')) return { ok: false, message: 'CheckMacValue Error' };
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return { ok: false, message: `${String(parsed.error.issues[0]?.path[0] ?? 'Parameter')} Error` };
  return { ok: true, request: parsed.data, keys };
}

/** `TradeStatus` as QueryTradeInfo reports the trade. */
function tradeStatus(trade: Trade, ctx: SimContext): string {
  expireIfDue(trade, new Date());
  switch (trade.status) {
    case 'paid':
      return TRADE_STATUS.paid;
    case 'failed':
      return TRADE_STATUS.notEstablished;
    case 'expired':
      return ctx.expiredTradeStatus;
    default:
      return TRADE_STATUS.unpaid;
  }
}

/** QueryTradeInfo's answer fields: the standard set, plus extra paid info when the order asked for it. */
function queryFields(trade: Trade, ctx: SimContext): Record<string, string> {
  const paid = trade.status === 'paid';
  const notified = resultFields(trade, '');
  const extras = Object.fromEntries(
    Object.entries(notified).filter(
      ([name]) =>
        ![
          'RtnCode',
          'RtnMsg',
          'SimulatePaid',
          'MerchantID',
          'MerchantTradeNo',
          'TradeNo',
          'TradeAmt',
          'PaymentDate',
          'PaymentType',
          'PaymentTypeChargeFee',
          'TradeDate',
          'StoreID',
        ].includes(name) && !name.startsWith('CustomField'),
    ),
  );
  return {
    ...extras,
    CustomField1: trade.request.CustomField1 ?? '',
    CustomField2: trade.request.CustomField2 ?? '',
    CustomField3: trade.request.CustomField3 ?? '',
    CustomField4: trade.request.CustomField4 ?? '',
    HandlingCharge: paid ? String(trade.fee) : '0',
    ItemName: trade.itemName,
    MerchantID: trade.merchantId,
    MerchantTradeNo: trade.merchantTradeNo,
    PaymentDate: trade.paymentDate,
    PaymentType: trade.paymentType,
    PaymentTypeChargeFee: paid ? String(trade.fee) : '0',
    StoreID: trade.request.StoreID ?? '',
    TradeAmt: String(trade.amount),
    TradeDate: trade.tradeDate,
    TradeNo: trade.tradeNo,
    TradeStatus: tradeStatus(trade, ctx),
  };
}

const DO_ACTION_MESSAGES = {
  notFound: '查無此交易',
  notCard: '非信用卡交易，無法執行此動作',
  notPaid: '交易未授權成功',
  state: '交易狀態不允許此動作',
  amount: '金額錯誤',
  overRefund: '退款金額大於可退金額',
  fullOnly: '分期交易僅能全額退款',
} as const;

export const queryRoutes: FastifyPluginAsync<{ ctx: SimContext }> = async (app, { ctx }) => {
  app.post('/Cashier/QueryTradeInfo/V5', HIDDEN, async (req, reply) => {
    const checked = check(req.body, ctx, QueryTradeInfoRequest);
    if (!checked.ok) return text(reply, `0|${checked.message}`);
    const { request, keys } = checked;
    if (Math.abs(Date.now() / 1000 - Number(request.TimeStamp)) > ctx.queryToleranceSeconds) return text(reply, '0|TimeStamp Error');
    const trade = ctx.trades.find(request.MerchantID, request.MerchantTradeNo);
    const fields = trade
      ? queryFields(trade, ctx)
      : {
          MerchantID: request.MerchantID,
          MerchantTradeNo: request.MerchantTradeNo,
          TradeAmt: '',
          TradeNo: '',
          TradeStatus: TRADE_STATUS.notFound,
        };
    return text(reply, formatRawPairs(signFields(fields, keys, 'sha256')));
  });

  app.post('/CreditDetail/DoAction', HIDDEN, async (req, reply) => {
    const raw = formFields(req.body) ?? {};
    const answer = (rtnCode: number, rtnMsg: string) =>
      // ECPay's order, unsigned.
      text(
        reply,
        `MerchantID=${raw.MerchantID ?? ''}&MerchantTradeNo=${raw.MerchantTradeNo ?? ''}&TradeNo=${raw.TradeNo ?? ''}&RtnCode=${rtnCode}&RtnMsg=${rtnMsg}`,
      );
    const checked = check(req.body, ctx, DoActionRequest);
    if (!checked.ok) return answer(0, checked.message);
    const { request } = checked;
    const trade = ctx.trades.find(request.MerchantID, request.MerchantTradeNo);
    if (!trade || trade.tradeNo !== request.TradeNo) return answer(0, DO_ACTION_MESSAGES.notFound);
    const card = trade.card;
    if (!card) return answer(0, trade.status === 'paid' ? DO_ACTION_MESSAGES.notCard : DO_ACTION_MESSAGES.notPaid);
    const amount = Number(request.TotalAmount);
    switch (request.Action) {
      case 'C':
        if (card.state !== 'authorized') return answer(0, DO_ACTION_MESSAGES.state);
        if (amount > card.authorized) return answer(0, DO_ACTION_MESSAGES.amount);
        card.state = 'to_close';
        card.closed = amount;
        break;
      case 'E':
        if (card.state !== 'to_close') return answer(0, DO_ACTION_MESSAGES.state);
        if (amount !== card.authorized) return answer(0, DO_ACTION_MESSAGES.amount);
        card.state = 'authorized';
        card.closed = 0;
        break;
      case 'N':
        if (card.state !== 'authorized') return answer(0, DO_ACTION_MESSAGES.state);
        if (amount !== card.authorized) return answer(0, DO_ACTION_MESSAGES.amount);
        card.state = 'voided';
        break;
      case 'R': {
        if (card.state !== 'to_close' && card.state !== 'closed') return answer(0, DO_ACTION_MESSAGES.state);
        const refundable = card.closed - card.refunded;
        if (amount > refundable) return answer(0, DO_ACTION_MESSAGES.overRefund);
        if (card.installments > 0 && amount !== refundable) return answer(0, DO_ACTION_MESSAGES.fullOnly);
        card.refunded += amount;
        break;
      }
    }
    return answer(1, 'Succeeded');
  });
};
