import { healthRoutes } from './health.routes.js';
import { routes, type ModuleContext, type ModuleParts } from './module.js';
import { pruneSentEvents } from './outbox.js';
import { outboxAdminRoutes } from './outbox.routes.js';

/** The platform's own parts: health and readiness, the staff view of dead events, pruning delivered events. */
export function platformModule(ctx: ModuleContext): ModuleParts {
  const { config, db, pool } = ctx;
  return {
    name: 'platform',
    routes: [routes(healthRoutes, { pool, version: config.version }), routes(outboxAdminRoutes, { db })],
    eventHandlers: [],
    jobs: [
      {
        name: 'outbox.prune-sent',
        intervalMs: 60 * 60 * 1000,
        run: async (jobDb) => {
          await pruneSentEvents(jobDb, { days: config.outbox.retentionDays });
        },
      },
    ],
  };
}
