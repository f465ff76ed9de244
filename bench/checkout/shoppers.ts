// `child('bench/checkout/shoppers.ts', options)`: `concurrency` shoppers, each placing the next
// prepared order (its own cart's cookie, order id and form) as soon as its last one was answered,
// until `duration` seconds have passed or the orders run out. Prints one JSON line.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { readOptions } from '../lib/child.js';
import { outcome, quantile, request } from './http.js';

export interface PreparedOrder {
  cookie: string;
  body: string;
}
export interface ShoppersOptions {
  base: string;
  concurrency: number;
  duration: number;
  orders: PreparedOrder[];
}
export interface ShoppersResult {
  placed: number;
  /** Answers by status (and problem code). */
  outcomes: Record<string, number>;
  /** From the first request to the last answer, s. */
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  /** True when every prepared order was sent before the deadline. */
  ranOut: boolean;
}

const o = await readOptions<ShoppersOptions>();
const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
const latencies: number[] = [];
const outcomes: Record<string, number> = {};
let next = 0;
const t0 = performance.now();
const deadline = t0 + o.duration * 1000;
await Promise.all(
  Array.from({ length: o.concurrency }, async () => {
    while (performance.now() < deadline && next < o.orders.length) {
      const order = o.orders[next++]!;
      const t = performance.now();
      const a = await request(agent, `${o.base}/api/checkout`, {
        method: 'POST',
        headers: { cookie: order.cookie, 'content-type': 'application/json', origin: o.base, 'idempotency-key': `bench-${next}` },
        body: order.body,
      }).catch((err: Error) => ({ status: 0, body: err.message, headers: {} }));
      latencies.push(performance.now() - t);
      const k = a.status === 0 ? 'error' : outcome(a);
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const result: ShoppersResult = {
  placed: outcomes['201'] ?? 0,
  outcomes,
  seconds,
  p50: quantile(latencies, 0.5),
  p95: quantile(latencies, 0.95),
  p99: quantile(latencies, 0.99),
  ranOut: next >= o.orders.length,
};
agent.destroy();
process.stdout.write(`${JSON.stringify(result)}\n`);
