import { HealthResponse, ReadyResponse } from '@shop/contracts/health';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { migrationsApplied } from '../db/migrate.js';

/** Liveness and readiness for load balancers and orchestrators. */
export const healthRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool; version: string }> = async (app, { pool, version }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness: the process is up',
        response: { 200: HealthResponse },
      },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()), version }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['platform'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (_req, reply) => {
      let database: 'ok' | 'down' = 'ok';
      let migrations: 'ok' | 'pending' = 'pending';
      try {
        migrations = (await migrationsApplied(pool)) ? 'ok' : 'pending';
      } catch {
        database = 'down';
      }
      const ready = database === 'ok' && migrations === 'ok';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations } });
    },
  );
};
