// `child('bench/checkout/flash.ts', options)`: every prepared order sent at once (one connection
// each), then waits for every answer. A shopper whose checkout failed on the server's side (5xx,
// or no answer) sends the same request again, same Idempotency-Key, after 50–150 ms, up to
// `maxTries` times in all, as a shop's page would; the key makes that safe. Prints one JSON line:
// when the sales were answered, what the others were told.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { readOptions } from '../lib/child.js';
import { outcome, quantile, request, type Answer } from './http.js';
import type { PreparedOrder } from './shoppers.js';

export interface FlashOptions {
  base: string;
  orders: PreparedOrder[];
  maxTries: number;
}
export interface FlashResult {
  placed: number;
  /** Final answers, by status and problem code. */
  outcomes: Record<string, number>;
  /** Answers that were tried again, by status and problem code. */
  retried: Record<string, number>;
  /** From the first request sent to the last sale answered, ms. */
  sellOutMs: number;
  /** From the first request sent to the last answer of all, ms. */
  allAnsweredMs: number;
  /** Of the final answers, from the first request sent. */
  p50: number;
  p99: number;
}

const o = await readOptions<FlashOptions>();
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const outcomes: Record<string, number> = {};
const retried: Record<string, number> = {};
const sold: number[] = [];
const all: number[] = [];
const t0 = performance.now();
await Promise.all(
  o.orders.map(async (order, i) => {
    for (let tries = 1; ; tries++) {
      const a: Answer = await request(agent, `${o.base}/api/checkout`, {
        method: 'POST',
        headers: { cookie: order.cookie, 'content-type': 'application/json', origin: o.base, 'idempotency-key': `flash-${i}` },
        body: order.body,
      }).catch((err: Error) => ({ status: 0, body: err.message, headers: {} }));
      const k = a.status === 0 ? 'no answer' : outcome(a);
      if ((a.status === 0 || a.status >= 500) && tries < o.maxTries) {
        retried[k] = (retried[k] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
        continue;
      }
      const t = performance.now() - t0;
      all.push(t);
      if (a.status === 201) sold.push(t);
      outcomes[k] = (outcomes[k] ?? 0) + 1;
      return;
    }
  }),
);
all.sort((a, b) => a - b);
const result: FlashResult = {
  placed: sold.length,
  outcomes,
  retried,
  sellOutMs: Math.max(0, ...sold),
  allAnsweredMs: all.at(-1) ?? 0,
  p50: quantile(all, 0.5),
  p99: quantile(all, 0.99),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
