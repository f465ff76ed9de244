import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client.js';
import { ConflictError } from './errors.js';
import { EventPayloadError } from './events.js';
import * as repo from './outbox.repo.js';

/** An event as handlers see it. */
export interface OutboxEvent {
  id: string;
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: unknown;
  /** Failed attempts so far. */
  attempts: number;
  createdAt: Date;
}

/**
 * A consumer of events. `handle` runs inside a transaction that also records (event id, handler
 * name) in the consumer ledger, so its database effects happen exactly once per event even when
 * an event is delivered again. Effects outside the database must be idempotent themselves.
 */
export interface EventHandler {
  /** Stable and unique: it is the ledger key. Renaming a handler makes it see old events as new. */
  name: string;
  /** Event types it consumes, or '*' for all. */
  eventTypes: readonly string[] | '*';
  handle(tx: Tx, event: OutboxEvent): Promise<void>;
  /**
   * Runs after `handle`'s transaction has committed, for effects that must follow the commit
   * (invalidating a cache: done before, a concurrent read could cache the old rows anew). Not run
   * when the event had already been consumed; a failure is logged, not retried.
   */
  afterCommit?(event: OutboxEvent): Promise<void>;
}

/** A stored event as it is, unchecked by any schema. */
export interface AppendEventInput {
  aggregateType: string;
  aggregateId: string;
  /** `<entity>.<past-tense>`, e.g. `order.cancelled`. */
  eventType: string;
  payload: unknown;
}

/**
 * Appends an event as given, without its definition's schema check: for tests that need what no
 * module may write (a payload its schema refuses, an unknown type) to see how the relay treats it.
 * Modules append through `appendEvent` (platform/events.ts); no module imports this.
 */
export async function appendRawEvent(tx: Tx, input: AppendEventInput): Promise<{ id: string }> {
  if (typeof (tx as { rollback?: unknown }).rollback !== 'function') {
    throw new TypeError('appendRawEvent needs a transaction handle (withTx(db, async (tx) => …))');
  }
  const row = await repo.insertEvent(tx, input);
  return { id: row.id };
}

export interface RelayOptions {
  db: Db;
  handlers: readonly EventHandler[];
  batchSize: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  leaseMs: number;
  pollMs: number;
  log: { info(o: object, msg: string): void; warn(o: object, msg: string): void; error(o: object, msg: string): void };
  /** Source of jitter, injectable for tests. */
  random?: () => number;
}

export interface OutboxRelay {
  /** Claims and processes one batch; resolves to the number of events claimed. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the batch in hand. */
  stop(): Promise<void>;
}

/** Delay before retry `attempt` (1-based): base·2^(attempt−1), capped, ±20% jitter. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(exp * (0.8 + 0.4 * random()));
}

export function createOutboxRelay(opts: RelayOptions): OutboxRelay {
  const names = new Set<string>();
  for (const h of opts.handlers) {
    if (names.has(h.name)) throw new Error(`two outbox handlers are named ${h.name}`);
    names.add(h.name);
  }
  const random = opts.random ?? Math.random;
  const workerId = randomUUID().slice(0, 8);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  const handlersFor = (type: string) => opts.handlers.filter((h) => h.eventTypes === '*' || h.eventTypes.includes(type));

  async function deliver(row: repo.OutboxRow): Promise<void> {
    const event: OutboxEvent = {
      id: row.id,
      aggregateType: row.aggregateType,
      aggregateId: row.aggregateId,
      eventType: row.eventType,
      payload: row.payload,
      attempts: row.attempts,
      createdAt: row.createdAt,
    };
    const failures: string[] = [];
    let unreadable = false;
    for (const handler of handlersFor(row.eventType)) {
      let handled = false;
      try {
        // A plain transaction, not withTx: a handler may act outside the database (the mailer sends
        // inside it), so running it again on the spot would repeat that act; a failure here is
        // retried by the relay itself, with backoff and counted in `attempts`.
        await opts.db.transaction(async (tx) => {
          if (!(await repo.recordConsumption(tx, row.id, handler.name))) return;
          await handler.handle(tx, event);
          handled = true;
        });
      } catch (err) {
        failures.push(`${handler.name}: ${err instanceof Error ? err.message : String(err)}`);
        // A payload its schema refuses will be refused again: no point in retrying it.
        if (err instanceof EventPayloadError) unreadable = true;
        continue;
      }
      if (handled && handler.afterCommit) {
        await handler
          .afterCommit(event)
          .catch((err: unknown) =>
            opts.log.warn({ eventId: row.id, handler: handler.name, err }, 'outbox handler: its after-commit step failed'),
          );
      }
    }
    if (failures.length === 0) {
      await repo.markSent(opts.db, row.id);
      return;
    }
    const delayMs = backoffDelay(row.attempts + 1, opts.backoffBaseMs, opts.backoffMaxMs, random);
    const after = await repo.markFailed(opts.db, row.id, {
      error: failures.join('; ').slice(0, 4000),
      delayMs,
      maxAttempts: unreadable ? 0 : opts.maxAttempts,
    });
    const ctx = { eventId: row.id, eventType: row.eventType, attempts: after?.attempts, errors: failures };
    if (after?.status === 'dead') opts.log.error(ctx, 'outbox event is dead after its last attempt');
    else opts.log.warn({ ...ctx, retryInMs: delayMs }, 'outbox event failed; will retry');
  }

  async function runOnce(): Promise<number> {
    const rows = await repo.claimDueEvents(opts.db, opts.batchSize, opts.leaseMs);
    for (const row of rows) await deliver(row);
    return rows.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .then((n) => schedule(n >= opts.batchSize ? 0 : opts.pollMs))
        .catch((err: unknown) => {
          opts.log.error({ err, workerId }, 'outbox relay batch failed');
          schedule(opts.pollMs);
        });
    }, delay);
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** Dead events, oldest first, for staff to inspect. */
export async function listDeadEvents(db: Db, input: { limit: number }): Promise<repo.OutboxRow[]> {
  return repo.listDead(db, input.limit);
}

/** Puts a dead event back to pending with a fresh attempt budget. 409 when it is not dead. */
export async function requeueDeadEvent(db: Db, input: { eventId: string }): Promise<repo.OutboxRow> {
  const row = await repo.requeueDead(db, input.eventId);
  if (!row) throw new ConflictError('OUTBOX_EVENT_NOT_DEAD', `event ${input.eventId} is not dead`);
  return row;
}

/** Deletes delivered events older than `days` (their ledger rows go with them). */
export async function pruneSentEvents(db: Db, input: { days: number }): Promise<number> {
  return repo.deleteSentBefore(db, input.days);
}
