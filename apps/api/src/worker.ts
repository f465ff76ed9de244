import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { buildModules, createModuleContext, eventHandlersOf, jobsOf } from './modules.js';
import { eventStreamHandler, type EventStream } from './platform/event-stream.js';
import type { Logger } from './platform/logger.js';
import { createOutboxRelay } from './platform/outbox.js';
import { createScheduler } from './platform/scheduler.js';

/**
 * The background side: outbox relay and scheduler, with every module's handlers and jobs (modules.ts).
 * Runs inside the API process or alone (--role=worker). `db` and `redis` are the API's own (the
 * catalog's handler invalidates the API's cached reads through them). With `stream` (NATS_URL set),
 * every event is also published to the event stream.
 */
export function createWorker(deps: {
  config: Config;
  db: Db;
  pool: pg.Pool;
  logger: Logger;
  redis?: Redis | undefined;
  stream?: EventStream | undefined;
}) {
  const log = deps.logger.child({ component: 'worker' });
  const modules = buildModules(createModuleContext(deps));
  const handlers = [...eventHandlersOf(modules), ...(deps.stream ? [eventStreamHandler(deps.stream)] : [])];
  const relay = createOutboxRelay({ db: deps.db, handlers, log, ...deps.config.outbox });
  const scheduler = createScheduler({
    db: deps.db,
    jobs: jobsOf(modules),
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
