// The API listening on a free port with the ECPay simulator mounted beside it at `/_sim/ecpay`, as
// `npm start` mounts it: for tests that drive payments and refunds through real HTTP. (Modules never
// import the simulator; their tests reach it through this helper.)
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { ecpaySimulator } from '@shop/ecpay-sim';
import { createHarness, type Harness } from './harness.js';

/** A free TCP port below 32768. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + randomInt(12000);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
}

/**
 * The harness listening at `base` (its PUBLIC_URL), the simulator re-sending notices every 100 ms.
 * `queryToleranceSeconds`: how far a QueryTradeInfo TimeStamp may be from the simulator's clock (for
 * tests whose clock runs ahead of it).
 */
export async function createSimulatorHarness(opts: { queryToleranceSeconds?: number } = {}): Promise<{ h: Harness; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const h = await createHarness({
    env: { PUBLIC_URL: base },
    extend: async (app) => {
      await app.register(ecpaySimulator, {
        prefix: '/_sim/ecpay',
        ...(opts.queryToleranceSeconds ? { queryToleranceSeconds: opts.queryToleranceSeconds } : {}),
        notifications: { intervalMs: 100, maxAttempts: 5, timeoutMs: 5000 },
      });
    },
  });
  await h.app.listen({ port, host: '127.0.0.1' });
  return { h, base };
}

/** Polls `read` until it answers something other than undefined (the notices arrive on their own time). */
export async function eventually<T>(read: () => Promise<T | undefined>, what: string, tries = 300): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await read();
    if (v !== undefined) return v;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

/** The hidden fields of a page's form (the simulator's cashier pages, the result post). */
export const hiddenFields = (html: string) =>
  Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));

/** Posts a form as the buyer's browser does (to the cashier, its pages' buttons) and answers the page; anything but 200 fails. */
export async function browserPost(url: string, fields: Record<string, string>): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.text();
}
