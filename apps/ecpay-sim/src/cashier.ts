// ECPay's AIO cashier (`POST /Cashier/AioCheckOut/V5`): checks the merchant's form as ECPay does,
// records the trade and shows a zh-TW payment page. Card-like methods pay or fail at a button;
// ATM, CVS and BARCODE issue an account or code first (PaymentInfoURL) and are paid later.
import {
  AMOUNT_LIMITS,
  AioCheckoutRequest,
  RTN_CODES,
  cutText,
  FIELD_MAX,
  formFields,
  formatTaipeiDateTime,
  verifyCheckMacValue,
} from '@shop/ecpay';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { SimContext } from './context.js';
import { HIDDEN, esc, hiddenInputs, sendPage } from './html.js';
import { paymentInfoFields, resultFields, signWithFaults } from './notify.js';
import {
  authorizeCard,
  expireIfDue,
  feeOf,
  isCodeMethod,
  isSimMethod,
  issueCode,
  paymentTypeOf,
  SIMULATED_METHODS,
  type SimMethod,
  type Trade,
} from './trades.js';

const METHOD_NAMES: Record<SimMethod, string> = {
  Credit: '信用卡',
  ApplePay: 'Apple Pay',
  WebATM: '網路 ATM',
  TWQR: 'TWQR 行動支付',
  ATM: 'ATM 櫃員機（虛擬帳號）',
  CVS: '超商代碼',
  BARCODE: '超商條碼',
};

const FIELD_LABELS: Record<string, string> = {
  MerchantID: '特店編號 MerchantID',
  MerchantTradeNo: '特店交易編號 MerchantTradeNo',
  MerchantTradeDate: '特店交易時間 MerchantTradeDate',
  PaymentType: '交易類型 PaymentType',
  TotalAmount: '交易金額 TotalAmount',
  TradeDesc: '交易描述 TradeDesc',
  ItemName: '商品名稱 ItemName',
  ReturnURL: '付款完成通知回傳網址 ReturnURL',
  ChoosePayment: '選擇預設付款方式 ChoosePayment',
  CheckMacValue: '檢查碼 CheckMacValue',
  EncryptType: 'CheckMacValue 加密類型 EncryptType',
};

const money = (n: number) => `NT$ ${n.toLocaleString('en-US')}`;

function errorPage(reply: FastifyReply, code: string, message: string, detail?: string): FastifyReply {
  // ECPay shows an HTML error page (status 200) and notifies nobody.
  return sendPage(reply, {
    title: '交易失敗 – 綠界科技 ECPay',
    heading: '交易失敗',
    subheading: '綠界科技 ECPay 全方位金流（模擬）',
    body: `<div class="error" role="alert" data-error="${esc(code)}"><p><strong>${esc(message)}</strong></p>${
      detail ? `<p>${esc(detail)}</p>` : ''
    }<p>錯誤代碼：<code>${esc(code)}</code></p></div>`,
  });
}

/** The order box every cashier page starts with. */
function orderSummary(trade: Trade): string {
  const items = trade.itemName
    .split('#')
    .filter((i) => i !== '')
    .map((i) => `<li>${esc(i)}</li>`)
    .join('');
  return `<section class="card" aria-label="訂單資訊">
<dl class="order">
<dt>特店交易編號</dt><dd data-field="MerchantTradeNo">${esc(trade.merchantTradeNo)}</dd>
<dt>綠界交易編號</dt><dd data-field="TradeNo">${esc(trade.tradeNo)}</dd>
<dt>交易描述</dt><dd>${esc(trade.request.TradeDesc)}</dd>
<dt>應付金額</dt><dd class="amount" data-field="TotalAmount">${money(trade.amount)}</dd>
</dl>
<h2>商品明細</h2>
<ul class="items">${items}</ul>
</section>`;
}

/** A form that posts the trade (and extra fields) to one of the cashier's own steps. */
function stepForm(action: string, trade: Trade, inner: string, extra: Record<string, string> = {}): string {
  return `<form method="post" action="${esc(action)}" class="step">
${hiddenInputs({ TradeNo: trade.tradeNo, ...extra })}
${inner}
</form>`;
}

/** The methods ALL may offer: simulated, not ignored, and within the method's amount limits. */
function offeredMethods(trade: Trade): SimMethod[] {
  const ignored = new Set((trade.request.IgnorePayment ?? '').split('#'));
  return SIMULATED_METHODS.filter((m) => {
    const limit = AMOUNT_LIMITS[m];
    return !ignored.has(m) && (!limit || (trade.amount >= limit.min && trade.amount <= limit.max));
  });
}

function cashierPage(reply: FastifyReply, trade: Trade, base: string): FastifyReply {
  let body: string;
  const method = trade.method;
  if (!method) {
    const buttons = offeredMethods(trade)
      .map((m) => `<button type="submit" name="Method" value="${m}" class="choice">${esc(METHOD_NAMES[m])}</button>`)
      .join('\n');
    body = `<section class="card"><h2>請選擇付款方式</h2>${stepForm(`${base}/SimCashier/choose`, trade, `<div class="choices">${buttons}</div>`)}</section>`;
  } else if (isCodeMethod(method)) {
    const what = method === 'ATM' ? '取得虛擬帳號' : method === 'CVS' ? '取得超商繳費代碼' : '取得超商繳費條碼';
    body = `<section class="card"><h2>${esc(METHOD_NAMES[method])}</h2><p>按下「取號」後，請於繳費期限內完成付款。</p>${stepForm(
      `${base}/SimCashier/issue`,
      trade,
      `<button type="submit" class="primary" aria-describedby="issue-hint">取號</button><p id="issue-hint" class="hint">${what}</p>`,
    )}</section>`;
  } else {
    const choices = (trade.request.CreditInstallment ?? '').split(',').filter((n) => n !== '');
    const installments =
      method === 'Credit' && choices.length > 0
        ? `<fieldset class="installments"><legend>分期付款</legend>${choices
            .map(
              (n, i) =>
                `<label><input type="radio" name="Installment" value="${esc(n)}"${i === 0 ? ' checked' : ''}> ${esc(n.replace('N', ''))} 期${
                  n.endsWith('N') ? '（圓夢彈性分期）' : ''
                }</label>`,
            )
            .join('')}</fieldset>`
        : '';
    const card =
      method === 'Credit'
        ? `<p class="hint">測試卡號 4311-9522-2222-2222，安全碼 222（模擬環境不需輸入）。</p>`
        : '<p class="hint">模擬環境：直接選擇付款結果。</p>';
    body = `<section class="card"><h2>${esc(METHOD_NAMES[method])}</h2>${card}${stepForm(
      `${base}/SimCashier/pay`,
      trade,
      `${installments}<div class="actions"><button type="submit" name="Outcome" value="success" class="primary">付款成功</button><button type="submit" name="Outcome" value="failure" class="secondary">付款失敗</button></div>`,
    )}</section>`;
  }
  return sendPage(reply, {
    title: '付款 – 綠界科技 ECPay',
    heading: '綠界科技 ECPay 付款',
    subheading: '全方位金流（模擬）',
    body: `${orderSummary(trade)}\n${body}`,
  });
}

function backLink(trade: Trade): string {
  const back = trade.request.ClientBackURL;
  return back ? `<p><a class="button" href="${esc(back)}" data-link="ClientBackURL">返回商店</a></p>` : '';
}

/** After an instant payment: post the signed result to OrderResultURL at once, or show it with a link back. */
function resultPage(reply: FastifyReply, trade: Trade, ctx: SimContext): FastifyReply {
  const paid = trade.status === 'paid';
  const orderResultUrl = trade.request.OrderResultURL;
  const keys = ctx.keysOf(trade.merchantId);
  if (orderResultUrl && keys) {
    const fields = signWithFaults(
      resultFields(trade, paid ? 'Succeeded' : (trade.result?.rtnMsg ?? '')),
      keys,
      ctx.faults.for(trade.merchantTradeNo),
    );
    return sendPage(reply, {
      title: '付款結果傳送中',
      heading: paid ? '付款成功，返回商店中…' : '付款失敗，返回商店中…',
      body: `<form id="result" method="post" action="${esc(orderResultUrl)}" accept-charset="utf-8">
${hiddenInputs(fields)}
<noscript><button type="submit">返回商店</button></noscript>
</form>`,
      script: `document.getElementById('result').submit();`,
    });
  }
  return sendPage(reply, {
    title: paid ? '付款成功' : '付款失敗',
    heading: paid ? '付款成功' : '付款失敗',
    subheading: '綠界科技 ECPay（模擬）',
    body: `${orderSummary(trade)}<section class="card" data-result="${paid ? 'paid' : 'failed'}"><p><strong>${
      paid ? '交易成功，感謝您的購買。' : '交易失敗，款項未扣除。'
    }</strong></p>${backLink(trade)}</section>`,
  });
}

function codeRows(trade: Trade): string {
  const c = trade.code!;
  const row = (label: string, field: string, value: string) => `<dt>${label}</dt><dd data-field="${field}">${esc(value)}</dd>`;
  if (trade.method === 'ATM')
    return row('銀行代碼', 'BankCode', c.bankCode) + row('虛擬帳號', 'vAccount', c.vAccount) + row('繳費期限', 'ExpireDate', c.expireDate);
  if (trade.method === 'CVS') return row('繳費代碼', 'PaymentNo', c.paymentNo) + row('繳費期限', 'ExpireDate', c.expireDate);
  return (
    row('條碼一', 'Barcode1', c.barcodes[0]) +
    row('條碼二', 'Barcode2', c.barcodes[1]) +
    row('條碼三', 'Barcode3', c.barcodes[2]) +
    row('繳費期限', 'ExpireDate', c.expireDate)
  );
}

function codePage(reply: FastifyReply, trade: Trade, base: string, ctx: SimContext): FastifyReply {
  const redirect = trade.request.ClientRedirectURL;
  const keys = ctx.keysOf(trade.merchantId);
  const back =
    redirect && keys
      ? `<form method="post" action="${esc(redirect)}" accept-charset="utf-8">${hiddenInputs(signWithFaults(paymentInfoFields(trade), keys, {}))}<button type="submit" class="secondary">返回商店</button></form>`
      : backLink(trade);
  const state =
    trade.status === 'expired'
      ? '<p class="error" role="alert" data-result="expired">已超過繳費期限，此代碼無法再繳費。</p>'
      : stepForm(
          `${base}/SimCashier/pay-code`,
          trade,
          '<button type="submit" class="primary">模擬付款</button><p class="hint">模擬消費者於期限內完成繳費。</p>',
        );
  return sendPage(reply, {
    title: '取號成功 – 綠界科技 ECPay',
    heading: '取號成功',
    subheading: `${METHOD_NAMES[trade.method!]}．綠界科技 ECPay（模擬）`,
    body: `${orderSummary(trade)}<section class="card" data-result="issued"><dl class="order code">${codeRows(trade)}</dl>${state}${back}</section>`,
  });
}

/** The trade a cashier step is about, or an error page. */
function stepTrade(reply: FastifyReply, ctx: SimContext, body: unknown): { trade: Trade; fields: Record<string, string> } | FastifyReply {
  const fields = formFields(body) ?? {};
  const trade = ctx.trades.byTradeNo(fields.TradeNo ?? '');
  if (!trade) return errorPage(reply, 'TradeNotFound', '查無此交易，請回到商店重新結帳。');
  expireIfDue(trade, new Date());
  return { trade, fields };
}

const isReply = (v: unknown): v is FastifyReply => typeof v === 'object' && v !== null && 'sent' in v && 'send' in v;

export const cashierRoutes: FastifyPluginAsync<{ ctx: SimContext }> = async (app, { ctx }) => {
  /** Where the simulator is mounted, so its pages link to their own steps under any prefix. */
  const baseOf = (url: string) => url.replace(/\/(Cashier\/AioCheckOut\/V5|SimCashier\/[\w-]+)(\?.*)?$/, '');

  app.post('/Cashier/AioCheckOut/V5', HIDDEN, async (req, reply) => {
    const fields = formFields(req.body);
    if (!fields) return errorPage(reply, 'ParameterError', '參數格式錯誤，請以 application/x-www-form-urlencoded 傳送。');
    const keys = fields.MerchantID ? ctx.keysOf(fields.MerchantID) : undefined;
    if (!keys)
      return errorPage(
        reply,
        'MerchantIDError',
        '特店編號錯誤或尚未啟用 (MerchantID Error)',
        fields.MerchantID ? `MerchantID：${fields.MerchantID}` : undefined,
      );
    if (fields.EncryptType !== undefined && fields.EncryptType !== '1') {
      return errorPage(reply, 'EncryptTypeError', '參數錯誤：CheckMacValue 加密類型 EncryptType', 'EncryptType 須為 1（SHA256）。');
    }
    if (!verifyCheckMacValue(fields, keys, 'sha256')) return errorPage(reply, 'CheckMacValueError', '檢查碼錯誤 (CheckMacValue Error)');
    const parsed = AioCheckoutRequest.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      const label = FIELD_LABELS[field] ?? field;
      if (field === 'TotalAmount' && fields.TotalAmount && /^\d+$/.test(fields.TotalAmount)) {
        return errorPage(reply, 'TotalAmountError', '交易金額超出付款方式允許範圍', issue.message);
      }
      return errorPage(
        reply,
        `${field}Error`,
        fields[field] === undefined ? `缺少必要參數：${label}` : `參數錯誤：${label}`,
        issue.message,
      );
    }
    const request = parsed.data;
    const method = request.ChoosePayment;
    if (method !== 'ALL' && !isSimMethod(method)) {
      return errorPage(reply, 'ChoosePaymentError', '特店未開通此付款方式', `ChoosePayment：${method}`);
    }
    // ECPay signs and keeps every field it received; unknown ones are the merchant's business.
    const trade = ctx.trades.open({ ...fields, ...request }, cutText(request.ItemName, FIELD_MAX.ItemName), new Date());
    if (!trade)
      return errorPage(
        reply,
        'MerchantTradeNoDuplicate',
        '特店交易編號重覆，請重新建立訂單 (MerchantTradeNo is duplicate)',
        `MerchantTradeNo：${request.MerchantTradeNo}`,
      );
    if (method === 'ALL') {
      if (offeredMethods(trade).length === 0)
        return errorPage(
          reply,
          'ChoosePaymentError',
          '沒有可用的付款方式',
          'IgnorePayment 排除了所有付款方式，或金額不符各付款方式的限制。',
        );
    } else if (isSimMethod(method)) choose(trade, method);
    return cashierPage(reply, trade, baseOf(req.url));
  });

  const choose = (trade: Trade, method: SimMethod) => {
    trade.method = method;
    trade.paymentType = paymentTypeOf(method, trade.request.ChooseSubPayment);
  };

  app.post('/SimCashier/choose', HIDDEN, async (req, reply) => {
    const step = stepTrade(reply, ctx, req.body);
    if (isReply(step)) return step;
    const { trade, fields } = step;
    const method = offeredMethods(trade).find((m) => m === fields.Method);
    if (trade.status !== 'created') return errorPage(reply, 'TradeStateError', '此交易已處理，請勿重複操作。');
    if (!method || (trade.request.ChoosePayment !== 'ALL' && trade.method !== method))
      return errorPage(reply, 'ChoosePaymentError', '請選擇可用的付款方式。');
    choose(trade, method);
    return cashierPage(reply, trade, baseOf(req.url));
  });

  app.post('/SimCashier/pay', HIDDEN, async (req, reply) => {
    const step = stepTrade(reply, ctx, req.body);
    if (isReply(step)) return step;
    const { trade, fields } = step;
    if (!trade.method || isCodeMethod(trade.method)) return errorPage(reply, 'ChoosePaymentError', '請先選擇付款方式。');
    if (trade.status !== 'created') return errorPage(reply, 'TradeStateError', '此交易已處理，請勿重複付款。');
    const success = fields.Outcome === 'success';
    const offered = (trade.request.CreditInstallment ?? '').split(',').filter((n) => n !== '');
    const installment = trade.method === 'Credit' && offered.length > 0 ? fields.Installment : undefined;
    if (installment !== undefined && !offered.includes(installment))
      return errorPage(reply, 'CreditInstallmentError', '請選擇特店提供的分期期數。');
    const now = new Date();
    if (success) {
      trade.status = 'paid';
      trade.paymentDate = formatTaipeiDateTime(now);
      trade.fee = feeOf(trade.method, trade.amount);
      trade.result = { rtnCode: String(RTN_CODES.paid), rtnMsg: '交易成功' };
      if (trade.method === 'Credit' || trade.method === 'ApplePay') {
        trade.card = authorizeCard(trade.amount, installment ? parseInt(installment, 10) : 0);
        // UnionPay trades are closed at once at ECPay.
        if (trade.request.UnionPay === '1') trade.card = { ...trade.card, state: 'closed', closed: trade.amount };
      }
    } else {
      trade.status = 'failed';
      trade.result = { rtnCode: String(RTN_CODES.paymentFailed), rtnMsg: '付款失敗' };
    }
    const first = trade.result.rtnMsg;
    ctx.notifier.send(trade, 'ReturnURL', trade.request.ReturnURL.trim(), (attempt) =>
      resultFields(trade, attempt > 1 && success ? 'paid' : first),
    );
    return resultPage(reply, trade, ctx);
  });

  app.post('/SimCashier/issue', HIDDEN, async (req, reply) => {
    const step = stepTrade(reply, ctx, req.body);
    if (isReply(step)) return step;
    const { trade } = step;
    const base = baseOf(req.url);
    if (!trade.method || !isCodeMethod(trade.method)) return errorPage(reply, 'ChoosePaymentError', '此付款方式不需取號。');
    // A reload shows the same code again; ECPay issues one per trade.
    if (trade.status !== 'created')
      return trade.code ? codePage(reply, trade, base, ctx) : errorPage(reply, 'TradeStateError', '此交易已處理。');
    trade.code = issueCode(trade, trade.method, new Date());
    trade.status = 'code_issued';
    const info = trade.request.PaymentInfoURL;
    if (info) ctx.notifier.send(trade, 'PaymentInfoURL', info.trim(), () => paymentInfoFields(trade));
    return codePage(reply, trade, base, ctx);
  });

  app.post('/SimCashier/pay-code', HIDDEN, async (req, reply) => {
    const step = stepTrade(reply, ctx, req.body);
    if (isReply(step)) return step;
    const { trade } = step;
    if (trade.status === 'expired') return codePage(reply, trade, baseOf(req.url), ctx);
    const paid = payCode(ctx, trade, false);
    if (!paid) return errorPage(reply, 'TradeStateError', trade.status === 'paid' ? '此交易已付款。' : '此交易尚未取號。');
    return sendPage(reply, {
      title: '繳費完成',
      heading: '繳費完成',
      subheading: '綠界科技 ECPay（模擬）',
      body: `${orderSummary(trade)}<section class="card" data-result="paid"><p><strong>已完成繳費，綠界將通知商店。</strong></p>${backLink(trade)}</section>`,
    });
  });
};

/**
 * Pays an issued, unexpired code and notifies ReturnURL (`SimulatePaid=1` when it stands for the
 * back-office "模擬付款" rather than a shopper paying). False when the trade has no code waiting.
 */
export function payCode(ctx: SimContext, trade: Trade, simulatePaid: boolean): boolean {
  expireIfDue(trade, new Date());
  if (trade.status !== 'code_issued' || !trade.method) return false;
  trade.status = 'paid';
  trade.paymentDate = formatTaipeiDateTime(new Date());
  trade.fee = feeOf(trade.method, trade.amount);
  trade.simulatePaid = simulatePaid;
  trade.result = { rtnCode: String(RTN_CODES.paid), rtnMsg: '交易成功' };
  ctx.notifier.send(trade, 'ReturnURL', trade.request.ReturnURL.trim(), (attempt) =>
    resultFields(trade, attempt > 1 ? 'paid' : '交易成功'),
  );
  return true;
}
