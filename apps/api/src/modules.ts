// The one list of modules. Adding a module: its folder, with an index.ts exporting `<name>Module(ctx)`, and one line here.
import { cartModule } from './modules/cart/index.js';
import { catalogModule } from './modules/catalog/index.js';
import { checkoutModule } from './modules/checkout/index.js';
import { identityModule } from './modules/identity/index.js';
import { inventoryModule } from './modules/inventory/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { ordersModule } from './modules/orders/index.js';
import { paymentsModule } from './modules/payments/index.js';
import { pricingModule } from './modules/pricing/index.js';
import { shippingModule } from './modules/shipping/index.js';
import { storeModule } from './modules/store/index.js';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { postgresRevocations, redisRevocations } from './modules/identity/index.js';
import type { AccessTokens } from './platform/auth.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Logger } from './platform/logger.js';
import type { ModuleContext, ModuleFactory, ModuleParts } from './platform/module.js';
import type { EventHandler } from './platform/outbox.js';
import { platformModule } from './platform/platform-module.js';
import type { ScheduledJob } from './platform/scheduler.js';

/** In registration order: routes, handlers and jobs follow it. */
export const modules: readonly ModuleFactory[] = [
  platformModule,
  identityModule,
  catalogModule,
  inventoryModule,
  pricingModule,
  shippingModule,
  cartModule,
  paymentsModule,
  ordersModule,
  checkoutModule,
  notificationsModule,
  storeModule,
];

/**
 * The context modules are built on. The revocation list is Redis's when there is one (keys live as
 * long as an access token), else the sessions table's. `tokens` only where HTTP is served.
 */
export function createModuleContext(deps: {
  config: Config;
  db: Db;
  pool: pg.Pool;
  logger: Logger;
  redis?: Redis | undefined;
  clock?: Clock | undefined;
  tokens?: AccessTokens | undefined;
  linkKey?: Uint8Array | undefined;
}): ModuleContext {
  const { config, db, redis } = deps;
  return {
    config,
    db,
    pool: deps.pool,
    redis,
    clock: deps.clock ?? systemClock,
    logger: deps.logger,
    tokens: deps.tokens,
    linkKey: deps.linkKey,
    revocations: redis ? redisRevocations(redis, config.auth.accessTokenTtlSec) : postgresRevocations(db),
  };
}

/** Every module's parts, built on one context. */
export function buildModules(ctx: ModuleContext): ModuleParts[] {
  const parts = modules.map((m) => m(ctx));
  const names = new Set<string>();
  for (const p of parts) {
    if (names.has(p.name)) throw new Error(`two modules are named ${p.name}`);
    names.add(p.name);
  }
  return parts;
}

/** Every module's outbox handlers, for the relay. */
export function eventHandlersOf(parts: readonly ModuleParts[]): EventHandler[] {
  return parts.flatMap((p) => p.eventHandlers);
}

/** Every module's recurring jobs, for the scheduler. */
export function jobsOf(parts: readonly ModuleParts[]): ScheduledJob[] {
  return parts.flatMap((p) => p.jobs);
}
