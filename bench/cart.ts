// `npm run bench:cart [-- --products=100000 --carts=10000 --duration=10 --warmup=3 --connections=50 --port=23220 --rebuild]`
//
// The cart benchmark. On the benchmark catalog (bench/catalog/load.ts, N products, database
// `shop_bench_cart`, reused between runs like the catalog bench's) with plentiful stock, it creates
// `--carts` guest carts of 1–3 lines through the cart module's own `addItem` (the service the route
// calls), then measures with autocannon (own process), each request carrying another cart's
// `cart_token` cookie:
// (a) reads: GET /api/cart, each answer the cart priced again;
// (b) adds: POST /api/cart/items, 1 unit of one of the cart's three variants (round-robin over every
//     cart × variant pair, so no line nears the 99-unit cap);
// (c) the ceiling, same server process, same plugins: GET /api/bench/one-row, one row read by primary
//     key (a priced cart body, keyed by the cart's token) and sent as it is; run before (a) and after
//     (b), its figures the mean of both.
// Prints each figure beside the ceiling's, the ratio, the targets (reads ≥ 0.5 ×, adds ≥ 0.3 × the
// ceiling's requests/s), the server's RSS, and where a target is missed the SQL statements and server
// CPU per request; writes JSON to bench/results/.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig, repoRoot } from '../apps/api/src/config.js';
import { executePrepared } from '../apps/api/src/db/pg.js';
import { CART_COOKIE, cartRoutes, getCart, type CartDeps } from '../apps/api/src/modules/cart/index.js';
import { seedDefaultShippingMethods } from '../apps/api/src/modules/shipping/index.js';
import { systemClock } from '../apps/api/src/platform/clock.js';
import { withTx } from '../apps/api/src/platform/tx.js';
import { hashToken, insertGuestCart, insertItem } from './cart/internals.js';
import type { CannonOptions, CannonRequest, CannonResult } from './lib/cannon.js';
import { ensureCatalog } from './lib/catalog-data.js';
import { child } from './lib/child.js';
import { openBenchDatabase } from './lib/db.js';
import { benchServer } from './lib/server.js';
import { formatFigures, type FigureRow } from './lib/table.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const num = (name: string, d: number) => (opt(name) === undefined ? d : Number(opt(name)));
const o = {
  products: num('products', 100_000),
  carts: num('carts', 10_000),
  rebuild: args.includes('--rebuild'),
  durationSec: num('duration', 10),
  warmupSec: num('warmup', 3),
  connections: num('connections', 50),
  port: num('port', 23220),
};
const log = (m: string) => process.stderr.write(`${m}\n`);
const TARGETS = { reads: 0.5, adds: 0.3 };
/** Stock of every variant: no add may run short (a 409 would be the bench's fault). */
const ON_HAND = 1_000_000;
/** The variants a cart's lines and adds rotate among. */
const PER_CART = 3;

// ---------- database ----------
const bench = await openBenchDatabase(process.env, log, { name: 'shop_bench_cart', dir: 'bench-cart' });
log(`database: ${bench.label}`);
process.on('uncaughtException', (err) => {
  console.error(err);
  void bench.close().finally(() => process.exit(1));
});
process.on('unhandledRejection', (err) => {
  console.error(err);
  void bench.close().finally(() => process.exit(1));
});
const { load, reused } = await ensureCatalog(bench, o, log);
if (o.products < 1 || o.carts < 1 || o.carts * PER_CART > load.variants)
  throw new Error(`--carts × ${PER_CART} must not exceed the ${load.variants} variants`);

// What a running shop has beside its catalog: the default shipping methods (as the API's start adds
// them) and stock. Stock rows go in with SQL, as the catalog's rows do (the inventory module's
// writes are staff use cases, one variant or one CSV at a time).
await seedDefaultShippingMethods(bench.db);
const t0 = performance.now();
await bench.pool.query(
  `INSERT INTO stock_levels (variant_id, product_id, on_hand, reserved)
   SELECT id, product_id, $1, 0 FROM variants
   ON CONFLICT (variant_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = 0, unlimited = false
   WHERE stock_levels.on_hand <> excluded.on_hand OR stock_levels.reserved <> 0 OR stock_levels.unlimited`,
  [ON_HAND],
);
log(`stock: ${ON_HAND.toLocaleString('en')} units of every variant (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
// The previous run's carts go: each run starts from `--carts` fresh ones.
await bench.pool.query(`TRUNCATE carts, cart_items`);
await bench.pool.query(`DROP TABLE IF EXISTS bench_cart_bodies`);
await bench.pool.query(`CREATE UNLOGGED TABLE bench_cart_bodies (token text PRIMARY KEY, body text NOT NULL)`);

// ---------- carts ----------
// Each cart owns three variants of its own (products on the shelf, spread over the catalog); it
// starts with lines of the first 1, 2 or 3. The carts and lines are written by the cart module's own
// repository (the rows addItem writes, in one transaction per 250 carts, four at a time): making them
// one addItem at a time, each answered with the cart priced, would take longer than the measurement.
const { rows: picked } = await bench.pool.query<{ id: string; product_id: string; price_minor: number }>(
  `SELECT v.id, v.product_id, v.price_minor FROM variants v JOIN products p ON p.id = v.product_id
   WHERE v.status = 'active' AND p.status = 'on_shelf' AND p.deleted_at IS NULL
   ORDER BY md5(v.id::text) LIMIT $1`,
  [o.carts * PER_CART],
);
const deps: CartDeps = { db: bench.db, clock: systemClock };
interface BenchCart {
  token: string;
  variants: string[];
}
const carts: BenchCart[] = Array.from({ length: o.carts }, (_, k) => ({
  token: randomBytes(32).toString('base64url'),
  variants: picked.slice(k * PER_CART, (k + 1) * PER_CART).map((r) => r.id),
}));
let t = performance.now();
let lines = 0;
const BATCH = 250;
let nextBatch = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let b = nextBatch++; b * BATCH < o.carts; b = nextBatch++) {
      await withTx(bench.db, async (tx) => {
        for (let k = b * BATCH; k < Math.min(o.carts, (b + 1) * BATCH); k++) {
          const cart = await insertGuestCart(tx, hashToken(carts[k]!.token));
          for (const v of picked.slice(k * PER_CART, k * PER_CART + 1 + (k % PER_CART))) {
            await insertItem(tx, {
              cartId: cart.id,
              variantId: v.id,
              productId: v.product_id,
              quantity: 1,
              unitPriceWhenAdded: v.price_minor,
              addOnOf: null,
            });
            lines++;
          }
        }
      });
    }
  }),
);
const createSec = (performance.now() - t) / 1000;
log(`${o.carts} guest carts, ${lines} lines, written through the cart repository in ${createSec.toFixed(1)} s`);

// The ceiling's rows: each cart's token with a priced cart body as GET /api/cart answers it (from
// getCart; past the first 999 carts, the body of the cart among them with as many lines).
t = performance.now();
const SAMPLE = Math.min(o.carts, 999);
const sampled: string[] = [];
let nextSample = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let k = nextSample++; k < SAMPLE; k = nextSample++)
      sampled[k] = JSON.stringify((await getCart(deps, { userId: null, guestToken: carts[k]!.token })).cart);
  }),
);
for (let k = 0; k < o.carts; k += 1000)
  await bench.pool.query(`INSERT INTO bench_cart_bodies SELECT * FROM unnest($1::text[], $2::text[])`, [
    carts.slice(k, k + 1000).map((c) => c.token),
    carts.slice(k, k + 1000).map((_, i) => sampled[(k + i) % SAMPLE]!),
  ]);
await bench.pool.query(`VACUUM ANALYZE carts, cart_items, stock_levels, bench_cart_bodies`);
log(`ceiling rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// A restarted database starts with cold buffers; a shop's hot tables are in memory.
try {
  await bench.pool.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
  for (const rel of ['variants', 'variants_pkey', 'products', 'products_pkey', 'product_categories', 'product_images', 'categories'])
    await bench.pool.query(`SELECT pg_prewarm($1)`, [rel]).catch(() => undefined);
} catch (err) {
  log(`no prewarm (${(err as Error).message}): the warm-up reads from disk`);
}

// ---------- server ----------
// Queries sent, over every connection (drizzle and executePrepared both end in Client.query).
let queries = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  queries++;
  return (clientQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof pg.Client.prototype.query;

const config = loadConfig({ DATA_DIR: path.join(repoRoot, '.data-test/bench-cart-app'), DATABASE_URL: bench.url, LOG_LEVEL: 'warn' }, []);
const app = await benchServer(bench.db, async (api) => {
  await api.register(cartRoutes, { deps, config });
  // The ceiling: the same server, plugins and cookie, one row read by primary key, sent as stored.
  api.get('/bench/one-row', { schema: { hide: true } }, async (req, reply) => {
    const token = req.cookies[CART_COOKIE] ?? '';
    const [row] = await executePrepared<{ body: string }>(bench.db, sql`SELECT body FROM bench_cart_bodies WHERE token = ${token}`);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(row?.body ?? '{}');
  });
});
// Requests in flight and answered: a phase ends when the server has answered what autocannon sent
// (a load generator stops sending at the deadline, the server still works off what it received).
let inFlight = 0;
let served = 0;
app.addHook('onRequest', (_req, reply, done) => {
  inFlight++;
  // once, whether the answer was sent or the client went away first
  reply.raw.once('close', () => {
    inFlight--;
    served++;
  });
  done();
});
/** No request open and no statement running or queued (a handler may outlive its closed connection). */
async function idle() {
  const quiet = () => inFlight === 0 && bench.pool.waitingCount === 0 && bench.pool.idleCount === bench.pool.totalCount;
  for (let k = 0; k < 600; k++) {
    if (quiet()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (quiet()) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
await app.listen({ port: o.port, host: '127.0.0.1' });
const BASE = `http://127.0.0.1:${o.port}`;

// ---------- requests ----------
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const cookie = (c: BenchCart) => ({ cookie: `${CART_COOKIE}=${c.token}` });
const readRequests: CannonRequest[] = shuffled(carts, 1).map((c) => ({ path: '/api/cart', headers: cookie(c) }));
const ceilingRequests: CannonRequest[] = shuffled(carts, 2).map((c) => ({ path: '/api/bench/one-row', headers: cookie(c) }));
// every cart × one of its variants once per round, in random order: each line gains about
// (adds / (carts × 3)) units over the run
const addRequests: CannonRequest[] = shuffled(
  carts.flatMap((c) => c.variants.map((variantId) => ({ c, variantId }))),
  3,
).map(({ c, variantId }) => ({
  path: '/api/cart/items',
  method: 'POST',
  // as a browser posts it from the shop's page
  headers: { ...cookie(c), 'content-type': 'application/json', origin: BASE },
  body: JSON.stringify({ variantId, quantity: 1 }),
}));

interface Phase extends CannonResult {
  /** Server process CPU (user + system) per request, µs. */
  cpuUsPerReq: number;
  /** The server's event-loop utilisation over the phase (1 = never idle). */
  elu: number;
  queriesPerReq: number;
}
async function phase(name: string, requests: CannonRequest[], duration: number): Promise<Phase> {
  log(`${name}: ${duration} s, ${o.connections} connections`);
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const q0 = queries;
  const s0 = served;
  const r = await child<CannonResult>(path.join(here, 'lib', 'cannon.ts'), {
    base: BASE,
    connections: o.connections,
    duration,
    requests,
  } satisfies CannonOptions);
  const busy = performance.eventLoopUtilization(elu).utilization;
  await idle();
  // per request answered, those answered after the deadline included
  const used = process.cpuUsage(cpu);
  const n = served - s0;
  return {
    ...r,
    cpuUsPerReq: n ? (used.user + used.system) / n : 0,
    elu: busy,
    queriesPerReq: n ? (queries - q0) / n : 0,
  };
}

const loadAtStart = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
if (o.warmupSec > 0) {
  for (const [name, reqs] of [
    ['reads', readRequests],
    ['adds', addRequests],
    ['ceiling', ceilingRequests],
  ] as const)
    await phase(`warm-up ${name}`, reqs, o.warmupSec);
}
// The ceiling before and after the two (a shared machine's load drifts): its figures are the mean of both.
const before = await phase('ceiling (before)', ceilingRequests, o.durationSec);
const reads = await phase('reads', readRequests, o.durationSec);
const adds = await phase('adds', addRequests, o.durationSec);
const after = await phase('ceiling (after)', ceilingRequests, o.durationSec);
const mean = (k: 'rps' | 'p50' | 'p97_5' | 'p99' | 'elu') => (before[k] + after[k]) / 2;
const perReq = (k: 'cpuUsPerReq' | 'queriesPerReq') => (before[k] * before.total + after[k] * after.total) / (before.total + after.total);
const ceiling: Phase = {
  rps: mean('rps'),
  p50: mean('p50'),
  p97_5: mean('p97_5'),
  p99: mean('p99'),
  elu: mean('elu'),
  errors: before.errors + after.errors,
  non2xx: before.non2xx + after.non2xx,
  statuses: Object.fromEntries(
    [...new Set([...Object.keys(before.statuses), ...Object.keys(after.statuses)])].map((k) => [
      k,
      (before.statuses[k] ?? 0) + (after.statuses[k] ?? 0),
    ]),
  ),
  total: before.total + after.total,
  cpuUsPerReq: perReq('cpuUsPerReq'),
  queriesPerReq: perReq('queriesPerReq'),
};
const rss = process.memoryUsage();
const { rows: maxLine } = await bench.pool.query<{ q: number; lines: number }>(
  `SELECT coalesce(max(quantity), 0)::int AS q, count(*)::int AS lines FROM cart_items`,
);

// ---------- one request at a time: the SQL statements of each kind ----------
// (the statement count per request, with its texts, from single requests after the load)
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  queries++;
  const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string } | undefined)?.text;
  if (trace) trace.push((text ?? '?').replace(/\s+/g, ' ').slice(0, 110));
  return (clientQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof pg.Client.prototype.query;
let trace: string[] | undefined;
async function traced(req: CannonRequest): Promise<{ statements: string[]; ms: number }> {
  trace = [];
  const t0 = performance.now();
  const res = await fetch(BASE + req.path, {
    method: req.method ?? 'GET',
    headers: req.headers,
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  const statements = trace;
  trace = undefined;
  if (!res.ok) throw new Error(`${req.method ?? 'GET'} ${req.path}: ${res.status}`);
  return { statements, ms };
}
const sample = async (reqs: CannonRequest[]) => {
  const runs = [];
  for (const r of reqs.slice(0, 50)) runs.push(await traced(r));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { statements: runs[0]!.statements, median: ms[Math.floor(ms.length / 2)]! };
};
const readSql = await sample(readRequests);
const addSql = await sample(addRequests.slice(-50));
const ceilingSql = await sample(ceilingRequests);
await app.close();
await bench.close();

// ---------- table ----------
const rows: FigureRow[] = [];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
for (const [name, p, target] of [
  ['reads', reads, TARGETS.reads],
  ['adds', adds, TARGETS.adds],
] as const) {
  const ratio = p.rps / ceiling.rps;
  rows.push({
    scenario: `${name}.rps`,
    figure: Math.round(p.rps),
    unit: 'req/s',
    ceiling: Math.round(ceiling.rps),
    ratio: round(ratio, 3),
    target: `≥ ${target} × ceiling`,
    ok: ratio >= target,
  });
  for (const [k, label] of [
    ['p50', 'p50'],
    ['p97_5', 'p97.5'],
    ['p99', 'p99'],
  ] as const)
    rows.push({
      scenario: `${name}.${label}`,
      figure: p[k],
      unit: 'ms',
      ceiling: ceiling[k],
      ratio: round(p[k] / Math.max(ceiling[k], 1e-9), 1),
    });
  rows.push({ scenario: `${name}.errors`, figure: p.errors, unit: 'count', ceiling: ceiling.errors, target: '0', ok: p.errors === 0 });
  rows.push({ scenario: `${name}.non2xx`, figure: p.non2xx, unit: 'count', ceiling: ceiling.non2xx, target: '0', ok: p.non2xx === 0 });
  rows.push({
    scenario: `${name}.sql_per_request`,
    figure: round(p.queriesPerReq, 1),
    unit: 'statements',
    ceiling: round(ceiling.queriesPerReq, 1),
  });
  rows.push({
    scenario: `${name}.server_cpu_per_request`,
    figure: Math.round(p.cpuUsPerReq),
    unit: 'µs',
    ceiling: Math.round(ceiling.cpuUsPerReq),
    ratio: round(p.cpuUsPerReq / ceiling.cpuUsPerReq, 1),
  });
  rows.push({ scenario: `${name}.server_event_loop_busy`, figure: round(p.elu), unit: 'share', ceiling: round(ceiling.elu) });
}
rows.push({ scenario: 'ceiling.rps_before', figure: Math.round(before.rps), unit: 'req/s' });
rows.push({ scenario: 'ceiling.rps_after', figure: Math.round(after.rps), unit: 'req/s' });
rows.push({ scenario: 'server.rss_after_run', figure: Math.round(rss.rss / 2 ** 20), unit: 'MiB' });
rows.push({ scenario: 'server.heap_used_after_run', figure: Math.round(rss.heapUsed / 2 ** 20), unit: 'MiB' });
rows.push({ scenario: 'carts.lines_after_run', figure: maxLine[0]!.lines, unit: 'lines' });
rows.push({ scenario: 'carts.max_line_quantity_after_run', figure: maxLine[0]!.q, unit: 'units', target: '≤ 99', ok: maxLine[0]!.q <= 99 });
rows.push({ scenario: reused ? 'load.total (earlier run)' : 'load.total', figure: load.seconds.total, unit: 's' });
rows.push({ scenario: 'carts.create', figure: round(createSec, 1), unit: 's' });

console.log(
  `\ncart benchmark: ${o.products.toLocaleString('en')} products (${load.variants.toLocaleString('en')} variants), ${o.carts.toLocaleString('en')} guest carts (${lines.toLocaleString('en')} lines), ${bench.label}`,
);
console.log(
  `machine: ${os.cpus().length} cores, load average ${loadAtStart} at the start of the measurement, ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} at its end`,
);
console.log(
  `autocannon in its own process, ${o.connections} connections, ${o.durationSec} s per phase after ${o.warmupSec} s of warm-up each; every request carries another cart's cookie`,
);
console.log(
  'ceiling: GET /api/bench/one-row on the same server and plugins: one primary-key row read (the cart’s priced body by its token), sent as stored',
);
for (const line of formatFigures(rows)) console.log(line);
const statuses = (p: Phase) =>
  Object.entries(p.statuses)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
console.log(`\nstatuses: reads ${statuses(reads)}; adds ${statuses(adds)}; ceiling ${statuses(ceiling)}`);
const missed = rows.some((r) => r.ok === false);
const listing = (name: string, s: { statements: string[]; median: number }) =>
  `${name}: ${s.statements.length} statements, ${round(s.median)} ms median alone\n${s.statements.map((x) => `  ${x}`).join('\n')}`;
const profile = [listing('GET /api/cart', readSql), listing('POST /api/cart/items', addSql), listing('GET /api/bench/one-row', ceilingSql)];
if (missed) console.log(`\none request at a time (after the run):\n${profile.join('\n')}`);

await mkdir(path.join(here, 'results'), { recursive: true });
const file = path.join(here, 'results', `cart-${new Date().toISOString().replaceAll(':', '-')}.json`);
await writeFile(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      database: bench.label,
      options: o,
      results: rows,
      phases: { ceilingBefore: before, reads, adds, ceilingAfter: after },
      statements: { read: readSql, add: addSql, ceiling: ceilingSql },
    },
    null,
    2,
  ),
);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
process.exit(0);
