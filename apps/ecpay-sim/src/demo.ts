// A page to try the simulator by hand: a merchant's forms that open the store map and the AIO
// cashier, and receivers that show what a merchant would get back. Only for people poking at the
// simulator; nothing depends on it.
import {
  CVS_SUB_TYPES,
  NOTIFICATION_ACK,
  STAGE_LOGISTICS_C2C,
  STORE_MAP_REPLY_FIELDS,
  buildAioCheckout,
  formFields,
  parseNotification,
  type AioPaymentMethod,
  type EcpayMerchant,
} from '@shop/ecpay';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HIDDEN, esc, hiddenInputs, sendPage } from './html.js';

const DEMO_METHODS: readonly AioPaymentMethod[] = ['ALL', 'Credit', 'ATM', 'CVS', 'BARCODE', 'ApplePay'];

/** Notifications the demo merchant received, newest last (a few, for the result page). */
const MAX_KEPT = 50;

export const demoRoutes: FastifyPluginAsync<{ merchant?: EcpayMerchant }> = async (app, { merchant }) => {
  const received: Array<{ channel: string; fields: Record<string, string>; verdict: string }> = [];
  // Relative to where the simulator is mounted, so it works under any prefix.
  const baseOf = (req: FastifyRequest) => req.url.replace(/\/(demo\/[\w-]+)?\/?(\?.*)?$/, '');
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  app.get('/', HIDDEN, async (req, reply) => {
    const base = baseOf(req);
    const replyUrl = `${origin(req)}${base}/demo/reply`;
    const aio = merchant
      ? `<h2>全方位金流 /Cashier/AioCheckOut/V5</h2>
<form class="search" method="post" action="${esc(base)}/demo/checkout">
<label>付款方式 ChoosePayment<select name="ChoosePayment">${DEMO_METHODS.map((m) => `<option>${m}</option>`).join('')}</select></label>
<label>金額 TotalAmount<input type="search" name="TotalAmount" value="1280" inputmode="numeric"></label>
<label class="wide"><input type="checkbox" name="Installments" value="1"> 信用卡分期 3、6 期</label>
<button type="submit">建立測試訂單</button>
</form>`
      : '';
    return sendPage(reply, {
      title: 'ECPay 模擬器',
      heading: 'ECPay 模擬器',
      subheading: '全方位金流與物流電子地圖（模擬）',
      body: `${aio}
<h2>物流電子地圖 /Express/map</h2>
<form class="search" method="post" action="${esc(base)}/Express/map">
<input type="hidden" name="MerchantID" value="${STAGE_LOGISTICS_C2C.merchantId}">
<input type="hidden" name="LogisticsType" value="CVS">
<input type="hidden" name="IsCollection" value="N">
<input type="hidden" name="MerchantTradeNo" value="DEMO${Date.now().toString().slice(-10)}">
<input type="hidden" name="ExtraData" value="demo">
<input type="hidden" name="ServerReplyURL" value="${esc(replyUrl)}">
<label class="wide">物流子類型 LogisticsSubType<select name="LogisticsSubType">${CVS_SUB_TYPES.map(
        (t) => `<option${t === 'UNIMARTC2C' ? ' selected' : ''}>${t}</option>`,
      ).join('')}</select></label>
<button type="submit">開啟電子地圖</button>
</form>`,
    });
  });

  app.post('/demo/reply', HIDDEN, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rows = STORE_MAP_REPLY_FIELDS.map((name) => `<tr><th>${name}</th><td>${esc(String(body[name] ?? ''))}</td></tr>`).join('');
    return sendPage(reply, {
      title: '收到門市資料',
      heading: '商店收到的門市資料',
      body: `<table class="error" id="received">${rows}</table>`,
    });
  });

  if (!merchant) return;

  app.post('/demo/checkout', HIDDEN, async (req, reply) => {
    const fields = formFields(req.body) ?? {};
    const base = `${origin(req)}${baseOf(req)}`;
    const method = DEMO_METHODS.find((m) => m === fields.ChoosePayment) ?? 'ALL';
    const amount = Number(fields.TotalAmount);
    const form = buildAioCheckout(
      {
        merchantTradeNo: `DEMO${Date.now().toString(36).toUpperCase()}`,
        tradeDate: new Date(),
        totalAmount: Number.isSafeInteger(amount) && amount > 0 && amount <= 20000 ? amount : 1280,
        tradeDesc: '模擬器示範訂單',
        itemNames: ['示範商品 A x1', '示範商品 B x2'],
        returnUrl: `${base}/demo/notify`,
        paymentInfoUrl: `${base}/demo/notify`,
        orderResultUrl: `${base}/demo/result`,
        clientBackUrl: `${base}/`,
        choosePayment: method,
        needExtraPaidInfo: true,
        ...(fields.Installments && (method === 'Credit' || method === 'ALL') ? { creditInstallment: ['3', '6'] as const } : {}),
      },
      merchant,
    );
    return sendPage(reply, {
      title: '前往付款',
      heading: '前往綠界付款…',
      body: `<form id="checkout" method="post" action="${esc(baseOf(req))}${form.action}">${hiddenInputs(form.fields)}<noscript><button type="submit">前往付款</button></noscript></form>`,
      script: `document.getElementById('checkout').submit();`,
    });
  });

  // The demo merchant's ReturnURL and PaymentInfoURL: verify, keep, acknowledge.
  app.post('/demo/notify', HIDDEN, async (req, reply) => {
    const parsed = parseNotification(req.body, merchant);
    received.push({
      channel: parsed.ok ? parsed.notification.kind : 'rejected',
      fields: formFields(req.body) ?? {},
      verdict: parsed.ok ? '檢查碼正確' : `拒收：${parsed.error}`,
    });
    if (received.length > MAX_KEPT) received.shift();
    return reply.header('content-type', 'text/plain; charset=utf-8').send(parsed.ok ? NOTIFICATION_ACK : `0|${parsed.error}`);
  });

  app.post('/demo/result', HIDDEN, async (req, reply) => {
    const parsed = parseNotification(req.body, merchant);
    const fields = formFields(req.body) ?? {};
    const table = (f: Record<string, string>) =>
      `<table>${Object.entries(f)
        .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
        .join('')}</table>`;
    const server = received.filter((r) => r.fields.MerchantTradeNo === fields.MerchantTradeNo);
    return sendPage(reply, {
      title: '付款結果',
      heading: '商店收到的付款結果',
      subheading: parsed.ok ? '瀏覽器回傳（OrderResultURL）：檢查碼正確' : `瀏覽器回傳（OrderResultURL）：拒收 ${parsed.error}`,
      body: `<section class="card">${table(fields)}</section>
<section class="card"><h2>伺服器通知（ReturnURL / PaymentInfoURL）：${server.length} 筆</h2>${server
        .map((r) => `<p>${esc(r.channel)}．${esc(r.verdict)}</p>${table(r.fields)}`)
        .join('')}<p>伺服器通知與瀏覽器回傳各自送出，重新整理可看到較晚到達的通知。</p></section>
<p><a class="button" href="${esc(baseOf(req))}/">再試一次</a></p>`,
    });
  });
};
