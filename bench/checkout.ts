// `npm run bench:checkout [-- --duration=20 --warmup=3 --shoppers=32 --variants=1000 --flash-units=500
//   --flash-attempts=5000 --ceiling-connections=16 --sequential=200 --products=1000 --port=23230
//   --capture --pg-log=<path> --pgbench=<path> --rebuild]`
//
// The checkout benchmark, on real PostgreSQL: DATABASE_URL's server, else an embedded one under
// .data-test/bench-checkout (database `shop_bench_checkout`, on the benchmark catalog, reused like
// the other benches'). The API's cart and checkout routes run in this process (bench/lib/server.ts);
// every load client runs in a process of its own. Guest carts are written through the cart's own
// repository; each order's id comes from the checkout session (`checkoutSession`, what GET
// /api/checkout/session answers) and its form carries the total the cart answers.
// (a) spread: `--variants` variants with ample stock, `--shoppers` shoppers each placing one 2-line
//     order after another (POST /api/checkout, each from its own cart) for `--duration` s → orders/s,
//     p50/p99. Ceiling: pgbench, as many clients, running the statements one checkout issues
//     (bench/checkout/checkout.pgbench.sql, captured from the server's log; `--capture` makes it
//     again), before and after; its figures the mean of both.
// (b) flash sale: one variant with `--flash-units` units, `--flash-attempts` guest carts of 1 unit
//     each checking out at once → exactly that many orders (asserted), never a unit oversold, time to
//     sell out and units/s. A checkout the server failed (5xx) is sent again with the same key. Ceiling: `--ceiling-connections` connections sending only the
//     inventory's conditional stock UPDATE (as captured) for one unit of one row with as many units.
// (c) one shopper, one request at a time: add to cart → session → checkout, `--sequential` orders.
// (d) the server process's RSS idle (before any load) and after the run.
// Prints each figure beside its ceiling and the ratio, the targets (orders/s and units/s ≥ 0.5 × the
// ceiling), and where one is missed what bounds it; writes JSON to bench/results/.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import * as prettier from 'prettier';
import { loadConfig, repoRoot } from '../apps/api/src/config.js';
import { createDatabase, type Database } from '../apps/api/src/db/client.js';
import { createModuleContext } from '../apps/api/src/modules.js';
import { cartModule, CART_COOKIE, getCart, type CartDeps } from '../apps/api/src/modules/cart/index.js';
import { checkoutModule, checkoutSession, type CheckoutDeps } from '../apps/api/src/modules/checkout/index.js';
import { seedDefaultShippingMethods } from '../apps/api/src/modules/shipping/index.js';
import { systemClock } from '../apps/api/src/platform/clock.js';
import { withTx } from '../apps/api/src/platform/tx.js';
import { hashToken, insertGuestCart, insertItem } from './cart/internals.js';
import {
  findServerLog,
  logSize,
  parameterTypes,
  parseLog,
  pgbenchScript,
  readLog,
  uuidsMade,
  type OrderValues,
  type Statement,
} from './checkout/capture.js';
import type { FlashOptions, FlashResult } from './checkout/flash.js';
import type { SequentialOptions, SequentialResult } from './checkout/sequential.js';
import type { PreparedOrder, ShoppersOptions, ShoppersResult } from './checkout/shoppers.js';
import type { StockCeilingOptions, StockCeilingResult } from './checkout/stock-ceiling.js';
import { ensureCatalog } from './lib/catalog-data.js';
import { child } from './lib/child.js';
import { openBenchDatabase } from './lib/db.js';
import { benchServer } from './lib/server.js';
import { formatFigures, type FigureRow } from './lib/table.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const num = (name: string, d: number) => (opt(name) === undefined ? d : Number(opt(name)));
const o = {
  products: num('products', 1000),
  variants: num('variants', 1000),
  durationSec: num('duration', 20),
  warmupSec: num('warmup', 3),
  shoppers: num('shoppers', 32),
  flashUnits: num('flash-units', 500),
  flashAttempts: num('flash-attempts', 5000),
  /** A flash-sale checkout that failed on the server's side is sent again, up to this many times in all. */
  flashTries: num('flash-tries', 100),
  ceilingConnections: num('ceiling-connections', 16),
  sequential: num('sequential', 200),
  /** Orders prepared per second of the spread phase (each needs a cart of its own). */
  ordersPerSec: num('orders-per-second', 200),
  /** Carts made per second of each pgbench run. */
  pgbenchPerSec: num('pgbench-per-second', 1000),
  port: num('port', 23230),
  capture: args.includes('--capture'),
  rebuild: args.includes('--rebuild'),
  pgLog: opt('pg-log'),
  pgbench: opt('pgbench'),
};
const log = (m: string) => process.stderr.write(`${m}\n`);
const TARGETS = { spread: 0.5, flash: 0.5 };
const ON_HAND = 1_000_000;
const SCRIPT = path.join(here, 'checkout', 'checkout.pgbench.sql');
const STATEMENTS = path.join(here, 'checkout', 'checkout.statements.json');
const BUYER = { name: '王小明', mobile: '0912345678', email: 'buyer@example.tw' };
const HOME = { city: '臺北市', district: '中正區', zip: '100', line: '重慶南路一段122號' };
/**
 * The pgbench carts: `bench_c` numbers each client's orders (the run's base + client × SPAN + k);
 * cart n holds pair (n × 7919) mod pairs, so the clients do not walk the pairs in step.
 */
const SPAN = 100_003;
const cartIdSql = (n: string) => `('ffffffff-0000-4000-8000-' || lpad((${n})::text, 12, '0'))::uuid`;
const cartHashSql = (n: string) => `encode(sha256(('bench-checkout-' || (${n})::text)::bytea), 'hex')`;

// ---------- database ----------
const bench = await openBenchDatabase(process.env, log, { name: 'shop_bench_checkout', dir: 'bench-checkout' });
log(`database: ${bench.label}`);
for (const ev of ['uncaughtException', 'unhandledRejection'] as const)
  process.on(ev, (err) => {
    console.error(err);
    void bench.close().finally(() => process.exit(1));
  });
const { load, reused } = await ensureCatalog(bench, o, log);
await seedDefaultShippingMethods(bench.db);
const methodId = (await bench.pool.query<{ id: string }>(`SELECT id FROM shipping_methods WHERE code = 'tcat_home'`)).rows[0]!.id;
// Each run starts with no carts, orders, reservations or keys, and ample stock everywhere.
await bench.pool.query(
  `TRUNCATE carts, cart_items, orders, payments, stock_reservations, stock_movements, idempotency_keys, event_outbox, order_number_counters CASCADE`,
);
let t = performance.now();
await bench.pool.query(
  `INSERT INTO stock_levels (variant_id, product_id, on_hand, reserved)
   SELECT id, product_id, $1, 0 FROM variants
   ON CONFLICT (variant_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = 0, unlimited = false`,
  [ON_HAND],
);
log(`stock: ${ON_HAND.toLocaleString('en')} units of every variant (${((performance.now() - t) / 1000).toFixed(1)} s)`);

interface Variant {
  id: string;
  product_id: string;
  price_minor: number;
}
const { rows: picked } = await bench.pool.query<Variant>(
  `SELECT v.id, v.product_id, v.price_minor FROM variants v JOIN products p ON p.id = v.product_id
   WHERE v.status = 'active' AND p.status = 'on_shelf' AND p.deleted_at IS NULL
   ORDER BY md5(v.id::text) LIMIT $1`,
  [o.variants + 2],
);
if (picked.length < o.variants + 2)
  throw new Error(`the catalog has ${picked.length} variants for sale; --variants=${o.variants} needs 2 more`);
const spread = picked.slice(0, o.variants);
const flashVariant = picked[o.variants]!;
const ceilingVariant = picked[o.variants + 1]!;
// Pair k: variant k and another one, so every order has 2 lines spread over all the variants; the
// first of a pair has the lower id (the checkout locks stock rows in id order, so does the script).
const P = spread.length;
const pairs = spread.map((x, k) => {
  const y = spread[(k + 1 + ((k * 7919) % (P - 1))) % P]!;
  return x.id < y.id ? { a: x, b: y } : { a: y, b: x };
});
await bench.pool.query(`DROP TABLE IF EXISTS bench_checkout_pairs`);
await bench.pool.query(`CREATE TABLE bench_checkout_pairs (k int PRIMARY KEY, v1 uuid, p1 uuid, v2 uuid, p2 uuid)`);
await bench.pool.query(`INSERT INTO bench_checkout_pairs SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[])`, [
  pairs.map((_, k) => k),
  pairs.map((p) => p.a.id),
  pairs.map((p) => p.a.product_id),
  pairs.map((p) => p.b.id),
  pairs.map((p) => p.b.product_id),
]);

// ---------- the API ----------
let queries = 0;
/** Where the capture writes what the capture's connections send, when it records on the client side. */
let recorder: { clients: WeakSet<pg.Client>; on: boolean; statements: Statement[] } | undefined;
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue(v: unknown): unknown };
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  queries++;
  if (recorder?.on && recorder.clients.has(this)) {
    const q = a[0] as string | { text: string; values?: unknown[] };
    const values = (typeof q === 'string' ? undefined : q.values) ?? (Array.isArray(a[1]) ? (a[1] as unknown[]) : []);
    recorder.statements.push({
      sql: typeof q === 'string' ? q : q.text,
      // as the driver sends them (and the server logs them)
      params: values.map((v) => prepareValue(v) as string | null),
    });
  }
  return (clientQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof pg.Client.prototype.query;

const config = loadConfig(
  { DATA_DIR: path.join(repoRoot, '.data-test/bench-checkout-app'), DATABASE_URL: bench.url, LOG_LEVEL: 'warn' },
  [],
);
const linkKey = createHmac('sha256', 'bench-checkout-secret-bench-checkout-secret').update('shop:links:v1').digest();
const cartDeps: CartDeps = { db: bench.db, clock: systemClock };
const checkoutDeps: CheckoutDeps = { db: bench.db, clock: systemClock, config, linkKey };
/** The cart and checkout routes as app.ts wires them (module factories on a module context). */
function apiOn(database: Database) {
  const ctx = createModuleContext({ config, db: database.db, pool: database.pool, logger: pino({ level: 'warn' }), linkKey });
  // Server errors are counted (below) rather than logged: a flash sale makes thousands.
  return benchServer(
    database.db,
    async (api) => {
      for (const m of [cartModule(ctx), checkoutModule(ctx)]) for (const r of m.routes) await api.register(r);
    },
    { logLevel: 'silent' },
  );
}
const app = await apiOn(bench);
/** The messages of the errors that answered 5xx, by phase. */
const serverErrors: Record<string, Record<string, number>> = {};
let phaseName = 'setup';
const failures = new WeakMap<object, string>();
app.addHook('onError', (req, _reply, err, done) => {
  // a failed query's own message names the statement; its cause says what went wrong
  const cause = (err as { cause?: unknown }).cause;
  const m = cause instanceof Error ? `${cause.message} (${err.message.slice(0, 60)}…)` : err.message;
  failures.set(req, m.replace(/\s+/g, ' ').slice(0, 140));
  done();
});
app.addHook('onResponse', (req, reply, done) => {
  const m = failures.get(req);
  if (m !== undefined && reply.statusCode >= 500) {
    const byMessage = (serverErrors[phaseName] ??= {});
    byMessage[m] = (byMessage[m] ?? 0) + 1;
  }
  done();
});
let inFlight = 0;
app.addHook('onRequest', (_req, reply, done) => {
  inFlight++;
  reply.raw.once('close', () => inFlight--);
  done();
});
/** No request open and no statement running or queued. */
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
// The flash sale opens thousands of connections at once.
await app.listen({ port: o.port, host: '127.0.0.1', backlog: 8192 });
const BASE = `http://127.0.0.1:${o.port}`;
const rssIdle = process.memoryUsage().rss;

// ---------- carts ----------
interface Shopper {
  token: string;
  pair: number;
}
/** Guest carts written by the cart's own repository (one transaction per 250 carts, four at a time). */
async function makeCarts(lines: (k: number) => Variant[], count: number): Promise<Shopper[]> {
  const out: Shopper[] = Array.from({ length: count }, (_, k) => ({ token: randomBytes(32).toString('base64url'), pair: k % P }));
  const BATCH = 250;
  let nextBatch = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let b = nextBatch++; b * BATCH < count; b = nextBatch++) {
        await withTx(bench.db, async (tx) => {
          for (let k = b * BATCH; k < Math.min(count, (b + 1) * BATCH); k++) {
            const cart = await insertGuestCart(tx, hashToken(out[k]!.token));
            for (const v of lines(k))
              await insertItem(tx, {
                cartId: cart.id,
                variantId: v.id,
                productId: v.product_id,
                quantity: 1,
                unitPriceWhenAdded: v.price_minor,
                addOnOf: null,
              });
          }
        });
      }
    }),
  );
  return out;
}
/** What the cart answers the shopper: its total with home delivery (the form's `expected`). */
async function expectedTotal(s: Shopper): Promise<number> {
  const { cart } = await getCart(cartDeps, { userId: null, guestToken: s.token });
  return cart.totals.total + (cart.shippingMethods.find((m) => m.id === methodId)?.total ?? 0);
}
const form = { buyer: BUYER, shippingMethodId: methodId, address: HOME, paymentMethod: 'bank_transfer', acceptTerms: true };
const prepared = (s: Shopper, total: number): PreparedOrder => ({
  cookie: `${CART_COOKIE}=${s.token}`,
  body: JSON.stringify({
    ...form,
    orderId: checkoutSession(checkoutDeps, { userId: null, guestToken: s.token }).orderId,
    expected: { total },
  }),
});

t = performance.now();
const spreadCount = Math.ceil((o.warmupSec + o.durationSec) * o.ordersPerSec);
const spreadCarts = await makeCarts((k) => [pairs[k % P]!.a, pairs[k % P]!.b], spreadCount);
// the capture's order: two variants of two products
const capturePair = pairs.find((p) => p.a.product_id !== p.b.product_id)!;
const captureCart = (await makeCarts(() => [capturePair.a, capturePair.b], 1))[0]!;
// the expected total of each pair, from the first cart of each (carts k and k + P hold the same lines)
const pairTotal: number[] = [];
let nextPair = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let k = nextPair++; k < Math.min(P, spreadCount); k = nextPair++) pairTotal[k] = await expectedTotal(spreadCarts[k]!);
  }),
);
const spreadOrders = spreadCarts.map((s) => prepared(s, pairTotal[s.pair]!));
const flashCarts = await makeCarts(() => [flashVariant], o.flashAttempts);
const flashTotal = await expectedTotal(flashCarts[0]!);
const flashOrders = flashCarts.map((s) => prepared(s, flashTotal));
log(
  `${spreadCount.toLocaleString('en')} spread carts (2 lines) and ${o.flashAttempts.toLocaleString('en')} flash-sale carts (1 unit) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

// ---------- the SQL of one checkout, from the server's log ----------
const START = 'bench-checkout-capture-start';
const END = 'bench-checkout-capture-end';
interface Captured {
  at: string;
  /** Where the statements were read. */
  source: string;
  /** When the catalog the capture ran on was loaded: its brand and category ids are in the script. */
  catalogAt: string | null;
  statements: Statement[];
  values: { orderId: string; cartId: string; tokenHash: string; orderNumber: string; v1: string; v2: string; p1: string; p2: string };
}
async function capture(): Promise<Captured> {
  // The server's log, else (a server whose log no SQL function can read, as the embedded one's,
  // which its wrapper reads from the process) what the driver sends, the same texts and values.
  const file = await findServerLog(bench.pool, o.pgLog).catch((err: Error) => {
    log(`${err.message}; recording the statements on the client side instead`);
    return undefined;
  });
  // One connection that logs every statement it runs (a startup option: no other session logs).
  const u = new URL(bench.url);
  if (file) u.searchParams.set('options', '-c log_statement=all -c log_parameter_max_length=-1');
  const db = createDatabase({ url: u.toString(), max: 1, applicationName: 'bench-checkout-capture' });
  recorder = { clients: new WeakSet(), on: false, statements: [] };
  const clients = recorder.clients;
  db.pool.on('connect', (c) => clients.add(c));
  const api = await apiOn(db);
  const pid = (await db.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const from = file ? await logSize(bench.pool, file) : 0;
  const order = prepared(captureCart, await expectedTotal(captureCart));
  await db.pool.query(`SELECT '${START}'`);
  recorder.on = true;
  const res = await api.inject({
    method: 'POST',
    url: '/api/checkout',
    headers: {
      host: new URL(BASE).host,
      cookie: order.cookie,
      'content-type': 'application/json',
      origin: BASE,
      'idempotency-key': 'bench-capture',
    },
    payload: order.body,
  });
  recorder.on = false;
  await db.pool.query(`SELECT '${END}'`);
  await api.close();
  await db.close();
  if (res.statusCode !== 201) throw new Error(`capture: the checkout answered ${res.statusCode} ${res.body}`);
  let statements: Statement[] = recorder.statements;
  if (file) {
    statements = [];
    for (let k = 0; k < 50 && !statements.length; k++) {
      statements = parseLog(await readLog(bench.pool, file, from), pid, START, END);
      if (!statements.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!statements.length) throw new Error(`capture: no statements of session ${pid} in ${file}`);
  }
  recorder = undefined;
  const placed = res.json<{ order: { id: string; orderNumber: string } }>();
  const cartId = (
    await bench.pool.query<{ id: string }>(`SELECT id FROM carts WHERE guest_token_hash = $1`, [hashToken(captureCart.token)])
  ).rows[0]!.id;
  const pair = capturePair;
  const source = file ? `the server's log (${file})` : 'the driver (client side)';
  log(`captured ${statements.length} statements of one checkout from ${source}`);
  return {
    at: new Date().toISOString(),
    source,
    catalogAt: await catalogAt(),
    statements,
    values: {
      orderId: placed.order.id,
      cartId,
      tokenHash: hashToken(captureCart.token),
      orderNumber: placed.order.orderNumber,
      v1: pair.a.id,
      v2: pair.b.id,
      p1: pair.a.product_id,
      p2: pair.b.product_id,
    },
  };
}

async function writeScript(c: Captured) {
  const v = c.values;
  const second = Math.floor(Date.parse(c.at) / 1000);
  const values: OrderValues = {
    embedded: new Map([
      [v.orderId, 'bench_order_id'],
      [v.cartId, 'bench_cart_id'],
      [v.tokenHash, 'bench_cart_hash'],
      [v.orderNumber, 'bench_order_number'],
      [v.v1, 'bench_v1'],
      [v.v2, 'bench_v2'],
      // the products as the checkout sorts them (it takes their locks in id order)
      [v.p1 < v.p2 ? v.p1 : v.p2, 'bench_pa'],
      [v.p1 < v.p2 ? v.p2 : v.p1, 'bench_pb'],
    ]),
    exact: new Map(),
    constants: new Map([[methodId, 'bench_method']]),
  };
  // the second the order number is counted in (a parameter of its own)
  for (const s of c.statements)
    for (const p of s.params) if (p && /^\d{10}$/.test(p) && Math.abs(Number(p) - second) < 120) values.exact.set(p, 'bench_second');
  // a uuid the checkout made for this order is a fresh one per transaction; one it read stays
  const fresh = uuidsMade(c.statements).filter((u) => !values.embedded.has(u) && !values.constants.has(u));
  fresh.forEach((u, i) => values.embedded.set(u, `bench_u${i + 1}`));
  const types = await parameterTypes(bench.pool, c.statements);
  const setup = [
    '\\set bench_k :bench_k + 1',
    `\\set bench_c :bench_base + :client_id * ${SPAN} + :bench_k`,
    '\\set bench_pair (:bench_c * 7919) % :bench_pairs',
    [
      'SELECT gen_random_uuid() AS bench_order_id',
      ...fresh.map((_, i) => `gen_random_uuid() AS bench_u${i + 1}`),
      `${cartIdSql(':bench_c')} AS bench_cart_id`,
      `${cartHashSql(':bench_c')} AS bench_cart_hash`,
      `(1000000000000000000 + floor(random() * 8e18))::bigint AS bench_order_number`,
      'extract(epoch FROM now())::bigint AS bench_second',
      'p.v1 AS bench_v1, p.v2 AS bench_v2, least(p.p1, p.p2) AS bench_pa, greatest(p.p1, p.p2) AS bench_pb',
    ].join(', ') + ' FROM bench_checkout_pairs p WHERE p.k = :bench_pair \\gset',
  ];
  const header = [
    `The SQL statements one checkout issues (guest, 2 lines, home delivery, bank transfer), as the`,
    `server received them (npm run bench:checkout -- --capture), ${c.statements.length} statements, read from`,
    `${c.source}.`,
    `The values of one order are pgbench variables, set by the lines before the first statement:`,
    `fresh uuids for what the checkout creates, the cart, its two variants and their products in id`,
    `order (bench_c numbers each client's carts, made by the bench before the run), a random order`,
    `number and the current second.`,
    `Run with -M simple -D bench_base=<first cart number> -D bench_k=0 -D bench_pairs=<pairs>`,
    `-D bench_method=<shipping method id>; bench/checkout.ts does.`,
  ];
  await writeFile(SCRIPT, pgbenchScript(c.statements, types, values, setup, header));
  // formatted as the repository's files are (it is kept in it)
  const prettierOptions = (await prettier.resolveConfig(STATEMENTS)) ?? {};
  await writeFile(STATEMENTS, await prettier.format(JSON.stringify(c), { ...prettierOptions, parser: 'json' }));
  log(`wrote ${path.relative(process.cwd(), SCRIPT)} (${fresh.length} fresh uuids per order)`);
}
async function catalogAt(): Promise<string | null> {
  const { rows } = await bench.pool.query<{ at: string | null }>(`SELECT value->>'at' AS at FROM bench_meta WHERE key = 'catalog'`);
  return rows[0]?.at ?? null;
}
// The script names rows of the catalog it was captured on (a brand, categories): another catalog
// needs another capture.
const stale = !existsSync(STATEMENTS) || (JSON.parse(await readFile(STATEMENTS, 'utf8')) as Captured).catalogAt !== (await catalogAt());
if (stale && !o.capture) log('the pgbench script was captured on another catalog (or is missing): capturing it again');
if (o.capture || stale || !existsSync(SCRIPT)) await writeScript(await capture());
const captured = JSON.parse(await readFile(STATEMENTS, 'utf8')) as Captured;
/** The checkout's statements and the one that picks the order's values. */
const scriptStatements = captured.statements.length + 1;

// ---------- pgbench ----------
const pgbenchBin =
  o.pgbench ?? (spawnSync('which', ['pgbench'], { encoding: 'utf8' }).stdout.trim() || '/usr/lib/postgresql/15/bin/pgbench');
/** Carts for one pgbench run: per client, numbers base + client × SPAN + 1 … + perClient. */
async function pgbenchCarts(base: number, perClient: number) {
  for (let c = 0; c < o.shoppers; c++) {
    const from = base + c * SPAN + 1;
    const to = base + c * SPAN + perClient;
    // the rows insertGuestCart and insertItem write, in SQL (tens of thousands of carts)
    await bench.pool.query(
      `INSERT INTO carts (id, guest_token_hash) SELECT ${cartIdSql('n')}, ${cartHashSql('n')} FROM generate_series($1::int, $2::int) n`,
      [from, to],
    );
    await bench.pool.query(
      `INSERT INTO cart_items (cart_id, variant_id, product_id, quantity, unit_price_when_added, add_on_of)
       SELECT ${cartIdSql('n')}, l.v, l.p, 1, vv.price_minor, NULL
       FROM generate_series($1::int, $2::int) n
       JOIN bench_checkout_pairs pr ON pr.k = (n::bigint * 7919) % $3
       CROSS JOIN LATERAL (VALUES (pr.v1, pr.p1), (pr.v2, pr.p2)) l(v, p)
       JOIN variants vv ON vv.id = l.v`,
      [from, to, P],
    );
  }
}
interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  p50: number;
  p99: number;
  /** The most transactions one client ran (each needs a cart of its own). */
  maxPerClient: number;
  /** Mean latency of each statement of the script, ms, slowest first. */
  statements: { ms: number; sql: string }[];
}
async function runPgbench(base: number, duration: number): Promise<PgbenchResult> {
  const perClient = Math.ceil((duration * o.pgbenchPerSec) / o.shoppers);
  await pgbenchCarts(base, perClient);
  await bench.pool.query('VACUUM ANALYZE carts, cart_items');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-checkout-'));
  log(`pgbench: ${duration} s, ${o.shoppers} clients`);
  const out = await new Promise<string>((resolve, reject) => {
    const c = spawn(
      pgbenchBin,
      [
        '-n',
        '-M',
        'simple',
        '-c',
        String(o.shoppers),
        '-j',
        String(Math.min(o.shoppers, os.cpus().length)),
        '-T',
        String(duration),
        '-D',
        `bench_base=${base}`,
        '-D',
        'bench_k=0',
        '-D',
        `bench_pairs=${P}`,
        '-D',
        `bench_method=${methodId}`,
        '-r',
        '-l',
        `--log-prefix=${path.join(dir, 'tx')}`,
        '-f',
        SCRIPT,
        bench.url,
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let s = '';
    c.stdout.on('data', (d: Buffer) => (s += d.toString()));
    c.stderr.on('data', (d: Buffer) => (s += d.toString()));
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? resolve(s) : reject(new Error(`pgbench exited ${code}:\n${s}`))));
  });
  const latencies: number[] = [];
  const perClientCount = new Map<number, number>();
  for (const f of await readdir(dir))
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) {
      const [clientId, , us] = line.split(' ');
      if (us === undefined) continue;
      latencies.push(Number(us) / 1000);
      perClientCount.set(Number(clientId), (perClientCount.get(Number(clientId)) ?? 0) + 1);
    }
  await rm(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  const r: PgbenchResult = {
    tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/),
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    maxPerClient: Math.max(0, ...perClientCount.values()),
    statements: [...out.matchAll(/^\s+([\d.]+)\s+\d+\s+(\S.*)$/gm)]
      .map((m) => ({ ms: Number(m[1]), sql: m[2]!.slice(0, 100) }))
      .sort((a, b) => b.ms - a.ms),
  };
  if (r.maxPerClient > perClient)
    log(`pgbench: a client ran ${r.maxPerClient} transactions, past its ${perClient} carts: raise --pgbench-per-second`);
  return r;
}

// ---------- (a) spread ----------
interface SpreadPhase extends ShoppersResult {
  cpuUsPerOrder: number;
  elu: number;
  queriesPerOrder: number;
  /** The server process's CPU over the phase, in cores. */
  cores: number;
  /** How long a callback ready to run waited for the event loop, mean over the phase, ms. */
  loopDelayMs: number;
}
/** The event loop's delay (mean, ms) over `fn`. */
async function withLoopDelay<T>(fn: () => Promise<T>): Promise<[T, number]> {
  // the histogram holds each timer's whole interval: the resolution (1 ms) and the wait past it
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  try {
    const r = await fn();
    return [r, Math.max(0, h.mean / 1e6 - 1)];
  } finally {
    h.disable();
  }
}
let nextOrder = 0;
async function shoppers(name: string, duration: number): Promise<SpreadPhase> {
  log(`${name}: ${duration} s, ${o.shoppers} shoppers`);
  phaseName = name;
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const q0 = queries;
  const t0 = performance.now();
  const orders = spreadOrders.slice(nextOrder);
  const [r, loopDelayMs] = await withLoopDelay(() =>
    child<ShoppersResult>(path.join(here, 'checkout', 'shoppers.ts'), {
      base: BASE,
      concurrency: o.shoppers,
      duration,
      orders,
    } satisfies ShoppersOptions),
  );
  const busy = performance.eventLoopUtilization(elu).utilization;
  await idle();
  const used = process.cpuUsage(cpu);
  nextOrder += Object.values(r.outcomes).reduce((a, b) => a + b, 0);
  if (r.ranOut) log(`${name}: the ${orders.length} prepared orders ran out after ${r.seconds.toFixed(1)} s: raise --orders-per-second`);
  const answered = Object.values(r.outcomes).reduce((a, b) => a + b, 0);
  return {
    ...r,
    cpuUsPerOrder: answered ? (used.user + used.system) / answered : 0,
    elu: busy,
    queriesPerOrder: answered ? (queries - q0) / answered : 0,
    cores: (used.user + used.system) / 1000 / (performance.now() - t0),
    loopDelayMs,
  };
}

const loadAtStart = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
if (o.warmupSec > 0) await shoppers('warm-up', o.warmupSec);
const pgBefore = await runPgbench(10_000_000, o.durationSec);
const spreadRun = await shoppers('spread', o.durationSec);
const pgAfter = await runPgbench(20_000_000, o.durationSec);
const ceiling = {
  tps: (pgBefore.tps + pgAfter.tps) / 2,
  p50: (pgBefore.p50 + pgAfter.p50) / 2,
  p99: (pgBefore.p99 + pgAfter.p99) / 2,
  failed: pgBefore.failed + pgAfter.failed,
};
const spreadRate = spreadRun.placed / spreadRun.seconds;

// ---------- (b) flash sale ----------
// The ceiling: only the inventory's conditional UPDATE (the statement of the capture), one unit
// at a time, on a row of its own with as many units.
const reserveIndex = captured.statements.findIndex((s) => /^update "stock_levels"/i.test(s.sql) && s.params.includes(captured.values.v1));
const reserveSql = captured.statements[reserveIndex]!;
const setStock = (variantId: string, onHand: number) =>
  bench.pool.query(`UPDATE stock_levels SET on_hand = $2, reserved = 0 WHERE variant_id = $1`, [variantId, onHand]);
await setStock(ceilingVariant.id, o.flashUnits);
await setStock(flashVariant.id, o.flashUnits);
await bench.pool.query('VACUUM ANALYZE stock_levels, carts, cart_items');
log(`flash-sale ceiling: ${o.ceilingConnections} connections, the conditional stock UPDATE alone`);
const stockCeiling = await child<StockCeilingResult>(path.join(here, 'checkout', 'stock-ceiling.ts'), {
  url: bench.url,
  connections: o.ceilingConnections,
  sql: reserveSql.sql,
  params: reserveSql.params.map((p) => (p === captured.values.v1 ? ceilingVariant.id : p)),
} satisfies StockCeilingOptions);
// its units go back (no reservation rows stand behind them)
await setStock(ceilingVariant.id, ON_HAND);
log(`flash sale: ${o.flashAttempts.toLocaleString('en')} checkouts at once for ${o.flashUnits} units`);
const flashQueries0 = queries;
const flashCpu = process.cpuUsage();
phaseName = 'flash sale';
const [flash, flashLoopDelayMs] = await withLoopDelay(() =>
  child<FlashResult>(path.join(here, 'checkout', 'flash.ts'), {
    base: BASE,
    orders: flashOrders,
    maxTries: o.flashTries,
  } satisfies FlashOptions),
);
await idle();
const flashCpuUs = process.cpuUsage(flashCpu);
const flashQueries = queries - flashQueries0;
const { rows: flashStock } = await bench.pool.query<{ on_hand: number; reserved: number; held: number; orders: number }>(
  `SELECT s.on_hand, s.reserved,
     (SELECT coalesce(sum(quantity), 0)::int FROM stock_reservations r WHERE r.variant_id = s.variant_id AND r.status = 'active') AS held,
     (SELECT count(DISTINCT order_id)::int FROM order_items i WHERE i.variant_id = s.variant_id) AS orders
   FROM stock_levels s WHERE s.variant_id = $1`,
  [flashVariant.id],
);
const fs = flashStock[0]!;
const flashOk =
  flash.placed === o.flashUnits &&
  fs.orders === o.flashUnits &&
  fs.reserved === o.flashUnits &&
  fs.held === fs.reserved &&
  fs.reserved <= fs.on_hand;
const sellOutRate = flash.placed / (flash.sellOutMs / 1000);
const ceilingRate = stockCeiling.units / (stockCeiling.sellOutMs / 1000);

// ---------- (c) one shopper ----------
log(`one shopper: ${o.sequential} orders, one request at a time`);
phaseName = 'one shopper';
const sequential = await child<SequentialResult>(path.join(here, 'checkout', 'sequential.ts'), {
  base: BASE,
  orders: o.sequential,
  variants: spread.map((v) => v.id),
  form,
} satisfies SequentialOptions);
await idle();
const mem = process.memoryUsage();
await app.close();
await bench.close();

// ---------- table ----------
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const rows: FigureRow[] = [];
const spreadRatio = spreadRate / ceiling.tps;
rows.push({
  scenario: 'spread.orders_per_s',
  figure: Math.round(spreadRate),
  unit: 'orders/s',
  ceiling: Math.round(ceiling.tps),
  ratio: round(spreadRatio, 3),
  target: `≥ ${TARGETS.spread} × ceiling`,
  ok: spreadRatio >= TARGETS.spread,
});
rows.push({
  scenario: 'spread.p50',
  figure: round(spreadRun.p50, 1),
  unit: 'ms',
  ceiling: round(ceiling.p50, 1),
  ratio: round(spreadRun.p50 / ceiling.p50, 1),
});
rows.push({
  scenario: 'spread.p99',
  figure: round(spreadRun.p99, 1),
  unit: 'ms',
  ceiling: round(ceiling.p99, 1),
  ratio: round(spreadRun.p99 / ceiling.p99, 1),
});
const refused = Object.entries(spreadRun.outcomes).reduce((n, [k, v]) => (k === '201' ? n : n + v), 0);
rows.push({ scenario: 'spread.not_placed', figure: refused, unit: 'count', ceiling: ceiling.failed, target: '0', ok: refused === 0 });
rows.push({ scenario: 'spread.sql_per_order', figure: round(spreadRun.queriesPerOrder, 1), unit: 'statements', ceiling: scriptStatements });
rows.push({ scenario: 'spread.server_cpu_per_order', figure: Math.round(spreadRun.cpuUsPerOrder), unit: 'µs' });
rows.push({ scenario: 'spread.server_cpu', figure: round(spreadRun.cores), unit: 'cores' });
rows.push({ scenario: 'spread.server_event_loop_busy', figure: round(spreadRun.elu), unit: 'share' });
rows.push({ scenario: 'spread.server_event_loop_delay', figure: round(spreadRun.loopDelayMs, 1), unit: 'ms (mean)' });
rows.push({ scenario: 'ceiling.pgbench_tps_before', figure: Math.round(pgBefore.tps), unit: 'tx/s' });
rows.push({ scenario: 'ceiling.pgbench_tps_after', figure: Math.round(pgAfter.tps), unit: 'tx/s' });
rows.push({
  scenario: 'flash.orders',
  figure: flash.placed,
  unit: 'orders',
  target: `= ${o.flashUnits}`,
  ok: flash.placed === o.flashUnits && fs.orders === o.flashUnits,
});
rows.push({
  scenario: 'flash.stock_after (reserved/on_hand)',
  figure: `${fs.reserved}/${fs.on_hand}`,
  unit: 'units',
  target: 'reserved ≤ on_hand, = orders',
  ok: fs.reserved <= fs.on_hand && fs.reserved === fs.orders && fs.held === fs.reserved,
});
rows.push({
  scenario: 'flash.sell_out_time',
  figure: Math.round(flash.sellOutMs),
  unit: 'ms',
  ceiling: Math.round(stockCeiling.sellOutMs),
  ratio: round(flash.sellOutMs / stockCeiling.sellOutMs, 1),
});
const flashRatio = sellOutRate / ceilingRate;
rows.push({
  scenario: 'flash.sell_out_rate',
  figure: Math.round(sellOutRate),
  unit: 'units/s',
  ceiling: Math.round(ceilingRate),
  ratio: round(flashRatio, 3),
  target: `≥ ${TARGETS.flash} × ceiling`,
  ok: flashRatio >= TARGETS.flash,
});
rows.push({ scenario: 'flash.all_answered', figure: Math.round(flash.allAnsweredMs), unit: 'ms' });
const flashRequests = o.flashAttempts + Object.values(flash.retried).reduce((a, b) => a + b, 0);
rows.push({ scenario: 'flash.server_event_loop_delay', figure: round(flashLoopDelayMs, 1), unit: 'ms (mean)' });
rows.push({ scenario: 'flash.requests_with_tries', figure: flashRequests, unit: 'requests' });
rows.push({ scenario: 'flash.sql_per_request', figure: round(flashQueries / flashRequests, 1), unit: 'statements' });
rows.push({
  scenario: 'flash.server_cpu_per_request',
  figure: Math.round((flashCpuUs.user + flashCpuUs.system) / flashRequests),
  unit: 'µs',
});
for (const k of ['add', 'session', 'checkout', 'flow'] as const)
  for (const q of ['p50', 'p95'] as const)
    rows.push({ scenario: `one_shopper.${k === 'flow' ? 'add_to_checkout' : k}.${q}`, figure: round(sequential[k][q], 1), unit: 'ms' });
rows.push({
  scenario: 'one_shopper.placed',
  figure: sequential.placed,
  unit: 'orders',
  target: `= ${o.sequential}`,
  ok: sequential.placed === o.sequential,
});
rows.push({ scenario: 'server.rss_idle', figure: Math.round(rssIdle / 2 ** 20), unit: 'MiB' });
rows.push({ scenario: 'server.rss_after_run', figure: Math.round(mem.rss / 2 ** 20), unit: 'MiB' });
rows.push({ scenario: 'server.heap_used_after_run', figure: Math.round(mem.heapUsed / 2 ** 20), unit: 'MiB' });
rows.push({ scenario: reused ? 'load.total (earlier run)' : 'load.total', figure: load.seconds.total, unit: 's' });

console.log(
  `\ncheckout benchmark: ${o.products.toLocaleString('en')} products (${load.variants.toLocaleString('en')} variants), ${P} variants in 2-line orders, ${bench.label}`,
);
console.log(
  `machine: ${os.cpus().length} cores, load average ${loadAtStart} at the start of the measurement, ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} at its end`,
);
console.log(
  `spread: ${o.shoppers} shoppers, ${o.durationSec} s after ${o.warmupSec} s of warm-up, each order from its own guest cart; ceiling: pgbench -M simple -c ${o.shoppers} -T ${o.durationSec} on ${path.relative(process.cwd(), SCRIPT)} (${scriptStatements} statements, the checkout's ${captured.statements.length} and one that picks the order's values), mean of a run before and after`,
);
console.log(
  `flash sale: ${o.flashAttempts.toLocaleString('en')} checkouts at once (one connection each; a 5xx sent again with the same key, up to ${o.flashTries} tries) for ${o.flashUnits} units; ceiling: ${o.ceilingConnections} connections sending the conditional stock UPDATE alone for ${o.flashUnits} units`,
);
for (const line of formatFigures(rows)) console.log(line);
const outcomes = (x: Record<string, number>) =>
  Object.entries(x)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
console.log(
  `\nanswers: spread ${outcomes(spreadRun.outcomes)}; flash sale ${outcomes(flash.outcomes)}; one shopper ${outcomes(sequential.outcomes)}`,
);
if (Object.keys(flash.retried).length) console.log(`flash sale, answers sent again: ${outcomes(flash.retried)}`);
for (const [phase, byMessage] of Object.entries(serverErrors))
  console.log(
    `server errors (5xx), ${phase}: ${Object.entries(byMessage)
      .map(([m, n]) => `${n} × ${m}`)
      .join('; ')}`,
  );
console.log(`orders placed per second, spread: ${spreadRate.toFixed(0)} (${spreadRun.placed} in ${spreadRun.seconds.toFixed(1)} s)`);
if (!(spreadRatio >= TARGETS.spread))
  console.log(
    `\nspread below target: each checkout sends ${round(spreadRun.queriesPerOrder, 1)} statements from the server (pgbench ${scriptStatements}, without a round trip through Node per statement) and costs ${Math.round(spreadRun.cpuUsPerOrder)} µs of server CPU: the server's one event loop can place at most ${Math.round(1e6 / spreadRun.cpuUsPerOrder)} orders/s. ` +
      `It used ${round(spreadRun.cores)} of ${os.cpus().length} cores, beside PostgreSQL and the load client on the same machine; its event loop was busy ${Math.round(spreadRun.elu * 100)} % of the time, a callback waited ${round(spreadRun.loopDelayMs, 1)} ms for it on average, and each checkout waits so for each of its statements`,
  );
if (!(flashRatio >= TARGETS.flash)) {
  // a sale of the row's product waits from the product's stock lock (taken before the UPDATE) to COMMIT
  const lockIndex = captured.statements.findIndex((x) => x.sql.includes('pg_advisory_xact_lock'));
  const from = lockIndex >= 0 && lockIndex < reserveIndex ? lockIndex : reserveIndex;
  const held = captured.statements.length - from - 1;
  const tries = flashRequests;
  const flashCpuMs = (flashCpuUs.user + flashCpuUs.system) / 1000;
  console.log(
    `\nflash sale below target: every attempt holds the product's stock lock from statement ${from + 1} of ${captured.statements.length} (${from === reserveIndex ? 'the conditional UPDATE' : `the stock lock; the conditional UPDATE is statement ${reserveIndex + 1}`}) to its COMMIT, ${held} statements later, each a round trip from the server; the ceiling holds the row for one statement. Sales of one row go one after another: ${(flash.sellOutMs / flash.placed).toFixed(2)} ms per unit against ${(stockCeiling.sellOutMs / stockCeiling.units).toFixed(2)} ms. ` +
      `The server's event loop made a ready callback wait ${round(flashLoopDelayMs, 1)} ms on average, ${held} times for each sale while it holds the lock. ` +
      `Every attempt (${tries.toLocaleString('en')} requests with the tries, ${(tries / o.flashUnits).toFixed(1)} per unit sold) costs the server ${(flashCpuMs / tries).toFixed(1)} ms of CPU on its one event loop and ${round(flashQueries / tries, 1)} statements, and waits for one of the pool's ${bench.pool.options.max} connections (a wait past 10 s answers 503 BUSY, and the bench sends it again)`,
  );
}
if (!flashOk) console.log(`\nFLASH SALE WRONG: ${JSON.stringify({ placed: flash.placed, ...fs })}`);

await mkdir(path.join(here, 'results'), { recursive: true });
const file = path.join(here, 'results', `checkout-${new Date().toISOString().replaceAll(':', '-')}.json`);
await writeFile(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      database: bench.label,
      options: o,
      results: rows,
      spread: spreadRun,
      pgbench: { before: pgBefore, after: pgAfter },
      flash: { ...flash, stock: fs, ceiling: stockCeiling, loopDelayMs: flashLoopDelayMs },
      sequential,
      serverErrors,
    },
    null,
    2,
  ),
);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
process.exit(flashOk ? 0 : 1);
