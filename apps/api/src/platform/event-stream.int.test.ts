// The event stream: outbox events published to NATS JetStream as `shop.<event type>`, once each
// even when the relay delivers an event again. Against the real NATS server when NATS_URL is set
// (CI), otherwise against the in-memory stand-in with JetStream's duplicate check.
import { randomUUID } from 'node:crypto';
import { AckPolicy, connect, DeliverPolicy, type NatsConnection } from 'nats';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/harness.js';
import {
  connectEventStream,
  EVENT_STREAM_NAME,
  eventStreamHandler,
  memoryEventStream,
  subjectOf,
  type EventStream,
} from './event-stream.js';
import { appendRawEvent, createOutboxRelay } from './outbox.js';

const natsUrl = testConfig().natsUrl;

interface Published {
  subject: string;
  data: { id: string; type: string; aggregateType: string; aggregateId: string; payload: unknown; createdAt: string };
}

/** What the stream holds on `subject`: read back from JetStream, or from the stand-in. */
async function readBack(stream: EventStream, nc: NatsConnection | undefined, subject: string): Promise<Published[]> {
  if (!nc) {
    const memory = stream as ReturnType<typeof memoryEventStream>;
    return memory.messages.filter((m) => m.subject === subject).map((m) => ({ subject: m.subject, data: m.data as Published['data'] }));
  }
  const jsm = await nc.jetstreamManager();
  const consumer = await jsm.consumers.add(EVENT_STREAM_NAME, {
    filter_subject: subject,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    inactive_threshold: 60_000_000_000,
  });
  const c = await nc.jetstream().consumers.get(EVENT_STREAM_NAME, consumer.name);
  const out: Published[] = [];
  const batch = await c.fetch({ max_messages: 100, expires: 1_000 });
  for await (const m of batch) out.push({ subject: m.subject, data: m.json() });
  await jsm.consumers.delete(EVENT_STREAM_NAME, consumer.name);
  return out;
}

describe(`the event stream (${natsUrl ? 'NATS JetStream' : 'in-memory stand-in'})`, () => {
  let t: TestDatabase;
  let stream: EventStream;
  let nc: NatsConnection | undefined;
  // A type of its own per run: the stream on a shared NATS server outlives the test.
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    t = await createTestDatabase({ poolMax: 4 });
    stream = natsUrl ? await connectEventStream(natsUrl, { name: 'shop-test' }) : memoryEventStream();
    nc = natsUrl ? await connect({ servers: natsUrl }) : undefined;
  });
  afterAll(async () => {
    await stream?.close();
    await nc?.close();
    await t?.destroy();
  });

  const relay = () =>
    createOutboxRelay({
      db: t.db,
      handlers: [eventStreamHandler(stream)],
      batchSize: 50,
      maxAttempts: 5,
      backoffBaseMs: 100,
      backoffMaxMs: 1_000,
      leaseMs: 30_000,
      pollMs: 20,
      log: pino({ level: 'silent' }),
    });

  it('publishes each committed event on shop.<event type> with its payload', async () => {
    const type = `test${run}.paid`;
    const ids: string[] = [];
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++)
        ids.push(
          (await appendRawEvent(tx, { aggregateType: 'order', aggregateId: `o-${i}`, eventType: type, payload: { i, total: 1280 } })).id,
        );
    });
    expect(await relay().runOnce()).toBe(3);
    const got = await readBack(stream, nc, subjectOf(type));
    expect(got.map((m) => m.subject)).toEqual([`shop.test${run}.paid`, `shop.test${run}.paid`, `shop.test${run}.paid`]);
    // Events of one transaction share its time: their order among themselves is not kept.
    expect(got.map((m) => m.data.id).sort()).toEqual([...ids].sort());
    expect(got.find((m) => m.data.id === ids[1])!.data).toMatchObject({
      type,
      aggregateType: 'order',
      aggregateId: 'o-1',
      payload: { i: 1, total: 1280 },
    });
  });

  it('an event delivered again (its ledger row lost, a second worker) is in the stream once', async () => {
    const type = `test${run}.cancelled`;
    let id = '';
    await t.db.transaction(async (tx) => {
      id = (await appendRawEvent(tx, { aggregateType: 'order', aggregateId: 'o-9', eventType: type, payload: { reason: 'expired' } })).id;
    });
    expect(await relay().runOnce()).toBe(1);
    // As if the first delivery's commit had failed after the publish: the event is due again.
    await t.pool.query('DELETE FROM outbox_consumer_ledger WHERE event_id = $1', [id]);
    await t.pool.query("UPDATE event_outbox SET status = 'pending', next_run_at = now() WHERE id = $1", [id]);
    expect(await relay().runOnce()).toBe(1);
    const got = await readBack(stream, nc, subjectOf(type));
    expect(got.map((m) => m.data.id)).toEqual([id]);
  });

  it('an event is not in the stream before its transaction commits, nor when it rolls back', async () => {
    const type = `test${run}.rolledback`;
    await t.db
      .transaction(async (tx) => {
        await appendRawEvent(tx, { aggregateType: 'order', aggregateId: 'o-x', eventType: type, payload: {} });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await relay().runOnce();
    expect(await readBack(stream, nc, subjectOf(type))).toEqual([]);
  });
});
