// The event stream: with NATS_URL set, every outbox event is also published to NATS JetStream as
// subject `shop.<event_type>`, for consumers outside the shop (reporting, a warehouse system,
// another service split off later). The outbox stays the source: the publisher is an outbox
// handler, so an event is published at least once, after its transaction committed, and retried
// with the relay's backoff while NATS is away. JetStream drops a second copy of an event (the
// message id is the event's id, within the stream's duplicate window).
import { connect, RetentionPolicy, StorageType, type NatsConnection } from 'nats';
import type { EventHandler, OutboxEvent } from './outbox.js';

/** Where events go: NATS JetStream in production, an in-memory stand-in where no NATS runs. */
export interface EventStream {
  /** Publishes `data` on `subject`; a second publish with the same `msgId` is dropped. Resolves once stored. */
  publish(subject: string, data: Uint8Array, msgId: string): Promise<void>;
  close(): Promise<void>;
}

/** The JetStream stream that keeps the shop's events, and its subjects. */
export const EVENT_STREAM_NAME = 'SHOP';
export const EVENT_SUBJECT_PREFIX = 'shop.';

/** The subject of an event type (`order.paid` → `shop.order.paid`). */
export const subjectOf = (eventType: string) => `${EVENT_SUBJECT_PREFIX}${eventType}`;

/** What is published: the event as stored, its payload as JSON. */
export function encodeEvent(event: OutboxEvent): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      id: event.id,
      type: event.eventType,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload,
      createdAt: event.createdAt.toISOString(),
    }),
  );
}

/**
 * Connects to NATS and makes sure the stream exists (subjects `shop.>`, kept on disk, limits
 * retention: consumers read at their own pace). The connection reconnects by itself; a publish
 * while NATS is away fails, and the relay retries the event later.
 */
export async function connectEventStream(url: string, opts: { name?: string; timeoutMs?: number } = {}): Promise<EventStream> {
  const nc: NatsConnection = await connect({
    servers: url,
    name: opts.name ?? 'shop',
    timeout: opts.timeoutMs ?? 5_000,
    maxReconnectAttempts: -1,
  });
  try {
    const jsm = await nc.jetstreamManager();
    try {
      await jsm.streams.info(EVENT_STREAM_NAME);
    } catch {
      await jsm.streams.add({
        name: EVENT_STREAM_NAME,
        subjects: [`${EVENT_SUBJECT_PREFIX}>`],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
      });
    }
  } catch (err) {
    await nc.close();
    throw err;
  }
  const js = nc.jetstream();
  return {
    async publish(subject, data, msgId) {
      await js.publish(subject, data, { msgID: msgId, timeout: opts.timeoutMs ?? 5_000 });
    },
    async close() {
      await nc.drain();
    },
  };
}

/** An in-memory stand-in with JetStream's duplicate check, for a machine without NATS. */
export function memoryEventStream(): EventStream & { messages: Array<{ subject: string; data: unknown; msgId: string }> } {
  const messages: Array<{ subject: string; data: unknown; msgId: string }> = [];
  return {
    messages,
    async publish(subject, data, msgId) {
      if (messages.some((m) => m.msgId === msgId)) return;
      messages.push({ subject, data: JSON.parse(new TextDecoder().decode(data)), msgId });
    },
    async close() {},
  };
}

export const EVENT_STREAM_HANDLER = 'platform.event-stream';

/**
 * The outbox handler that publishes every event. It records nothing in the database but the
 * relay's consumer ledger row: a publish that fails rolls that back and the relay retries; a
 * publish that succeeded before a failed commit is sent again and dropped by JetStream as a copy.
 */
export function eventStreamHandler(stream: EventStream): EventHandler {
  return {
    name: EVENT_STREAM_HANDLER,
    eventTypes: '*',
    async handle(_tx, event) {
      await stream.publish(subjectOf(event.eventType), encodeEvent(event), event.id);
    },
  };
}
