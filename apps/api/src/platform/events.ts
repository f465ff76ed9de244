import type { z } from 'zod';
import type { Tx } from '../db/client.js';
import type { EventHandler, OutboxEvent } from './outbox.js';
import * as repo from './outbox.repo.js';

/**
 * An outbox event type, defined once with the schema of its payload. `appendEvent` takes the
 * definition, so the compiler checks every payload; handlers made with `defineHandler` receive the
 * payload parsed by the same schema.
 */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  /** `<entity>.<past-tense>`, e.g. `order.cancelled`. */
  readonly type: T;
  readonly schema: S;
  /** Stored with each event; by default the type's first part (`order` for `order.cancelled`). */
  readonly aggregateType: string;
}

/** The payload a handler receives for an event definition (the schema's output). */
export type EventPayload<E extends EventDefinition> = z.output<E['schema']>;
/** What `appendEvent` accepts for an event definition (the schema's input). */
export type EventInput<E extends EventDefinition> = z.input<E['schema']>;

export function defineEvent<const T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  opts: { aggregateType?: string } = {},
): EventDefinition<T, S> {
  return { type, schema, aggregateType: opts.aggregateType ?? type.split('.')[0]! };
}

/** A payload that does not match its event's schema: never retried, the event goes dead with this message. */
export class EventPayloadError extends Error {
  constructor(eventType: string, issues: string) {
    super(`${eventType} payload is invalid (does not match its schema): ${issues}`);
    this.name = 'EventPayloadError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`).join('; ');
}

/** Parses a payload with its event's schema; throws `EventPayloadError` naming every issue. */
export function parsePayload<E extends EventDefinition>(event: E, payload: unknown): EventPayload<E> {
  const parsed = event.schema.safeParse(payload);
  if (!parsed.success) throw new EventPayloadError(event.type, describeIssues(parsed.error));
  return parsed.data as EventPayload<E>;
}

/**
 * Appends an event to the outbox in the caller's transaction: it is delivered if and only if that
 * transaction commits. The payload is checked against the event's schema here too, so a bad one
 * rolls the caller back instead of queueing an event no handler can read. Takes only a
 * transaction handle, never the pool.
 */
export async function appendEvent<E extends EventDefinition>(
  tx: Tx,
  event: E,
  input: { aggregateId: string; payload: EventInput<E>; aggregateType?: string },
): Promise<{ id: string }> {
  if (typeof (tx as { rollback?: unknown }).rollback !== 'function') {
    throw new TypeError('appendEvent needs a transaction handle (withTx(db, async (tx) => …))');
  }
  const payload = parsePayload(event, input.payload);
  const row = await repo.insertEvent(tx, {
    aggregateType: input.aggregateType ?? event.aggregateType,
    aggregateId: input.aggregateId,
    eventType: event.type,
    payload,
  });
  return { id: row.id };
}

/** A consumer of one or more defined events, receiving their parsed payloads. */
export interface HandlerDefinition<E extends EventDefinition> {
  /** Stable and unique: it is the consumer ledger's key. */
  name: string;
  events: readonly E[];
  /** Runs inside the transaction that records the event as consumed by this handler (once per event). */
  handle(tx: Tx, payload: EventPayload<E>, event: OutboxEvent): Promise<void>;
  /** Runs after that transaction has committed (cache invalidation); not for an event already consumed. */
  afterCommit?(payload: EventPayload<E>, event: OutboxEvent): Promise<void>;
}

/**
 * Makes an outbox handler from defined events. The relay hands it the stored payload; it is parsed
 * with the event's schema first, and one that fails is not retried: the event is dead with the
 * schema's message in `last_error`.
 */
export function defineHandler<E extends EventDefinition>(def: HandlerDefinition<E>): EventHandler {
  const byType = new Map<string, E>(def.events.map((e) => [e.type, e]));
  const parse = (event: OutboxEvent) => {
    const definition = byType.get(event.eventType);
    if (!definition) throw new EventPayloadError(event.eventType, `handler ${def.name} does not know this event type`);
    return parsePayload(definition, event.payload);
  };
  return {
    name: def.name,
    eventTypes: [...byType.keys()],
    handle: (tx, event) => def.handle(tx, parse(event), event),
    ...(def.afterCommit ? { afterCommit: (event: OutboxEvent) => def.afterCommit!(parse(event), event) } : {}),
  };
}
