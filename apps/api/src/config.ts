import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AIO_HOSTS, AIO_PATHS, LOGISTICS_HOSTS, STAGE_AIO, STAGE_LOGISTICS_B2C, STAGE_LOGISTICS_C2C, STORE_MAP_PATH } from '@shop/ecpay';
import { z } from 'zod';

/** Repository root: config defaults (data dir, web build) are relative to it, wherever `npm start` is run. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

const port = z.coerce.number().int().min(1).max(65535);

/** Every variable the platform reads. The README's configuration table mirrors this schema. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  ALLOWED_HOSTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/, 'must be host names (host or host:port), comma-separated'))
        .min(1),
    )
    .optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_PG_PORT: port.optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\//, 'must be a nats:// or tls:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  TRUST_PROXY: bool.default(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(25_000),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(500),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  OUTBOX_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1000),
  OUTBOX_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(60 * 60 * 1000),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(14),
  WEB_BUILD_DIR: z.string().min(1).default('apps/web/build'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Shop <no-reply@shop.local>'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SEC: z.coerce
    .number()
    .int()
    .min(30)
    .max(86_400)
    .default(15 * 60),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COOKIE_SECURE: bool.optional(),
  REQUIRE_VERIFIED_EMAIL_FOR_CHECKOUT: bool.default(false),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  MEDIA_DIR: z.string().min(1).optional(),
  IMAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_PUBLIC_URL: z.url().optional(),
  SEED_DEMO_DATA: bool.default(true),
  ECPAY_MODE: z.enum(['simulator', 'stage', 'production']).default('simulator'),
  ECPAY_LOGISTICS_MAP_URL: z.url({ protocol: /^https?$/ }).optional(),
  ECPAY_LOGISTICS_MERCHANT_ID: z
    .string()
    .regex(/^\d{1,10}$/, 'must be digits (at most 10)')
    .optional(),
  ECPAY_LOGISTICS_CONTRACT: z.enum(['c2c', 'b2c']).default('c2c'),
  ECPAY_MERCHANT_ID: z
    .string()
    .regex(/^\d{1,10}$/, 'must be digits (at most 10)')
    .optional(),
  ECPAY_HASH_KEY: z.string().min(1).optional(),
  ECPAY_HASH_IV: z.string().min(1).optional(),
  ECPAY_ACCEPT_SIMULATE_PAID: bool.default(false),
  INSTANCE_ID: z.coerce.number().int().min(0).max(999).default(0),
  PAYMENT_WINDOW_MIN_BANK_TRANSFER: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(30),
  PAYMENT_WINDOW_MIN_CASH_ON_DELIVERY: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(60 * 24 * 3),
  PAYMENT_WINDOW_MIN_ECPAY: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(60),
});

export type Role = 'all' | 'api' | 'worker';

export interface Config {
  env: 'development' | 'production' | 'test';
  role: Role;
  http: {
    port: number;
    host: string;
    /**
     * The shop's public URL without a trailing slash: every link the server builds (mails, OpenAPI
     * `servers`) starts with it, never with a request's Host. PUBLIC_URL, else `http://localhost:PORT`.
     */
    publicUrl: string;
    /** False when `publicUrl` is the localhost fallback (the start banner says so). */
    publicUrlConfigured: boolean;
    /**
     * Host names (with an optional port) requests may name; unset: any. The public URL's host and
     * loopback names are always allowed.
     */
    allowedHosts: string[] | undefined;
    bodyLimit: number;
    trustProxy: boolean;
  };
  /** Unset: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  embeddedPgPort: number | undefined;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
  log: { level: string; pretty: boolean };
  shutdownTimeoutMs: number;
  outbox: {
    pollMs: number;
    batchSize: number;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    leaseMs: number;
    retentionDays: number;
  };
  webBuildDir: string;
  version: string;
  mail: { smtpUrl: string | undefined; from: string };
  auth: {
    /** Unset: a key generated once and kept in DATA_DIR/jwt-secret. */
    jwtSecret: string | undefined;
    accessTokenTtlSec: number;
    refreshTokenTtlDays: number;
    /** Unset: Secure cookies when the request came over https. */
    cookieSecure: boolean | undefined;
    requireVerifiedEmailForCheckout: boolean;
    adminEmail: string | undefined;
    adminPassword: string | undefined;
  };
  rateLimit: { perMinute: number; authPerMinute: number };
  media: MediaConfig;
  /** Load the demo catalog on a first start (no products, no categories). */
  seedDemoData: boolean;
  ecpay: EcpayConfig;
  orders: {
    /** This process's number (0–999) inside order numbers: processes with different ids never make the same number. */
    instanceId: number;
    /** Minutes an unpaid order holds its stock and coupon, per payment method. */
    paymentWindowMin: { bank_transfer: number; cash_on_delivery: number; ecpay: number };
  };
}

/** Where ECPay is: the built-in simulator (default), ECPay's stage, or production. */
export interface EcpayConfig {
  mode: 'simulator' | 'stage' | 'production';
  /** Where `npm start` mounts the simulator in `simulator` mode (not mounted otherwise). */
  simulatorPrefix: string;
  logistics: {
    /** The store map shoppers' browsers are sent to: the simulator's, or ECPay's stage/production map. */
    mapUrl: string;
    merchantId: string;
    /** `c2c` (店到店) or `b2c` (大宗寄倉): decides the map's sub-types (UNIMARTC2C… or UNIMART…). */
    contract: 'c2c' | 'b2c';
  };
  /** AIO payments (the hosted cashier and its notifications). */
  payments: {
    /** The absolute URL shoppers' browsers post the signed checkout form to: the simulator's, or ECPay's stage/production cashier. */
    checkoutUrl: string;
    /** Where our server posts QueryTradeInfo (reconciliation): the simulator's, or ECPay's stage/production host. */
    queryUrl: string;
    /** ECPay's stage merchant 3002607 unless ECPAY_MERCHANT_ID, ECPAY_HASH_KEY and ECPAY_HASH_IV are set (required in production). */
    merchant: { merchantId: string; hashKey: string; hashIv: string };
    /**
     * Whether a `SimulatePaid=1` result (a payment simulated from ECPay's stage back office: no money
     * moves) counts as paid. ECPAY_ACCEPT_SIMULATE_PAID, false by default; refused in production.
     */
    acceptSimulatePaid: boolean;
  };
}

/** The simulator's mount point in embedded mode. */
export const ECPAY_SIMULATOR_PREFIX = '/_sim/ecpay';

export interface S3Config {
  /** e.g. `https://s3.eu-central-1.amazonaws.com` or a MinIO/R2 URL; objects are addressed path-style. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Base URL shoppers load uploaded objects from (a CDN); default `<endpoint>/<bucket>`. */
  publicUrl: string;
}

export interface MediaConfig {
  /** Local image store, served at `/media/`. */
  dir: string;
  maxBytes: number;
  /** Set when all of S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are. */
  s3: S3Config | undefined;
}

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee the configuration table in README.md.`);
    this.name = 'ConfigError';
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

function parseRole(argv: readonly string[]): Role | string {
  const arg = argv.find((a) => a.startsWith('--role='));
  return arg ? arg.slice('--role='.length) : 'all';
}

/**
 * Parses the environment once. The only place in the API that reads `process.env`.
 * Empty strings count as unset, so `FOO=` in a shell falls back to the default.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, argv: readonly string[] = process.argv.slice(2)): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      problems.push(`${name}=${JSON.stringify(cleaned[name] ?? '')}: ${issue.message}`);
    }
  }
  const role = parseRole(argv);
  if (role !== 'all' && role !== 'api' && role !== 'worker') {
    problems.push(`--role=${role}: must be one of all, api, worker`);
  }
  if (parsed.success) {
    const s3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    const set = s3.filter((k) => parsed.data[k] !== undefined);
    if (set.length > 0 && set.length < s3.length) {
      problems.push(
        `${s3.filter((k) => !set.includes(k)).join(', ')}: must be set too when ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} (S3 needs all four)`,
      );
    }
  }
  if (parsed.success && parsed.data.ECPAY_MODE === 'production' && !parsed.data.ECPAY_LOGISTICS_MERCHANT_ID) {
    problems.push('ECPAY_LOGISTICS_MERCHANT_ID: must be set when ECPAY_MODE is production (the stage merchants do not work there)');
  }
  if (parsed.success) {
    const aio = ['ECPAY_MERCHANT_ID', 'ECPAY_HASH_KEY', 'ECPAY_HASH_IV'] as const;
    const set = aio.filter((k) => parsed.data[k] !== undefined);
    if (set.length > 0 && set.length < aio.length)
      problems.push(
        `${aio.filter((k) => !set.includes(k)).join(', ')}: must be set too when ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'}`,
      );
    if (parsed.data.ECPAY_MODE === 'production' && set.length === 0)
      problems.push(
        'ECPAY_MERCHANT_ID, ECPAY_HASH_KEY, ECPAY_HASH_IV: must be set when ECPAY_MODE is production (the stage merchant does not work there)',
      );
    if (parsed.data.ECPAY_MODE === 'production' && parsed.data.ECPAY_ACCEPT_SIMULATE_PAID)
      problems.push('ECPAY_ACCEPT_SIMULATE_PAID: must not be set in production (simulated payments move no money)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(repoRoot, e.DATA_DIR);
  const s3 =
    e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
      ? {
          endpoint: e.S3_ENDPOINT.replace(/\/+$/, ''),
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          publicUrl: (e.S3_PUBLIC_URL ?? `${e.S3_ENDPOINT.replace(/\/+$/, '')}/${e.S3_BUCKET}`).replace(/\/+$/, ''),
        }
      : undefined;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const stageLogistics = e.ECPAY_LOGISTICS_CONTRACT === 'b2c' ? STAGE_LOGISTICS_B2C : STAGE_LOGISTICS_C2C;
  const mapUrl =
    e.ECPAY_LOGISTICS_MAP_URL ??
    (e.ECPAY_MODE === 'simulator'
      ? `${publicUrl}${ECPAY_SIMULATOR_PREFIX}${STORE_MAP_PATH}`
      : `${LOGISTICS_HOSTS[e.ECPAY_MODE]}${STORE_MAP_PATH}`);
  return {
    env: e.NODE_ENV,
    role: role as Role,
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl,
      publicUrlConfigured: e.PUBLIC_URL !== undefined,
      allowedHosts: e.ALLOWED_HOSTS,
      bodyLimit: e.BODY_LIMIT_BYTES,
      trustProxy: e.TRUST_PROXY,
    },
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    redisUrl: e.REDIS_URL,
    natsUrl: e.NATS_URL,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? e.NODE_ENV === 'development' },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    outbox: {
      pollMs: e.OUTBOX_POLL_MS,
      batchSize: e.OUTBOX_BATCH_SIZE,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      backoffBaseMs: e.OUTBOX_BACKOFF_BASE_MS,
      backoffMaxMs: e.OUTBOX_BACKOFF_MAX_MS,
      leaseMs: e.OUTBOX_LEASE_MS,
      retentionDays: e.OUTBOX_RETENTION_DAYS,
    },
    webBuildDir: path.resolve(repoRoot, e.WEB_BUILD_DIR),
    version: packageVersion(),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    auth: {
      jwtSecret: e.JWT_SECRET,
      accessTokenTtlSec: e.ACCESS_TOKEN_TTL_SEC,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      cookieSecure: e.COOKIE_SECURE,
      requireVerifiedEmailForCheckout: e.REQUIRE_VERIFIED_EMAIL_FOR_CHECKOUT,
      adminEmail: e.ADMIN_EMAIL,
      adminPassword: e.ADMIN_PASSWORD,
    },
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, authPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE },
    media: { dir: e.MEDIA_DIR ? path.resolve(repoRoot, e.MEDIA_DIR) : path.join(dataDir, 'media'), maxBytes: e.IMAGE_MAX_BYTES, s3 },
    seedDemoData: e.SEED_DEMO_DATA,
    ecpay: {
      mode: e.ECPAY_MODE,
      simulatorPrefix: ECPAY_SIMULATOR_PREFIX,
      logistics: {
        mapUrl,
        merchantId: e.ECPAY_LOGISTICS_MERCHANT_ID ?? stageLogistics.merchantId,
        contract: e.ECPAY_LOGISTICS_CONTRACT,
      },
      payments: {
        checkoutUrl:
          e.ECPAY_MODE === 'simulator'
            ? `${publicUrl}${ECPAY_SIMULATOR_PREFIX}${AIO_PATHS.checkout}`
            : `${AIO_HOSTS[e.ECPAY_MODE]}${AIO_PATHS.checkout}`,
        queryUrl:
          e.ECPAY_MODE === 'simulator'
            ? `${publicUrl}${ECPAY_SIMULATOR_PREFIX}${AIO_PATHS.queryTradeInfo}`
            : `${AIO_HOSTS[e.ECPAY_MODE]}${AIO_PATHS.queryTradeInfo}`,
        merchant:
          e.ECPAY_MERCHANT_ID && e.ECPAY_HASH_KEY && e.ECPAY_HASH_IV
            ? { merchantId: e.ECPAY_MERCHANT_ID, hashKey: e.ECPAY_HASH_KEY, hashIv: e.ECPAY_HASH_IV }
            : { ...STAGE_AIO },
        acceptSimulatePaid: e.ECPAY_ACCEPT_SIMULATE_PAID,
      },
    },
    orders: {
      instanceId: e.INSTANCE_ID,
      paymentWindowMin: {
        bank_transfer: e.PAYMENT_WINDOW_MIN_BANK_TRANSFER,
        cash_on_delivery: e.PAYMENT_WINDOW_MIN_CASH_ON_DELIVERY,
        ecpay: e.PAYMENT_WINDOW_MIN_ECPAY,
      },
    },
  };
}

/**
 * The address this process can reach itself on: the listen host, or loopback when it listens on
 * every interface (`0.0.0.0`, `::`). The web app's server-side page loads call the API here,
 * never at whatever host a request names.
 */
export function selfOrigin(http: Pick<Config['http'], 'host' | 'port'>): string {
  const host = http.host === '0.0.0.0' || http.host === '::' || http.host === '[::]' ? '127.0.0.1' : http.host;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${http.port}`;
}

/**
 * SvelteKit's adapter-node reads its settings from the environment when its handler is imported.
 * The API tells it the protocol and host it determined itself (honouring TRUST_PROXY), through
 * headers it sets on each request, unless the operator pinned an `ORIGIN`. The web app is handed
 * the API's own address (`API_ORIGIN`) and the public URL for links (`PUBLIC_URL`), so neither
 * comes from a request's Host header, the origin images are served from (`IMAGE_ORIGIN`), and ECPay's
 * store map with the logistics merchant (`ECPAY_LOGISTICS_*`).
 */
export function prepareWebAdapterEnv(config: Pick<Config, 'media' | 'http'> & Partial<Pick<Config, 'ecpay'>>): void {
  // Staff upload product images through SvelteKit form actions: allow the image limit plus
  // multipart overhead (adapter-node's default is 512 KB).
  process.env.BODY_SIZE_LIMIT ??= String(config.media.maxBytes + 1024 * 1024);
  process.env.API_ORIGIN ||= selfOrigin(config.http);
  process.env.PUBLIC_URL ||= config.http.publicUrl;
  // Pages show images from the bucket (or its CDN): the web app's CSP allows that origin.
  if (config.media.s3) process.env.IMAGE_ORIGIN ||= new URL(config.media.s3.publicUrl).origin;
  // The checkout's store picker posts shoppers to ECPay's store map (or the simulator's).
  if (config.ecpay) {
    process.env.ECPAY_LOGISTICS_MAP_URL ||= config.ecpay.logistics.mapUrl;
    process.env.ECPAY_LOGISTICS_MERCHANT_ID ||= config.ecpay.logistics.merchantId;
    process.env.ECPAY_LOGISTICS_CONTRACT ||= config.ecpay.logistics.contract;
  }
  if (process.env.ORIGIN) return;
  process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
  process.env.HOST_HEADER = 'x-forwarded-host';
}
