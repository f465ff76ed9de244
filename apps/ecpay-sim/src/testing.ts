// Test kit for the simulator's HTTP tests: ports below 32768, a merchant that records what ECPay
// posts to it, and a browser stand-in that reads and posts the simulator's forms.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { randomInt } from 'node:crypto';
import { STAGE_AIO, buildAioCheckout, parsePaymentResult, type AioCheckoutInput, type PaymentResult } from '@shop/ecpay';
import Fastify from 'fastify';
import { expect } from 'vitest';
import { ecpaySimulator, type SimulatorOptions } from './index.js';
import type { Delivery } from './trades.js';

/** A free TCP port in 20000–31999 (the range below 32768 that other suites leave alone). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + randomInt(12000);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createNetServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
}

export interface Received {
  path: string;
  fields: Record<string, string>;
  body: string;
}

export interface Merchant {
  url: string;
  received: Received[];
  /** What the merchant answers the n-th post (1-based) to a path; `1|OK` unless set. */
  answer: (path: string, n: number) => string;
  on(path: string): Received[];
  close(): Promise<void>;
}

/** A merchant's server: records every form posted to it and answers as told. */
export async function startMerchant(): Promise<Merchant> {
  const received: Received[] = [];
  const merchant: Merchant = {
    url: '',
    received,
    answer: () => '1|OK',
    on: (path) => received.filter((r) => r.path === path),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      received.push({ path, fields: Object.fromEntries(new URLSearchParams(body)), body });
      const n = received.filter((r) => r.path === path).length;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(merchant.answer(path, n));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  merchant.url = `http://127.0.0.1:${port}`;
  return merchant;
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export interface PageForm {
  id?: string;
  action: string;
  fields: Record<string, string>;
  /** Submit buttons as name=value (or just their text when unnamed). */
  buttons: Array<{ name?: string; value?: string; text: string }>;
  radios: Array<{ name: string; value: string; checked: boolean }>;
}

/** The forms of a page, with their hidden fields, submit buttons and radios. */
export function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const attrs = m[1]!;
    const inner = m[2]!;
    const fields = Object.fromEntries(
      [...inner.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((i) => [unescape(i[1]!), unescape(i[2]!)]),
    );
    const buttons = [...inner.matchAll(/<button type="submit"([^>]*)>([\s\S]*?)<\/button>/g)].map((b) => ({
      name: /name="([^"]*)"/.exec(b[1]!)?.[1],
      value: /value="([^"]*)"/.exec(b[1]!)?.[1],
      text: b[2]!.replace(/<[^>]+>/g, '').trim(),
    }));
    const radios = [...inner.matchAll(/<input type="radio" name="([^"]*)" value="([^"]*)"( checked)?>/g)].map((r) => ({
      name: r[1]!,
      value: unescape(r[2]!),
      checked: !!r[3],
    }));
    return { id: /id="([^"]*)"/.exec(attrs)?.[1], action: unescape(/action="([^"]*)"/.exec(attrs)?.[1] ?? ''), fields, buttons, radios };
  });
}

/** Text of an element marked `data-field="name"`. */
export function fieldOnPage(html: string, name: string): string | undefined {
  const m = new RegExp(`data-field="${name}">([^<]*)<`).exec(html);
  return m ? unescape(m[1]!) : undefined;
}

/** Posts a urlencoded form, as a browser or a merchant server does, and returns the answer's text. */
export async function postForm(url: string, fields: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, text: await res.text() };
}

export interface RunningSimulator {
  /** Base URL of ECPay's paths (the simulator's prefix included). */
  url: string;
  close(): Promise<void>;
}

/** The simulator on its own Fastify server under `/_sim/ecpay`, notifications re-sent quickly. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const app = Fastify();
  await app.register(ecpaySimulator, {
    prefix: '/_sim/ecpay',
    notifications: { intervalMs: 40, maxAttempts: 4, timeoutMs: 2000 },
    ...opts,
  });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${port}/_sim/ecpay`, close: () => app.close() };
}

/** What the controls show of a trade (the fields tests read). */
export interface TradeView {
  status: string;
  tradeNo: string;
  amount: number;
  card: { state: string; closed: number; refunded: number } | null;
  deliveries: Delivery[];
}

/**
 * A shopper and a shop around a running simulator: make orders, open the cashier, press its
 * buttons, read what the shop was told. `env` is read lazily (the servers start in beforeAll).
 */
export function createShopper(env: () => { sim: RunningSimulator; shop: Merchant }) {
  let serial = 0;
  /** A fresh MerchantTradeNo per attempt, as a shop must make. */
  const tradeNo = (tag: string) => `${tag}${Date.now().toString(36)}${(serial++).toString(36)}`.toUpperCase().slice(0, 20);

  const order = (tag: string, more: Partial<AioCheckoutInput> = {}): AioCheckoutInput => ({
    merchantTradeNo: tradeNo(tag),
    tradeDate: new Date(),
    totalAmount: 1280,
    tradeDesc: '測試商店訂單',
    itemNames: ['咖啡豆 200g x1', '濾掛 10入 x2'],
    returnUrl: `${env().shop.url}/return`,
    choosePayment: 'Credit',
    ...more,
  });

  const checkout = async (fields: Record<string, string>) => (await postForm(`${env().sim.url}/Cashier/AioCheckOut/V5`, fields)).text;
  const open = (input: AioCheckoutInput) => checkout(buildAioCheckout(input, STAGE_AIO).fields);

  /** Presses a submit button of the page's form that posts to `step` (with the checked radios). */
  async function press(html: string, step: string, button: string, extra: Record<string, string> = {}): Promise<string> {
    const form = formsOf(html).find((f) => f.action.endsWith(step));
    expect(form, `a form posting to ${step}`).toBeDefined();
    const b = form!.buttons.find((x) => x.text === button);
    expect(b, `a button “${button}”`).toBeDefined();
    const radios = Object.fromEntries(form!.radios.filter((r) => r.checked).map((r) => [r.name, r.value]));
    const fields = { ...form!.fields, ...radios, ...(b!.name ? { [b!.name]: b!.value ?? '' } : {}), ...extra };
    return (await postForm(new URL(form!.action, `${env().sim.url}/`).toString(), fields)).text;
  }

  const errorCode = (html: string) => /data-error="([^"]*)"/.exec(html)?.[1];
  const notices = (path: string, merchantTradeNo: string) =>
    env()
      .shop.on(path)
      .filter((r) => r.fields.MerchantTradeNo === merchantTradeNo);
  const result = (fields: Record<string, string>): PaymentResult => {
    const parsed = parsePaymentResult(fields, STAGE_AIO);
    if (!parsed.ok) throw new Error(`${parsed.error}: ${parsed.detail}`);
    return parsed.notification;
  };
  const control = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const res = await fetch(`${env().sim.url}/_controls${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const tradeView = async (merchantTradeNo: string) =>
    (await control('GET', `/trades/${STAGE_AIO.merchantId}/${merchantTradeNo}`)).json as unknown as TradeView;
  /** Opens a card order and pays it; the trade's number and ECPay's TradeNo. */
  const paidByCard = async (tag: string, more: Partial<AioCheckoutInput> = {}) => {
    const input = order(tag, more);
    const html = await press(await open(input), '/SimCashier/pay', '付款成功');
    expect(html).toContain('data-result="paid"');
    return { input, tradeNo: (await tradeView(input.merchantTradeNo)).tradeNo };
  };

  return { order, checkout, open, press, errorCode, notices, result, control, tradeView, paidByCard };
}
