// The simulator's test controls (not ECPay's): JSON under `/_controls`. Look at a trade and its
// deliveries, inject faults into notifications, close a card trade, expire or pay an issued code,
// re-send a notification. Mounted with the simulator, so never in stage or production mode.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { payCode } from './cashier.js';
import type { SimContext } from './context.js';
import { Faults } from './faults.js';
import { HIDDEN } from './html.js';
import { paymentInfoFields, resultFields } from './notify.js';
import type { Trade } from './trades.js';

const FaultsBody = Faults.extend({
  merchantTradeNo: z
    .string()
    .regex(/^[A-Za-z0-9]{1,20}$/)
    .optional(),
}).strict();
const PayBody = z.object({ simulatePaid: z.boolean().optional() }).strict();

/** A trade as the controls show it (dates as strings, the request's fields as sent). */
function view(trade: Trade) {
  return {
    merchantId: trade.merchantId,
    merchantTradeNo: trade.merchantTradeNo,
    tradeNo: trade.tradeNo,
    tradeDate: trade.tradeDate,
    amount: trade.amount,
    itemName: trade.itemName,
    status: trade.status,
    method: trade.method ?? null,
    paymentType: trade.paymentType,
    paymentDate: trade.paymentDate,
    simulatePaid: trade.simulatePaid,
    result: trade.result ?? null,
    code: trade.code ? { ...trade.code, expiresAt: trade.code.expiresAt.toISOString() } : null,
    card: trade.card ?? null,
    deliveries: trade.deliveries,
    request: trade.request,
  };
}

export const controlRoutes: FastifyPluginAsync<{ ctx: SimContext }> = async (app, { ctx }) => {
  const problem = (status: number, code: string, detail: string) => ({ status, code, detail });
  const tradeOf = (params: unknown) => {
    const { merchantId, merchantTradeNo } = params as { merchantId: string; merchantTradeNo: string };
    return ctx.trades.find(merchantId, merchantTradeNo);
  };
  const route = '/_controls/trades/:merchantId/:merchantTradeNo';

  app.get('/_controls/trades', HIDDEN, async () => ({ trades: ctx.trades.all().map(view) }));

  app.get(route, HIDDEN, async (req, reply) => {
    const trade = tradeOf(req.params);
    return trade ? view(trade) : reply.code(404).send(problem(404, 'TRADE_NOT_FOUND', 'no such trade'));
  });

  app.get('/_controls/faults', HIDDEN, async () => ctx.faults.snapshot());

  app.post('/_controls/faults', HIDDEN, async (req, reply) => {
    const parsed = FaultsBody.safeParse(req.body ?? {});
    if (!parsed.success)
      return reply
        .code(400)
        .send(problem(400, 'INVALID_FAULTS', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
    const { merchantTradeNo, ...faults } = parsed.data;
    ctx.faults.set(merchantTradeNo, faults);
    return ctx.faults.snapshot();
  });

  app.delete('/_controls/faults', HIDDEN, async () => {
    ctx.faults.clear();
    return ctx.faults.snapshot();
  });

  app.post(`${route}/close`, HIDDEN, async (req, reply) => {
    const trade = tradeOf(req.params);
    if (!trade) return reply.code(404).send(problem(404, 'TRADE_NOT_FOUND', 'no such trade'));
    const card = trade.card;
    if (!card || (card.state !== 'authorized' && card.state !== 'to_close')) {
      return reply.code(409).send(problem(409, 'NOT_CLOSABLE', 'only an authorised or to-be-closed card payment can be closed'));
    }
    trade.card = { ...card, state: 'closed', closed: card.state === 'to_close' ? card.closed : card.authorized };
    return view(trade);
  });

  app.post(`${route}/expire`, HIDDEN, async (req, reply) => {
    const trade = tradeOf(req.params);
    if (!trade) return reply.code(404).send(problem(404, 'TRADE_NOT_FOUND', 'no such trade'));
    if (trade.status !== 'code_issued' || !trade.code)
      return reply.code(409).send(problem(409, 'NO_CODE_WAITING', 'only an issued, unpaid code can expire'));
    // ECPay's behaviour at expiry is not documented: no notification, QueryTradeInfo changes.
    trade.status = 'expired';
    trade.code = { ...trade.code, expiresAt: new Date() };
    return view(trade);
  });

  app.post(`${route}/pay`, HIDDEN, async (req, reply) => {
    const trade = tradeOf(req.params);
    if (!trade) return reply.code(404).send(problem(404, 'TRADE_NOT_FOUND', 'no such trade'));
    const body = PayBody.safeParse(req.body ?? {});
    if (!body.success) return reply.code(400).send(problem(400, 'INVALID_BODY', 'expected { simulatePaid?: boolean }'));
    if (!payCode(ctx, trade, body.data.simulatePaid ?? false))
      return reply.code(409).send(problem(409, 'NO_CODE_WAITING', `the trade is ${trade.status}`));
    return view(trade);
  });

  app.post(`${route}/resend`, HIDDEN, async (req, reply) => {
    const trade = tradeOf(req.params);
    if (!trade) return reply.code(404).send(problem(404, 'TRADE_NOT_FOUND', 'no such trade'));
    if (trade.result) {
      const first = trade.result.rtnMsg;
      ctx.notifier.send(trade, 'ReturnURL', trade.request.ReturnURL.trim(), () =>
        resultFields(trade, trade.status === 'paid' ? 'paid' : first),
      );
    } else if (trade.code && trade.request.PaymentInfoURL) {
      ctx.notifier.send(trade, 'PaymentInfoURL', trade.request.PaymentInfoURL.trim(), () => paymentInfoFields(trade));
    } else return reply.code(409).send(problem(409, 'NOTHING_TO_SEND', 'the trade has no result or code yet'));
    return reply.code(202).send(view(trade));
  });
};
