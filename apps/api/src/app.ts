import { createHmac } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { buildModules, createModuleContext } from './modules.js';
import { sessionActivity } from './modules/identity/index.js';
import { authPlugin, createAccessTokens } from './platform/auth.js';
import { systemClock, type Clock } from './platform/clock.js';
import { notFoundProblem } from './platform/http-errors.js';
import type { Logger } from './platform/logger.js';
import { createHttpServer } from './platform/http-server.js';
import { hostGuard, hsts, registerApiHeaders } from './platform/security.js';
import { refuseUnstorableText } from './platform/text-guard.js';
import { webPlugin, type WebHandler } from './platform/web.js';

export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  logger: Logger;
  /** The built SvelteKit app; without it only `/api` is served. */
  web?: WebHandler | undefined;
  /** Signs access tokens (platform/secrets.ts resolves it). */
  jwtSecret: string;
  /** Shared rate limits and revocation list when REDIS_URL is set. */
  redis?: Redis | undefined;
  clock?: Clock;
}

/**
 * The composition root of the HTTP side: plugins, error handling, every module's routes.
 * Returns the instance before `ready()`, so tests may add routes.
 */
export async function buildApp(deps: AppDeps) {
  const { config } = deps;
  const app = createHttpServer({ logger: deps.logger, bodyLimit: config.http.bodyLimit, trustProxy: config.http.trustProxy });
  await app.register(hostGuard, { allowedHosts: config.http.allowedHosts, publicUrl: config.http.publicUrl });
  await app.register(hsts);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shop API',
        version: config.version,
        description:
          'REST API of the shop. Errors are RFC 9457 problem documents (application/problem+json) with a stable `code` and a `traceId`.',
      },
      servers: [{ url: config.http.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'access_token' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const clock = deps.clock ?? systemClock;
  const tokens = createAccessTokens({ secret: deps.jwtSecret, ttlSec: config.auth.accessTokenTtlSec, now: () => clock.now() });
  // Links and ids handed to shoppers are signed with a key of their own, derived from the same secret.
  const linkKey = createHmac('sha256', deps.jwtSecret).update('shop:links:v1').digest();
  const ctx = createModuleContext({ config, db: deps.db, pool: deps.pool, logger: deps.logger, redis: deps.redis, clock, tokens, linkKey });
  const { revocations } = ctx;
  const modules = buildModules(ctx);

  await app.register(
    async (api) => {
      await registerApiHeaders(api);
      await api.register(cookie);
      await api.register(formbody);
      // Every string of every API request (path, query, headers, body), before route validation.
      api.addHook('preValidation', refuseUnstorableText);
      // A default per IP on every API route; auth routes set tighter ones. Redis shares the
      // counts between processes; without it each process counts alone.
      await api.register(rateLimit, {
        max: config.rateLimit.perMinute,
        timeWindow: '1 minute',
        nameSpace: 'shop:rl:',
        ...(deps.redis ? { redis: deps.redis } : {}),
      });
      await api.register(authPlugin, {
        tokens,
        isRevoked: revocations.isRevoked,
        sessionUsed: sessionActivity(deps.db, clock),
        publicUrl: config.http.publicUrl,
        allowedHosts: config.http.allowedHosts,
        now: () => clock.now(),
      });

      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(swaggerUi, {
        routePrefix: '/docs',
        // Without it `/api/docs` (no trailing slash) links its assets under `/docs/static/`.
        indexPrefix: '/api',
        uiConfig: { docExpansion: 'list', deepLinking: true },
        // The docs page runs its own script files and sets inline styles; nothing may frame it.
        staticCSP:
          "default-src 'self'; base-uri 'self'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; script-src 'self'; " +
          "style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      });
      // Every module's API routes, in the order of modules.ts.
      for (const module of modules) for (const routes of module.routes) await api.register(routes);
      // Unknown API paths answer a problem document, also when the web app catches everything else.
      for (const url of ['/', '/*']) api.all(url, { schema: { hide: true } }, async (req, reply) => notFoundProblem(req, reply));
    },
    { prefix: '/api' },
  );

  // Routes outside /api (product images at stable, cacheable URLs; robots.txt and the sitemaps),
  // each in its own scope with the API's headers, registered before the web catch-all.
  for (const module of modules) {
    for (const routes of module.rootRoutes ?? []) {
      await app.register(async (root) => {
        await registerApiHeaders(root, { embeddable: true });
        await root.register(routes);
      });
    }
  }
  if (deps.web) await app.register(webPlugin, { handler: deps.web });
  app.setNotFoundHandler((req, reply) => notFoundProblem(req, reply));
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
