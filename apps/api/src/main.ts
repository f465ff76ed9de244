// Starts the shop: `--role=all` (default: API, web and worker), `--role=api`, or `--role=worker`.
import { ecpaySimulator } from '@shop/ecpay-sim';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatabaseLocaleError } from './db/checks.js';
import { openDatabase } from './db/open.js';
import { seedDemoCatalog } from './modules/catalog/index.js';
import { ensureAdmin } from './modules/identity/index.js';
import { seedDemoStock } from './modules/inventory/index.js';
import { seedDefaultShippingMethods } from './modules/shipping/index.js';
import { seedStoreDefaults } from './modules/store/index.js';
import { connectEventStream } from './platform/event-stream.js';
import { createLogger } from './platform/logger.js';
import { connectRedis } from './platform/redis.js';
import { resolveJwtSecret } from './platform/secrets.js';
import { loadWebHandler } from './platform/web.js';
import { createWorker } from './worker.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  throw err;
}

const logger = createLogger(config.log);
const stops: Array<() => Promise<void>> = [];
let shuttingDown = false;

async function shutdown(reason: string, code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ reason }, 'shutting down');
  const hardStop = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(code || 1);
  }, config.shutdownTimeoutMs);
  hardStop.unref();
  // Reverse start order: stop accepting and drain HTTP, stop the worker, close the pool, stop PostgreSQL.
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
    }
  }
  logger.flush();
  process.exit(code);
}

process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
process.once('SIGINT', () => void shutdown('SIGINT', 0));
process.on('unhandledRejection', (err) => {
  logger.error({ err }, 'unhandled rejection');
});

try {
  const database = await openDatabase(config, (msg) => logger.info(msg));
  stops.push(() => database.close());

  const admin = await ensureAdmin(database.db, { email: config.auth.adminEmail, password: config.auth.adminPassword });
  if (config.seedDemoData) {
    // First start on an empty catalog: the demo products (SEED_DEMO_DATA=false starts empty).
    const seeded = await seedDemoCatalog({ db: database.db, media: config.media });
    if (seeded.status === 'seeded') {
      const stocked = await seedDemoStock(database.db, seeded.stock);
      logger.info({ products: seeded.products, stocked, ms: seeded.ms }, 'demo catalog loaded');
    }
  }
  // Store configuration, not demo data: Taiwan's usual home-delivery and store-pickup methods, once,
  // into an empty table (staff edit or deactivate them; a table with any row is left alone).
  const shipping = await seedDefaultShippingMethods(database.db);
  if (shipping.inserted > 0) logger.info({ methods: shipping.inserted }, 'default shipping methods added');
  // The shop's details and legal pages, where absent (a shop's own edits stay).
  const store = await seedStoreDefaults(database.db);
  if (store.settings || store.pages.length > 0)
    logger.info({ settings: store.settings, pages: store.pages }, 'default store details added');
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  if (redis) stops.push(async () => void (await redis.quit()));

  if (config.role !== 'api') {
    // The event stream: every outbox event also goes to NATS JetStream (`shop.<event type>`).
    const stream = config.natsUrl ? await connectEventStream(config.natsUrl) : undefined;
    if (stream) {
      stops.push(() => stream.close());
      logger.info('publishing events to NATS JetStream (stream SHOP, subjects shop.>)');
    }
    const worker = createWorker({ config, db: database.db, pool: database.pool, logger, redis, stream });
    await worker.start();
    stops.push(() => worker.stop());
  }

  let url: string | undefined;
  if (config.role !== 'worker') {
    const web = await loadWebHandler(config);
    if (!web) logger.warn(`no web build in ${config.webBuildDir}: serving the API only (run npm run build)`);
    const jwtSecret = await resolveJwtSecret(config);
    const app = await buildApp({ config, db: database.db, pool: database.pool, logger, web, jwtSecret, redis });
    // Simulated ECPay (the default): its pages on this server under a local prefix. The API's modules
    // know nothing of it; they only see ECPay's URLs in the configuration.
    if (config.ecpay.mode === 'simulator') await app.register(ecpaySimulator, { prefix: config.ecpay.simulatorPrefix });
    await app.listen({ port: config.http.port, host: config.http.host });
    stops.push(() => app.close());
    url = config.http.publicUrl;
  }
  printBanner(url, database.label, admin);
} catch (err) {
  if (err instanceof DatabaseLocaleError) {
    logger.fatal(err.message);
    console.error(`\n${err.message}\n`);
  } else {
    logger.fatal({ err }, 'start failed');
  }
  await shutdown('start failed', 1);
}

function printBanner(url: string | undefined, dbLabel: string, admin: Awaited<ReturnType<typeof ensureAdmin>>) {
  const lines = [
    '',
    `  Shop is running (role: ${config.role}, version ${config.version})`,
    ...(url
      ? [
          `  Storefront   ${url}/`,
          `  API docs     ${url}/api/docs`,
          `  OpenAPI      ${url}/api/openapi.json`,
          `  Health       ${url}/api/health`,
          ...(config.ecpay.mode === 'simulator'
            ? [`  ECPay        simulated at ${url}${config.ecpay.simulatorPrefix}/ (ECPAY_MODE=stage or production for the real one)`]
            : []),
          ...(config.http.publicUrlConfigured
            ? []
            : [`               (PUBLIC_URL is not set: links in mails point to ${url}; set it to the shop's public address)`]),
        ]
      : ['  Worker only: outbox relay and scheduled jobs']),
    `  Database     ${dbLabel}`,
    ...(admin
      ? [
          `  Admin        ${admin.email}${admin.generatedPassword ? ` / password: ${admin.generatedPassword}` : ''}`,
          ...(admin.generatedPassword ? ['               (shown once: the first sign-in asks for a new one)'] : []),
        ]
      : []),
    '  Stop with Ctrl+C.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
