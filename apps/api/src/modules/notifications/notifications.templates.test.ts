import { describe, expect, it } from 'vitest';
import { escapeHtml, formatMoney, formatTaipeiTime, renderEmail, templateNames, type TemplateName } from './notifications.templates.js';

const link = 'https://shop.example.tw/verify-email?token=abc123&next=%2Faccount';

const order = {
  displayName: '王小明',
  link: 'https://shop.example.tw/en/orders/0b8f6a0e-8a4f-4f7e-9a43-2f1d2c3b4a5e?token=eyJ.abc&x=1',
  orderNumber: '1765094400001000001',
  items: [
    { name: '鐵壺（大）', quantity: 2, lineSubtotal: 2900 },
    { name: '茶巾', gift: true, quantity: 1, lineSubtotal: 0 },
  ],
  subtotal: 2900,
  discount: 300,
  couponCode: 'TEA300',
  shipping: 100,
  shippingDiscount: 100,
  total: 2600,
  paymentMethod: 'bank_transfer',
  dueAt: '2026-12-07T16:05:00.000Z',
  delivery: { kind: 'store', name: '林大華', mobile: '0987654321', store: '7-ELEVEN 重慶門市', address: '臺北市中正區重慶南路一段1號' },
};

const paymentCode = {
  displayName: '王小明',
  link: 'https://shop.example.tw/orders/0b8f6a0e-8a4f-4f7e-9a43-2f1d2c3b4a5e?token=eyJ.abc',
  orderNumber: '1765094400001000001',
  amount: 1400,
  code: { kind: 'atm', bankCode: '004', account: '9103522175887271' },
  expiresAt: '2026-12-10T16:00:00.000Z',
};

const paramsFor = (template: TemplateName): Record<string, unknown> =>
  template === 'password_changed'
    ? { displayName: '王小明' }
    : template === 'order_placed'
      ? order
      : template === 'payment_code'
        ? paymentCode
        : { displayName: '王小明', link };

describe('renderEmail', () => {
  it.each([
    ['verify_email', 'zh-TW', '【好物小舖】請驗證您的電子郵件地址', '驗證電子郵件'],
    ['verify_email', 'en', 'Verify your email for Goodies Shop', 'Verify email'],
    ['reset_password', 'zh-TW', '【好物小舖】重設密碼', '重設密碼'],
    ['reset_password', 'en', 'Reset your Goodies Shop password', 'Reset password'],
    ['password_changed', 'zh-TW', '【好物小舖】您的密碼已變更', '忘記密碼'],
    ['password_changed', 'en', 'Your Goodies Shop password was changed', 'Forgot password'],
    ['order_placed', 'zh-TW', '【好物小舖】訂單成立通知（訂單編號 1765094400001000001）', '查看訂單'],
    ['order_placed', 'en', 'Goodies Shop: order 1765094400001000001 received', 'View your order'],
    ['payment_code', 'zh-TW', '【好物小舖】付款資訊通知（訂單編號 1765094400001000001）', '轉帳帳號'],
    ['payment_code', 'en', 'Goodies Shop: how to pay for order 1765094400001000001', 'Account number'],
  ] as const)('%s in %s has its subject, greeting and copy in both parts', (template, locale, subject, phrase) => {
    const mail = renderEmail({ template, locale, params: paramsFor(template) });

    expect(mail.locale).toBe(locale);
    expect(mail.subject).toBe(subject);
    const greeting = locale === 'zh-TW' ? '王小明 您好：' : 'Hi 王小明,';
    expect(mail.text.startsWith(greeting)).toBe(true);
    expect(mail.html).toContain(greeting);
    expect(mail.text).toContain(phrase);
    expect(mail.html).toContain(escapeHtml(phrase));
    expect(mail.text).toContain(locale === 'zh-TW' ? '好物小舖 敬上' : 'The Goodies Shop team');
    expect(mail.html).toContain(`<html lang="${locale === 'zh-TW' ? 'zh-Hant-TW' : 'en'}">`);
  });

  it.each(['verify_email', 'reset_password'] as const)(
    '%s puts the link in the text and as a button plus the plain URL in the html',
    (template) => {
      for (const locale of ['zh-TW', 'en']) {
        const mail = renderEmail({ template, locale, params: { displayName: 'Amy', link } });

        // The text part has the URL on a line of its own, untouched, so mail clients make it clickable.
        expect(mail.text.split('\n')).toContain(link);
        const escaped = escapeHtml(link);
        expect(escaped).toContain('&amp;next=');
        // Button and the visible fallback URL both point at the link.
        expect(mail.html.match(new RegExp(`href="${escaped.replace(/[.?]/g, '\\$&')}"`, 'g'))).toHaveLength(2);
        expect(mail.html).toContain(`>${escaped}</a>`);
        expect(mail.html).toMatch(/<a href="[^"]+" style="display:inline-block;[^"]*">/);
      }
    },
  );

  it('draws the shop name and the button in the shop’s teal, with white text on the button', () => {
    const mail = renderEmail({ template: 'reset_password', locale: 'zh-TW', params: { displayName: 'Amy', link } });
    const colours = [...mail.html.matchAll(/(?:background|color):(#[0-9a-f]{6})/g)].map((m) => m[1]);
    expect(colours).toContain('#0f766e');
    // No orange (the old accent) anywhere in the mail.
    expect(colours.filter((c) => c === '#b45309' || c === '#c2410c')).toEqual([]);
  });

  it('has no link in password_changed', () => {
    const mail = renderEmail({ template: 'password_changed', locale: 'en', params: { displayName: 'Amy', link } });
    expect(mail.text).not.toContain('http');
    expect(mail.html).not.toContain('<a ');
  });

  it('escapes every param in the html and keeps the text verbatim', () => {
    const displayName = `<script>alert("x")</script> & 'O'Brien'`;
    const hostileLink = 'https://evil.example/?q="><img src=x onerror=alert(1)>';
    for (const template of templateNames) {
      const mail = renderEmail({ template, locale: 'en', params: { ...paramsFor(template), displayName, link: hostileLink } });

      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;O&#39;Brien&#39;');
      expect(mail.text).toContain(displayName);
    }
  });

  it('greets without a name when the display name is blank', () => {
    expect(renderEmail({ template: 'password_changed', locale: 'zh-TW', params: { displayName: '  ' } }).text).toMatch(/^您好：\n/);
    expect(renderEmail({ template: 'password_changed', locale: 'en', params: { displayName: '' } }).text).toMatch(/^Hi,\n/);
  });

  it.each(['fr', 'zh-CN', '', 'EN'])('writes in zh-TW when the locale is %j', (locale) => {
    const mail = renderEmail({ template: 'verify_email', locale, params: { displayName: 'Amy', link } });
    expect(mail.locale).toBe('zh-TW');
    expect(mail.subject).toBe('【好物小舖】請驗證您的電子郵件地址');
  });

  it.each([
    ['a missing link', 'verify_email', { displayName: 'Amy' }],
    ['a javascript: link', 'reset_password', { displayName: 'Amy', link: 'javascript:alert(1)' }],
    ['a link that is no URL', 'verify_email', { displayName: 'Amy', link: 'not a url' }],
    ['a missing display name', 'password_changed', {}],
  ] as const)('refuses %s', (_what, template, params) => {
    expect(() => renderEmail({ template, locale: 'en', params })).toThrow();
  });
});

describe('order_placed', () => {
  it('lists the items, the sums, the bank transfer with its due time in Taipei, the store and the link, in Chinese', () => {
    const mail = renderEmail({ template: 'order_placed', locale: 'zh-TW', params: order });
    const lines = mail.text.split('\n');

    expect(lines).toEqual(
      expect.arrayContaining([
        '■ 訂購商品',
        '鐵壺（大） × 2：NT$2,900',
        '【贈品】茶巾 × 1：NT$0',
        '商品小計：NT$2,900',
        '折扣（優惠碼 TEA300）：-NT$300',
        '運費：NT$100',
        '運費折抵：-NT$100',
        '應付總額：NT$2,600',
        '銀行轉帳：請匯款 NT$2,600，並於備註填寫訂單編號 1765094400001000001；確認入帳後我們會通知您。',
        // 16:05 UTC is past midnight in Taipei: the next day.
        '付款期限：2026/12/08 00:05（台灣時間）前完成匯款，逾期訂單將自動取消',
        '收件人：林大華 0987654321',
        '取貨門市：7-ELEVEN 重慶門市（臺北市中正區重慶南路一段1號）',
        '查看訂單：',
        order.link,
      ]),
    );
    expect(mail.html).toContain('NT$2,600');
    expect(mail.html).toContain(`href="${escapeHtml(order.link)}"`);
  });

  it('says cash on delivery with no due time, and the home address, in English', () => {
    const mail = renderEmail({
      template: 'order_placed',
      locale: 'en',
      params: {
        ...order,
        paymentMethod: 'cash_on_delivery',
        dueAt: null,
        discount: 0,
        couponCode: null,
        shippingDiscount: 0,
        delivery: { kind: 'home', name: 'Amy Lin', mobile: '0987654321', address: '100 臺北市中正區重慶南路一段122號' },
      },
    });
    const lines = mail.text.split('\n');

    expect(lines).toEqual(
      expect.arrayContaining([
        '[Gift] 茶巾 × 1: NT$0',
        'Total: NT$2,600',
        'Cash on delivery: Please pay NT$2,600 when the parcel arrives.',
        'Recipient: Amy Lin 0987654321',
        'Address: 100 臺北市中正區重慶南路一段122號',
      ]),
    );
    expect(mail.text).not.toMatch(/Discount|Pay by|Bank transfer|Shipping discount/);
  });

  it.each([
    ['no items', { ...order, items: [] }],
    ['a fractional amount', { ...order, total: 12.5 }],
    ['an order number that is not 19 digits', { ...order, orderNumber: '123' }],
    ['an unknown payment method', { ...order, paymentMethod: 'credit_card' }],
    ['a javascript: link', { ...order, link: 'javascript:alert(1)' }],
  ])('refuses %s', (_what, params) => {
    expect(() => renderEmail({ template: 'order_placed', locale: 'en', params })).toThrow();
  });
});

describe('formatMoney and formatTaipeiTime', () => {
  it('writes whole dollars with thousands separators', () => {
    expect([0, 999, 1234, 1_234_567, -100].map(formatMoney)).toEqual(['NT$0', 'NT$999', 'NT$1,234', 'NT$1,234,567', '-NT$100']);
  });

  it('reads a time in Taipei (UTC+8)', () => {
    expect(formatTaipeiTime('2026-01-31T16:30:00Z')).toBe('2026/02/01 00:30');
    expect(formatTaipeiTime('2026-07-01T03:04:00Z')).toBe('2026/07/01 11:04');
  });
});

describe('payment_code', () => {
  it('shows the ATM account, the amount and the deadline in Taiwan time, with the order link', () => {
    const mail = renderEmail({ template: 'payment_code', locale: 'zh-TW', params: paymentCode });
    expect(mail.text).toContain('應付金額：NT$1,400');
    expect(mail.text).toContain('銀行代碼：004');
    expect(mail.text).toContain('轉帳帳號：9103522175887271');
    expect(mail.text).toContain('繳費期限：2026/12/11 00:00（台灣時間）前');
    expect(mail.text.split('\n')).toContain(paymentCode.link);
  });

  it('names the store code or the three barcodes, in English too', () => {
    const cvs = renderEmail({
      template: 'payment_code',
      locale: 'en',
      params: { ...paymentCode, code: { kind: 'cvs', paymentNo: 'LLL22251222' } },
    });
    expect(cvs.text).toContain('Payment code: LLL22251222');
    expect(cvs.text).toContain('Pay by: 2026/12/11 00:00 (Taiwan time)');
    expect(cvs.text).toContain('FamiPort');
    const barcodes = ['1512196EA', '6011800000001234', '121203000001400'];
    const bar = renderEmail({ template: 'payment_code', locale: 'en', params: { ...paymentCode, code: { kind: 'barcode', barcodes } } });
    expect(bar.text).toContain(`Barcode 1: ${barcodes[0]}`);
    expect(bar.text).toContain(`Barcode 3: ${barcodes[2]}`);
  });

  it('refuses a code of another shape', () => {
    expect(() =>
      renderEmail({
        template: 'payment_code',
        locale: 'en',
        params: { ...paymentCode, code: { kind: 'atm', bankCode: '4', account: 'x' } },
      }),
    ).toThrow();
  });
});
