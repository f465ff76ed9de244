// The order-placed mail over the real outbox: a guest ordering in English and a member in Chinese
// each get one mail in their language, with a link on the public URL that opens the order, and an
// event delivered again sends nothing more.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { registerUser, uniqueEmail } from '../../../test/identity-helpers.js';
import { expectStockInvariant } from '../../../test/stock-helpers.js';
import { BUYER, guest, HOME, member, shopHelpers, STORE } from '../../../test/shop-helpers.js';

const PUBLIC = 'https://shop.example.tw';

interface Mail {
  subject: string;
  text: string;
  html: string;
  template: string;
  locale: string;
}

describe('order-placed mail', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;
  let home: Json;

  beforeAll(async () => {
    h = await createHarness({ env: { PUBLIC_URL: `${PUBLIC}/` } });
    await s.setUp('ordermail');
    pickup = await s.shippingMethod('store_pickup', 60);
    home = await s.shippingMethod('home_delivery', 100);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  const mailsTo = async (to: string): Promise<Mail[]> =>
    (await h.pool.query<Mail>('SELECT subject, text, html, template, locale FROM mail_messages WHERE lower("to") = lower($1)', [to])).rows;

  /** Puts the order's `order.created` back in the queue, as a relay that crashed before marking it sent would leave it. */
  const redeliver = async (orderId: string) => {
    const { rowCount } = await h.pool.query(
      `UPDATE event_outbox SET status = 'pending', attempts = 0, next_run_at = now() - interval '1 minute'
        WHERE event_type = 'order.created' AND aggregate_id = $1`,
      [orderId],
    );
    expect(rowCount).toBe(1);
    await h.deliverEvents();
  };

  const linkIn = (text: string) => text.split('\n').find((l) => l.startsWith(`${PUBLIC}/`));

  it('mails a guest who ordered in English: items, sums, bank transfer due time, store, and a link with a token that opens the order', async () => {
    const email = uniqueEmail('guest');
    const p = await s.product({ prices: [1450], stock: 5 });
    const g = guest();
    await s.add(g, p.variants[0].id, 2);
    s.ok(await s.call(g, 'PUT', '/cart/shipping-method', { methodId: pickup.id }));
    const body = await s.form(g, { buyer: { ...BUYER, email }, shippingMethodId: pickup.id, store: STORE, locale: 'en' });
    expect(body.expected.total).toBe(2960);
    // A request naming another host changes nothing in the mail: links start with the public URL.
    const placed = s.ok(await s.call(g, 'POST', '/checkout', body, { host: 'attacker.example' }), 201);
    const number = placed.order.orderNumber as string;
    await h.deliverEvents();

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatchObject({ template: 'order_placed', locale: 'en' });
    expect(mail.subject).toBe(`Goodies Shop: order ${number} received`);
    expect(mail.text).toMatch(/^Hi 王小明,\n/);
    expect(mail.text).toContain(`${p.name.en} (S0) × 2: NT$2,900`);
    expect(mail.text).toContain('Subtotal: NT$2,900');
    expect(mail.text).toContain('Shipping: NT$60');
    expect(mail.text).toContain('Total: NT$2,960');
    expect(mail.text).toContain(`Bank transfer: Please transfer NT$2,960 with order number ${number} in the reference`);
    // The deadline as read in Taiwan (UTC+8).
    const due = new Date(new Date(placed.order.reservationExpiresAt as string).getTime() + 8 * 3_600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    const dueText = `${due.getUTCFullYear()}/${two(due.getUTCMonth() + 1)}/${two(due.getUTCDate())} ${two(due.getUTCHours())}:${two(due.getUTCMinutes())}`;
    expect(mail.text).toContain(`Pay by: ${dueText} (Taiwan time)`);
    expect(mail.text).toContain(`Pickup store: ${STORE.name} (${STORE.address})`);
    expect(mail.text).not.toContain('Cash on delivery');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('NT$2,960');

    const link = linkIn(mail.text);
    expect(link).toBe(`${PUBLIC}/en/orders/${placed.order.id}?token=${encodeURIComponent(placed.orderToken as string)}`);
    const token = new URL(link!).searchParams.get('token')!;
    const opened = await s.call(guest(), 'GET', `/orders/${placed.order.id}?token=${encodeURIComponent(token)}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ id: placed.order.id, orderNumber: number });

    await redeliver(placed.order.id);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('mails a member who ordered in Chinese: discount, cash on delivery, home address, a link to their order page', async () => {
    const user = await registerUser(h);
    const m = member(user);
    const email = uniqueEmail('member');
    const p = await s.product({ prices: [1200], stock: 3 });
    await s.coupon('MAIL100', { rule: { kind: 'order_fixed', amountOff: 100, minSubtotal: 0 } });
    await s.add(m, p.variants[0].id, 1);
    s.ok(await s.call(m, 'POST', '/cart/coupon', { code: 'MAIL100' }));
    s.ok(await s.call(m, 'PUT', '/cart/shipping-method', { methodId: home.id }));
    const body = await s.form(m, {
      buyer: { ...BUYER, email },
      shippingMethodId: home.id,
      address: HOME,
      recipient: { sameAsBuyer: false, name: '林大華', mobile: '0987654321' },
      paymentMethod: 'cash_on_delivery',
      locale: 'zh-TW',
    });
    const placed = s.ok(await s.checkout(m, body), 201);
    const number = placed.order.orderNumber as string;
    await h.deliverEvents();

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatchObject({ template: 'order_placed', locale: 'zh-TW' });
    expect(mail.subject).toBe(`【好物小舖】訂單成立通知（訂單編號 ${number}）`);
    expect(mail.text).toMatch(/^王小明 您好：\n/);
    expect(mail.text).toContain(`${p.name['zh-TW']}（S0） × 1：NT$1,200`);
    expect(mail.text).toContain('折扣（優惠碼 MAIL100）：-NT$100');
    expect(mail.text).toContain('運費：NT$100');
    expect(mail.text).toContain('應付總額：NT$1,200');
    expect(mail.text).toContain('貨到付款：收到商品時請付款 NT$1,200。');
    expect(mail.text).not.toContain('付款期限');
    expect(mail.text).toContain('收件人：林大華 0987654321');
    expect(mail.text).toContain(`收件地址：${HOME.zip} ${HOME.city}${HOME.district}${HOME.line}`);
    expect(mail.html).toContain('<html lang="zh-Hant-TW">');

    // A member's link is their order page, with no token: they sign in to read it.
    expect(linkIn(mail.text)).toBe(`${PUBLIC}/orders/${placed.order.id}`);
    expect(mail.text).not.toContain('token=');
    expect((await s.call(m, 'GET', `/orders/${placed.order.id}`)).statusCode).toBe(200);

    await redeliver(placed.order.id);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('writes in zh-TW when the checkout named no language; the same form sent again from the English page replays, no second mail', async () => {
    const email = uniqueEmail('nolocale');
    const p = await s.product({ prices: [300], stock: 2 });
    const g = guest();
    await s.add(g, p.variants[0].id, 1);
    s.ok(await s.call(g, 'PUT', '/cart/shipping-method', { methodId: pickup.id }));
    const body = await s.form(g, { buyer: { ...BUYER, email }, shippingMethodId: pickup.id, store: STORE });
    const placed = s.ok(await s.checkout(g, body), 201);
    await h.deliverEvents();

    const mails = await mailsTo(email);
    expect(mails.map((m) => m.locale)).toEqual(['zh-TW']);
    expect(linkIn(mails[0]!.text)).toMatch(new RegExp(`^${PUBLIC.replaceAll('.', '\\.')}/orders/${placed.order.id}\\?token=`));

    const again = await s.checkout(g, { ...body, locale: 'en' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await h.deliverEvents();
    expect((await mailsTo(email)).map((m) => m.locale)).toEqual(['zh-TW']);
  });
});
