// `child('bench/checkout/stock-ceiling.ts', options)`: the flash sale's ceiling. `connections`
// connections send only the inventory module's conditional stock UPDATE (as captured from a
// checkout, each its own transaction) for one unit of one row until it answers no row (sold out).
// Prints one JSON line: units taken and when the last one was.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { readOptions } from '../lib/child.js';

export interface StockCeilingOptions {
  url: string;
  connections: number;
  sql: string;
  params: (string | null)[];
}
export interface StockCeilingResult {
  units: number;
  sellOutMs: number;
}

const o = await readOptions<StockCeilingOptions>();
const clients = await Promise.all(
  Array.from({ length: o.connections }, async () => {
    const c = new pg.Client({ connectionString: o.url, application_name: 'bench-stock-ceiling' });
    await c.connect();
    return c;
  }),
);
let units = 0;
let last = 0;
const t0 = performance.now();
await Promise.all(
  clients.map(async (c) => {
    for (;;) {
      const r = await c.query(o.sql, o.params);
      if (!r.rowCount) return;
      units++;
      last = performance.now() - t0;
    }
  }),
);
await Promise.all(clients.map((c) => c.end()));
const result: StockCeilingResult = { units, sellOutMs: last };
process.stdout.write(`${JSON.stringify(result)}\n`);
