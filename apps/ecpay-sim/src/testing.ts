// Test kit for the simulator's HTTP tests: ports below 32768, a merchant that records what ECPay
// posts to it, and a browser stand-in that reads and posts the simulator's forms.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { randomInt } from 'node:crypto';
import Fastify from 'fastify';
import { ecpaySimulator, type SimulatorOptions } from './index.js';

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
