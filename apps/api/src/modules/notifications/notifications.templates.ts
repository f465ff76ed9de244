import { z } from 'zod';

/** Locales a mail can be written in. Anything else falls back to the shop's default, zh-TW. */
export const emailLocales = ['zh-TW', 'en'] as const;
export type EmailLocale = (typeof emailLocales)[number];

export const templateNames = ['verify_email', 'reset_password', 'password_changed', 'order_placed', 'payment_code'] as const;
export type TemplateName = (typeof templateNames)[number];

/** Only http(s) links: a `javascript:` or `data:` URL must never become a button in a mail. */
const link = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
const displayName = z.string().max(200);
const amount = z.number().int().min(0).max(1_000_000_000);
const line = z.string().max(500);

/** A placed order as its mail shows it: names already in the mail's language, amounts in whole NT$. */
const orderPlaced = z.object({
  displayName,
  link,
  orderNumber: z.string().regex(/^[0-9]{19}$/),
  items: z
    // `lineSubtotal`: unit price × quantity; the discounts come off in the sums below, so the lines add up to `subtotal`.
    .array(z.object({ name: line, gift: z.boolean().default(false), quantity: z.number().int().min(1).max(10_000), lineSubtotal: amount }))
    .min(1)
    .max(500),
  subtotal: amount,
  /** Line and order discounts together (what came off the goods). */
  discount: amount,
  couponCode: z.string().max(100).nullable().default(null),
  shipping: amount,
  shippingDiscount: amount,
  total: amount,
  paymentMethod: z.enum(['bank_transfer', 'cash_on_delivery', 'ecpay']),
  /** Bank transfer: pay before this, or the order is cancelled. */
  dueAt: z.iso.datetime().nullable().default(null),
  delivery: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('home'), name: line, mobile: line, address: line }),
    z.object({ kind: z.literal('store'), name: line, mobile: line, store: line, address: line }),
    z.object({ kind: z.literal('none') }),
  ]),
});

/** An offline ECPay payment's code as its mail shows it: the amount in whole NT$, the deadline as an instant. */
const paymentCode = z.object({
  displayName,
  link,
  orderNumber: z.string().regex(/^[0-9]{19}$/),
  amount,
  code: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('atm'), bankCode: z.string().regex(/^\d{3}$/), account: z.string().regex(/^\d{1,20}$/) }),
    z.object({ kind: z.literal('cvs'), paymentNo: z.string().regex(/^[A-Za-z0-9]{1,20}$/) }),
    z.object({ kind: z.literal('barcode'), barcodes: z.array(z.string().regex(/^[A-Za-z0-9]{1,20}$/)).length(3) }),
  ]),
  expiresAt: z.iso.datetime(),
});

/** The params each template needs. Extra params are ignored. */
export const templateParams = {
  verify_email: z.object({ displayName, link }),
  reset_password: z.object({ displayName, link }),
  password_changed: z.object({ displayName }),
  order_placed: orderPlaced,
  payment_code: paymentCode,
} satisfies Record<TemplateName, z.ZodType>;

export type TemplateParams = { [T in TemplateName]: z.infer<(typeof templateParams)[T]> };

export interface RenderedEmail {
  /** The locale the mail was actually written in (after fallback). */
  locale: EmailLocale;
  subject: string;
  text: string;
  html: string;
}

export function resolveLocale(locale: string): EmailLocale {
  return (emailLocales as readonly string[]).includes(locale) ? (locale as EmailLocale) : 'zh-TW';
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** A titled block of label / value rows (an order's lines and sums); `strong` rows stand out. */
interface Section {
  heading: string;
  rows: Array<{ label: string; value: string; strong?: boolean }>;
}

/**
 * What a template says, before greeting, signature and layout: plain-text paragraphs, sections of
 * rows after the intro, at most one call to action.
 */
interface Body {
  subject: string;
  intro: string[];
  sections?: Section[];
  action?: { label: string; url: string };
  outro: string[];
}

/** Whole NT dollars as Taiwanese shops write them: NT$1,234. */
export function formatMoney(minor: number): string {
  return `${minor < 0 ? '-' : ''}NT$${Math.abs(minor).toLocaleString('en-US')}`;
}

/** A time as read in Taiwan (UTC+8 all year, no daylight saving): `2026/12/07 15:30`. */
export function formatTaipeiTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}/${two(t.getUTCMonth() + 1)}/${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

type OrderPlaced = z.infer<typeof orderPlaced>;

/** The labels of an order mail in one language. */
interface OrderCopy {
  subject(orderNumber: string): string;
  intro(orderNumber: string): string;
  items: string;
  gift: string;
  qty(quantity: number): string;
  summary: string;
  subtotal: string;
  discount(couponCode: string | null): string;
  shipping: string;
  shippingDiscount: string;
  total: string;
  payment: string;
  bankTransferLabel: string;
  bankTransfer(total: string, orderNumber: string): string;
  due: string;
  dueValue(time: string): string;
  cashOnDeliveryLabel: string;
  cashOnDelivery(total: string): string;
  ecpayLabel: string;
  ecpay(total: string): string;
  delivery: string;
  recipient: string;
  address: string;
  store: string;
  storeValue(store: string, address: string): string;
  noDelivery: string;
  view: string;
  outro: string;
}

function orderBody(p: OrderPlaced, c: OrderCopy): Body {
  const money = formatMoney;
  const summary: Section['rows'] = [{ label: c.subtotal, value: money(p.subtotal) }];
  if (p.discount > 0) summary.push({ label: c.discount(p.couponCode), value: money(-p.discount) });
  summary.push({ label: c.shipping, value: money(p.shipping) });
  if (p.shippingDiscount > 0) summary.push({ label: c.shippingDiscount, value: money(-p.shippingDiscount) });
  summary.push({ label: c.total, value: money(p.total), strong: true });
  const payment: Section['rows'] =
    p.paymentMethod === 'bank_transfer'
      ? [
          { label: c.bankTransferLabel, value: c.bankTransfer(money(p.total), p.orderNumber) },
          ...(p.dueAt ? [{ label: c.due, value: c.dueValue(formatTaipeiTime(p.dueAt)), strong: true }] : []),
        ]
      : p.paymentMethod === 'ecpay'
        ? [{ label: c.ecpayLabel, value: c.ecpay(money(p.total)) }]
        : [{ label: c.cashOnDeliveryLabel, value: c.cashOnDelivery(money(p.total)) }];
  const d = p.delivery;
  const delivery: Section['rows'] =
    d.kind === 'home'
      ? [
          { label: c.recipient, value: `${d.name} ${d.mobile}` },
          { label: c.address, value: d.address },
        ]
      : d.kind === 'store'
        ? [
            { label: c.recipient, value: `${d.name} ${d.mobile}` },
            { label: c.store, value: c.storeValue(d.store, d.address) },
          ]
        : [{ label: c.delivery, value: c.noDelivery }];
  return {
    subject: c.subject(p.orderNumber),
    intro: [c.intro(p.orderNumber)],
    sections: [
      {
        heading: c.items,
        rows: p.items.map((i) => ({ label: `${i.gift ? c.gift : ''}${i.name} ${c.qty(i.quantity)}`, value: money(i.lineSubtotal) })),
      },
      { heading: c.summary, rows: summary },
      { heading: c.payment, rows: payment },
      { heading: c.delivery, rows: delivery },
    ],
    action: { label: c.view, url: p.link },
    outro: [c.outro],
  };
}

const orderCopy: Record<EmailLocale, OrderCopy> = {
  'zh-TW': {
    subject: (n) => `【好物小舖】訂單成立通知（訂單編號 ${n}）`,
    intro: (n) => `感謝您的訂購！我們已收到您的訂單，訂單編號 ${n}。明細如下：`,
    items: '訂購商品',
    gift: '【贈品】',
    qty: (q) => `× ${q}`,
    summary: '金額',
    subtotal: '商品小計',
    discount: (code) => (code ? `折扣（優惠碼 ${code}）` : '折扣'),
    shipping: '運費',
    shippingDiscount: '運費折抵',
    total: '應付總額',
    payment: '付款方式',
    bankTransferLabel: '銀行轉帳',
    bankTransfer: (total, n) => `請匯款 ${total}，並於備註填寫訂單編號 ${n}；確認入帳後我們會通知您。`,
    due: '付款期限',
    dueValue: (t) => `${t}（台灣時間）前完成匯款，逾期訂單將自動取消`,
    cashOnDeliveryLabel: '貨到付款',
    cashOnDelivery: (total) => `收到商品時請付款 ${total}。`,
    ecpayLabel: '線上付款（綠界）',
    ecpay: (total) => `請透過綠界完成付款 ${total}；付款成功後我們會通知您。尚未完成時，可從訂單頁面再次付款。`,
    delivery: '配送資訊',
    recipient: '收件人',
    address: '收件地址',
    store: '取貨門市',
    storeValue: (store, address) => `${store}（${address}）`,
    noDelivery: '本訂單不需配送',
    view: '查看訂單',
    outro: '如有任何問題，歡迎直接回覆這封信與我們聯絡。',
  },
  en: {
    subject: (n) => `Goodies Shop: order ${n} received`,
    intro: (n) => `Thank you for your order! We have received order ${n}. Here are the details:`,
    items: 'Items',
    gift: '[Gift] ',
    qty: (q) => `× ${q}`,
    summary: 'Amount',
    subtotal: 'Subtotal',
    discount: (code) => (code ? `Discount (coupon ${code})` : 'Discount'),
    shipping: 'Shipping',
    shippingDiscount: 'Shipping discount',
    total: 'Total',
    payment: 'Payment',
    bankTransferLabel: 'Bank transfer',
    bankTransfer: (total, n) => `Please transfer ${total} with order number ${n} in the reference; we will let you know once it arrives.`,
    due: 'Pay by',
    dueValue: (t) => `${t} (Taiwan time); an unpaid order is cancelled after that`,
    cashOnDeliveryLabel: 'Cash on delivery',
    cashOnDelivery: (total) => `Please pay ${total} when the parcel arrives.`,
    ecpayLabel: 'Online payment (ECPay)',
    ecpay: (total) =>
      `Please pay ${total} through ECPay; we will let you know once it is paid. If you have not finished, pay again from the order page.`,
    delivery: 'Delivery',
    recipient: 'Recipient',
    address: 'Address',
    store: 'Pickup store',
    storeValue: (store, address) => `${store} (${address})`,
    noDelivery: 'Nothing to deliver for this order',
    view: 'View your order',
    outro: 'Questions? Just reply to this email.',
  },
};

// ---------- payment code ----------

type PaymentCodeParams = z.infer<typeof paymentCode>;

/** The labels of the payment-code mail in one language. */
interface PaymentCodeCopy {
  subject(orderNumber: string): string;
  intro(orderNumber: string, kind: PaymentCodeParams['code']['kind']): string;
  heading: string;
  amount: string;
  bankCode: string;
  account: string;
  paymentNo: string;
  barcode(n: number): string;
  deadline: string;
  deadlineValue(time: string): string;
  howTo: string;
  step(n: number): string;
  steps: Record<PaymentCodeParams['code']['kind'], string[]>;
  view: string;
  outro: string[];
}

function paymentCodeBody(p: PaymentCodeParams, c: PaymentCodeCopy): Body {
  const code = p.code;
  const rows: Section['rows'] = [{ label: c.amount, value: formatMoney(p.amount), strong: true }];
  if (code.kind === 'atm') rows.push({ label: c.bankCode, value: code.bankCode }, { label: c.account, value: code.account, strong: true });
  else if (code.kind === 'cvs') rows.push({ label: c.paymentNo, value: code.paymentNo, strong: true });
  else rows.push(...code.barcodes.map((b, i) => ({ label: c.barcode(i + 1), value: b, strong: true })));
  rows.push({ label: c.deadline, value: c.deadlineValue(formatTaipeiTime(p.expiresAt)), strong: true });
  return {
    subject: c.subject(p.orderNumber),
    intro: [c.intro(p.orderNumber, code.kind)],
    sections: [
      { heading: c.heading, rows },
      { heading: c.howTo, rows: c.steps[code.kind].map((step, i) => ({ label: c.step(i + 1), value: step })) },
    ],
    action: { label: c.view, url: p.link },
    outro: c.outro,
  };
}

const paymentCodeCopy: Record<EmailLocale, PaymentCodeCopy> = {
  'zh-TW': {
    subject: (n) => `【好物小舖】付款資訊通知（訂單編號 ${n}）`,
    intro: (n, kind) =>
      `您的訂單 ${n} 已取得${kind === 'atm' ? ' ATM 轉帳帳號' : kind === 'cvs' ? '超商繳費代碼' : '超商繳費條碼'}，請於期限內完成付款：`,
    heading: '付款資訊',
    amount: '應付金額',
    bankCode: '銀行代碼',
    account: '轉帳帳號',
    paymentNo: '繳費代碼',
    barcode: (n) => `第 ${n} 段條碼`,
    deadline: '繳費期限',
    deadlineValue: (t) => `${t}（台灣時間）前`,
    howTo: '付款方式',
    step: (n) => `步驟 ${n}`,
    steps: {
      atm: [
        '使用 ATM 或網路銀行的「轉帳」功能（非「繳費」）。',
        '輸入上方的銀行代碼與轉帳帳號，轉入應付金額（金額須完全相符）。',
        '轉帳完成後，我們收到綠界的入帳通知就會寄信告訴您。',
      ],
      cvs: [
        '到 7-ELEVEN、全家、萊爾富或 OK 超商的多媒體機台（ibon、FamiPort、Life-ET、OK‧go）。',
        '選擇「代碼繳費」，輸入上方的繳費代碼並列印繳費單。',
        '於期限內持繳費單到櫃檯付款。',
      ],
      barcode: ['列印這三段條碼，或在手機上開啟訂單頁面顯示條碼。', '於期限內到超商櫃檯出示條碼付款。'],
    },
    view: '查看訂單',
    outro: ['逾期未付款，訂單將自動取消，保留的商品也會釋出。', '如有任何問題，歡迎直接回覆這封信與我們聯絡。'],
  },
  en: {
    subject: (n) => `Goodies Shop: how to pay for order ${n}`,
    intro: (n, kind) =>
      `Your ${kind === 'atm' ? 'ATM transfer account' : kind === 'cvs' ? 'convenience store payment code' : 'convenience store barcodes'} for order ${n} ${kind === 'barcode' ? 'are' : 'is'} ready. Please pay before the deadline:`,
    heading: 'Payment details',
    amount: 'Amount to pay',
    bankCode: 'Bank code',
    account: 'Account number',
    paymentNo: 'Payment code',
    barcode: (n) => `Barcode ${n}`,
    deadline: 'Pay by',
    deadlineValue: (t) => `${t} (Taiwan time)`,
    howTo: 'How to pay',
    step: (n) => `Step ${n}`,
    steps: {
      atm: [
        'Use the "transfer" function (not "bill payment") of an ATM or your online banking.',
        'Enter the bank code and account number above and transfer exactly the amount to pay.',
        'We email you as soon as ECPay tells us the money has arrived.',
      ],
      cvs: [
        'Go to the kiosk of a 7-ELEVEN, FamilyMart, Hi-Life or OK store (ibon, FamiPort, Life-ET, OK-go).',
        'Choose payment by code, enter the payment code above and print the payment slip.',
        'Pay at the counter with the slip before the deadline.',
      ],
      barcode: [
        'Print the three barcodes, or show them from your order page on your phone.',
        'Pay at a convenience store counter with the barcodes before the deadline.',
      ],
    },
    view: 'View your order',
    outro: ['An order left unpaid after the deadline is cancelled automatically.', 'Questions? Just reply to this email.'],
  },
};

interface Copy extends Body {
  greeting: string;
  signature: string;
}

interface LocaleStrings {
  shopName: string;
  htmlLang: string;
  greeting(displayName: string): string;
  signature: string;
  fallbackHint: string;
  /** Ends the call-to-action label in the plain-text part, before the URL on its own line. */
  colon: string;
  /** Between a row's label and its value in the plain-text part. */
  separator: string;
  verify_email(p: TemplateParams['verify_email']): Body;
  reset_password(p: TemplateParams['reset_password']): Body;
  password_changed(p: TemplateParams['password_changed']): Body;
  order_placed(p: TemplateParams['order_placed']): Body;
  payment_code(p: TemplateParams['payment_code']): Body;
}

const strings: Record<EmailLocale, LocaleStrings> = {
  'zh-TW': {
    shopName: '好物小舖',
    htmlLang: 'zh-Hant-TW',
    greeting: (name) => (name.trim() ? `${name.trim()} 您好：` : '您好：'),
    signature: '好物小舖 敬上',
    fallbackHint: '如果按鈕無法點選，請將下面的網址複製到瀏覽器開啟：',
    colon: '：',
    separator: '：',
    verify_email: (p) => ({
      subject: '【好物小舖】請驗證您的電子郵件地址',
      intro: ['感謝您註冊好物小舖會員！請點選下方按鈕，完成電子郵件地址驗證。'],
      action: { label: '驗證電子郵件', url: p.link },
      outro: ['如果您沒有註冊好物小舖，請直接忽略這封信。'],
    }),
    reset_password: (p) => ({
      subject: '【好物小舖】重設密碼',
      intro: ['我們收到了重設您帳號密碼的申請。請點選下方按鈕設定新密碼。'],
      action: { label: '重設密碼', url: p.link },
      outro: ['如果您沒有申請重設密碼，請忽略這封信，您的密碼不會有任何變更。'],
    }),
    password_changed: () => ({
      subject: '【好物小舖】您的密碼已變更',
      intro: ['您的好物小舖帳號密碼剛剛已經變更成功。'],
      outro: ['如果是您本人操作，就不需要再做任何事。', '如果您沒有變更密碼，請立即使用「忘記密碼」重新設定，並與我們的客服聯絡。'],
    }),
    order_placed: (p) => orderBody(p, orderCopy['zh-TW']),
    payment_code: (p) => paymentCodeBody(p, paymentCodeCopy['zh-TW']),
  },
  en: {
    shopName: 'Goodies Shop',
    htmlLang: 'en',
    greeting: (name) => (name.trim() ? `Hi ${name.trim()},` : 'Hi,'),
    signature: 'The Goodies Shop team',
    fallbackHint: 'If the button does not work, copy this address into your browser:',
    colon: ':',
    separator: ': ',
    verify_email: (p) => ({
      subject: 'Verify your email for Goodies Shop',
      intro: ['Thanks for signing up at Goodies Shop! Please confirm your email address with the button below.'],
      action: { label: 'Verify email', url: p.link },
      outro: ['If you did not sign up at Goodies Shop, you can ignore this email.'],
    }),
    reset_password: (p) => ({
      subject: 'Reset your Goodies Shop password',
      intro: ['We received a request to reset the password of your account. Choose a new one with the button below.'],
      action: { label: 'Reset password', url: p.link },
      outro: ['If you did not ask for this, ignore this email: your password stays the same.'],
    }),
    password_changed: () => ({
      subject: 'Your Goodies Shop password was changed',
      intro: ['The password of your Goodies Shop account was just changed.'],
      outro: [
        'If this was you, there is nothing else to do.',
        'If it was not you, reset your password right away with "Forgot password" and contact our support.',
      ],
    }),
    order_placed: (p) => orderBody(p, orderCopy.en),
    payment_code: (p) => paymentCodeBody(p, paymentCodeCopy.en),
  },
};

function composeText(c: Copy, s: LocaleStrings): string {
  const parts = [c.greeting, '', ...c.intro.flatMap((p) => [p, ''])];
  for (const section of c.sections ?? []) {
    parts.push(`■ ${section.heading}`, ...section.rows.map((r) => `${r.label}${s.separator}${r.value}`), '');
  }
  if (c.action) parts.push(`${c.action.label}${s.colon}`, c.action.url, '');
  parts.push(...c.outro.flatMap((p) => [p, '']), c.signature);
  return `${parts.join('\n')}\n`;
}

function composeHtml(c: Copy, s: LocaleStrings): string {
  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`;
  const action = c.action
    ? [
        `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="display:inline-block;padding:12px 24px;background:#0f766e;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escapeHtml(c.action.label)}</a></p>`,
        `<p style="margin:0 0 16px;font-size:13px;color:#555555">${escapeHtml(s.fallbackHint)}<br><a href="${escapeHtml(c.action.url)}" style="color:#0f766e;word-break:break-all">${escapeHtml(c.action.url)}</a></p>`,
      ].join('\n')
    : '';
  const sections = (c.sections ?? []).map((section) =>
    [
      `<p style="margin:24px 0 8px;font-weight:bold;color:#0f766e">${escapeHtml(section.heading)}</p>`,
      '<table role="presentation" style="width:100%;border-collapse:collapse;margin:0 0 8px">',
      ...section.rows.map((r) => {
        const weight = r.strong ? 'font-weight:bold;' : '';
        return `<tr><td style="${weight}padding:4px 8px 4px 0;border-bottom:1px solid #eeeeee;vertical-align:top">${escapeHtml(r.label)}</td><td style="${weight}padding:4px 0;border-bottom:1px solid #eeeeee;text-align:right;vertical-align:top">${escapeHtml(r.value)}</td></tr>`;
      }),
      '</table>',
    ].join('\n'),
  );
  return [
    '<!doctype html>',
    `<html lang="${s.htmlLang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(c.subject)}</title></head>`,
    "<body style=\"margin:0;padding:24px;background:#f6f4f0;font-family:-apple-system,'PingFang TC','Noto Sans TC','Microsoft JhengHei',Arial,sans-serif;color:#222222;line-height:1.6\">",
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">',
    `<p style="margin:0 0 24px;font-size:20px;font-weight:bold;color:#0f766e">${escapeHtml(s.shopName)}</p>`,
    p(c.greeting),
    ...c.intro.map(p),
    ...sections,
    action,
    ...c.outro.map(p),
    p(c.signature),
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Renders one mail. Pure. Throws a ZodError when `params` lack what the template needs (or the
 * link is not http(s)). Every param is HTML-escaped in `html`; `text` carries them verbatim.
 */
export function renderEmail(input: { template: TemplateName; locale: string; params: Record<string, unknown> }): RenderedEmail {
  const locale = resolveLocale(input.locale);
  const s = strings[locale];
  let body: Body;
  let name: string;
  switch (input.template) {
    case 'verify_email': {
      const params = templateParams.verify_email.parse(input.params);
      body = s.verify_email(params);
      name = params.displayName;
      break;
    }
    case 'reset_password': {
      const params = templateParams.reset_password.parse(input.params);
      body = s.reset_password(params);
      name = params.displayName;
      break;
    }
    case 'password_changed': {
      const params = templateParams.password_changed.parse(input.params);
      body = s.password_changed(params);
      name = params.displayName;
      break;
    }
    case 'order_placed': {
      const params = templateParams.order_placed.parse(input.params);
      body = s.order_placed(params);
      name = params.displayName;
      break;
    }
    case 'payment_code': {
      const params = templateParams.payment_code.parse(input.params);
      body = s.payment_code(params);
      name = params.displayName;
      break;
    }
  }
  const copy: Copy = { ...body, greeting: s.greeting(name), signature: s.signature };
  return { locale, subject: copy.subject, text: composeText(copy, s), html: composeHtml(copy, s) };
}
