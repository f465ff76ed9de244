// `child('bench/checkout/sequential.ts', options)`: one shopper, one request at a time, `orders`
// times: a new guest adds 1 unit (POST /api/cart/items, which sets the cart cookie), takes the
// checkout form's order id (GET /api/checkout/session) and places the order (POST /api/checkout)
// for the total the cart answered plus the chosen method's shipping. Prints one JSON line.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { readOptions } from '../lib/child.js';
import { outcome, quantile, request } from './http.js';

export interface SequentialOptions {
  base: string;
  orders: number;
  variants: string[];
  /** The checkout form without orderId and expected. */
  form: Record<string, unknown> & { shippingMethodId: string };
}
interface Figures {
  p50: number;
  p95: number;
}
export interface SequentialResult {
  placed: number;
  outcomes: Record<string, number>;
  add: Figures;
  session: Figures;
  checkout: Figures;
  /** add → session → checkout */
  flow: Figures;
}

const o = await readOptions<SequentialOptions>();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = { add: [] as number[], session: [] as number[], checkout: [] as number[], flow: [] as number[] };
const outcomes: Record<string, number> = {};
const json = { 'content-type': 'application/json', origin: o.base };
for (let i = 0; i < o.orders; i++) {
  const t0 = performance.now();
  const added = await request(agent, `${o.base}/api/cart/items`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ variantId: o.variants[i % o.variants.length], quantity: 1 }),
  });
  const t1 = performance.now();
  if (added.status !== 200) throw new Error(`add: ${added.status} ${added.body}`);
  const setCookie = ([] as string[]).concat(added.headers['set-cookie'] ?? []).find((c) => c.startsWith('cart_token='));
  const cookie = setCookie!.split(';')[0]!;
  const cart = JSON.parse(added.body) as { totals: { total: number }; shippingMethods: { id: string; total: number | null }[] };
  const shipping = cart.shippingMethods.find((m) => m.id === o.form.shippingMethodId)?.total ?? 0;
  const session = await request(agent, `${o.base}/api/checkout/session`, { method: 'GET', headers: { cookie } });
  const t2 = performance.now();
  if (session.status !== 200) throw new Error(`session: ${session.status} ${session.body}`);
  const { orderId } = JSON.parse(session.body) as { orderId: string };
  const placed = await request(agent, `${o.base}/api/checkout`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ ...o.form, orderId, expected: { total: cart.totals.total + shipping } }),
  });
  const t3 = performance.now();
  const k = outcome(placed);
  outcomes[k] = (outcomes[k] ?? 0) + 1;
  times.add.push(t1 - t0);
  times.session.push(t2 - t1);
  times.checkout.push(t3 - t2);
  times.flow.push(t3 - t0);
}
const figures = (xs: number[]): Figures => {
  xs.sort((a, b) => a - b);
  return { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) };
};
agent.destroy();
const result: SequentialResult = {
  placed: outcomes['201'] ?? 0,
  outcomes,
  add: figures(times.add),
  session: figures(times.session),
  checkout: figures(times.checkout),
  flow: figures(times.flow),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
