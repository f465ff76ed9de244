import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { platformJobs } from './platform/jobs.js';
import { catalogEventHandlers } from './modules/catalog/index.js';
import { identityEventHandlers } from './modules/identity/index.js';
import { notificationsEventHandlers } from './modules/notifications/index.js';
import type { Logger } from './platform/logger.js';
import { createOutboxRelay, type EventHandler } from './platform/outbox.js';
import { createScheduler } from './platform/scheduler.js';

/**
 * Every module's outbox handlers. Modules add theirs here as they arrive. `db` and `redis` are the
 * API's own (the catalog's handler invalidates the API's cached reads through them).
 */
export function eventHandlers(config: Config, deps: { db: Db; redis?: Redis | undefined }): EventHandler[] {
  return [...notificationsEventHandlers(config), ...identityEventHandlers(config), ...catalogEventHandlers(deps)];
}

/** The background side: outbox relay and scheduler. Runs inside the API process or alone (--role=worker). */
export function createWorker(deps: { config: Config; db: Db; logger: Logger; redis?: Redis | undefined }) {
  const log = deps.logger.child({ component: 'worker' });
  const relay = createOutboxRelay({ db: deps.db, handlers: eventHandlers(deps.config, deps), log, ...deps.config.outbox });
  const scheduler = createScheduler({
    db: deps.db,
    jobs: platformJobs(deps.config),
    pollMs: 5_000,
    leaseMs: 10 * 60 * 1000,
    log,
  });
  return {
    async start() {
      relay.start();
      await scheduler.start();
    },
    async stop() {
      await Promise.all([relay.stop(), scheduler.stop()]);
    },
  };
}
