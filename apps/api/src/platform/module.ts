import type { FastifyPluginOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { AccessTokens, Revocations } from './auth.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { EventHandler } from './outbox.js';
import type { ScheduledJob } from './scheduler.js';

/**
 * What every module's factory receives: the process's shared resources, a plain object. Module
 * settings come from `config` (media directory and S3 in `config.media`, mail in `config.mail`,
 * rate limits in `config.rateLimit`); each module builds what is its own from them.
 */
export interface ModuleContext {
  config: Config;
  db: Db;
  pool: pg.Pool;
  /** Shared rate-limit counters, revocations and cache versions when REDIS_URL is set. */
  redis: Redis | undefined;
  clock: Clock;
  logger: Logger;
  /**
   * Signs access tokens (the auth plugin verifies with the same). Only a process that serves HTTP
   * has the signing key: in a worker-only process it is undefined, and route plugins are never
   * registered there.
   */
  tokens: AccessTokens | undefined;
  /**
   * The key for signed links and ids handed to shoppers (guest order links, pre-issued order ids),
   * derived from the access-token secret where HTTP is served; undefined in a worker-only process.
   */
  linkKey: Uint8Array | undefined;
  /** The revocation list the auth plugin asks, and identity writes to when sessions end. */
  revocations: Revocations;
}

/**
 * A route plugin that already holds what it needs (it closed over the context): registered
 * without options, every module the same way.
 */
export type RoutePlugin = FastifyPluginAsyncZod;

/** What one module adds to the process. Plain data: app.ts and worker.ts loop over it. */
export interface ModuleParts {
  name: string;
  /** Registered under `/api`, after the auth plugin. */
  routes: RoutePlugin[];
  /** Registered at the root, outside `/api` (media, robots.txt, sitemaps), each in its own scope, before the web app. */
  rootRoutes?: RoutePlugin[];
  /** Outbox handlers the worker's relay runs. */
  eventHandlers: EventHandler[];
  /** Recurring jobs the worker's scheduler runs. */
  jobs: ScheduledJob[];
}

/** A module: one function from the context to its parts. */
export type ModuleFactory = (ctx: ModuleContext) => ModuleParts;

/**
 * Binds a route plugin to its options, checked against the plugin's own options type, into a
 * plugin registered without any: `routes(identityRoutes, { deps, authPerMinute, counter })`.
 */
export function routes<O extends FastifyPluginOptions>(plugin: FastifyPluginAsyncZod<O>, options: O): RoutePlugin {
  return async (app) => {
    await app.register(plugin, options);
  };
}
