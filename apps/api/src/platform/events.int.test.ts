import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/harness.js';
import { appendEvent, defineEvent, defineHandler, type EventPayload } from './events.js';
import { appendRawEvent, createOutboxRelay, type EventHandler } from './outbox.js';
import { eventOutbox } from './outbox.tables.js';
import { withTx } from './tx.js';

/** A defined event with a default and a transform, so a parsed payload differs from the stored one. */
const ParcelWeighed = defineEvent(
  'parcel.weighed',
  z.object({
    parcelId: z.uuid(),
    grams: z.number().int().positive(),
    unit: z.enum(['g', 'kg']).default('g'),
    label: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase()),
  }),
);

describe('defined events through the relay', () => {
  let t: TestDatabase;
  let received: Array<EventPayload<typeof ParcelWeighed>>;

  const scale: EventHandler = defineHandler({
    name: 'test.parcel-scale',
    events: [ParcelWeighed],
    async handle(tx, payload) {
      received.push(payload);
      await tx.execute(
        sql`INSERT INTO weighings (parcel_id, grams, unit, label) VALUES (${payload.parcelId}, ${payload.grams}, ${payload.unit}, ${payload.label})`,
      );
    },
  });

  const runRelayOnce = () =>
    createOutboxRelay({
      db: t.db,
      handlers: [scale],
      batchSize: 10,
      // A budget of several attempts: a bad payload must not use it.
      maxAttempts: 5,
      backoffBaseMs: 10,
      backoffMaxMs: 10,
      leaseMs: 30_000,
      pollMs: 20,
      log: pino({ level: 'silent' }),
    }).runOnce();

  const outboxRow = async (id: string) => (await t.db.select().from(eventOutbox).where(eq(eventOutbox.id, id)))[0]!;
  const weighings = async () => (await t.db.execute(sql`SELECT parcel_id, grams, unit, label FROM weighings`)).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.execute(sql`CREATE TABLE weighings (parcel_id uuid NOT NULL, grams int NOT NULL, unit text NOT NULL, label text NOT NULL)`);
  });
  beforeEach(async () => {
    received = [];
    await t.db.execute(sql`TRUNCATE weighings, event_outbox CASCADE`);
  });
  afterAll(() => t.destroy());

  it("an event whose payload fails its schema is dead with the schema's message", async () => {
    const bad = { parcelId: 'parcel-7', grams: -250, label: 'fragile' };
    const { id } = await withTx(t.db, (tx) =>
      appendRawEvent(tx, { aggregateType: 'parcel', aggregateId: 'parcel-7', eventType: ParcelWeighed.type, payload: bad }),
    );

    expect(await runRelayOnce()).toBe(1);

    const row = await outboxRow(id);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(1);
    // Every issue the schema finds, as "<field path>: <zod message>".
    const issues = ParcelWeighed.schema.safeParse(bad).error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues.map((i) => i.split(':')[0])).toEqual(['parcelId', 'grams']);
    for (const issue of issues) expect(row.lastError).toContain(issue);
    expect(row.lastError).toMatch(/^test\.parcel-scale: parcel\.weighed payload is invalid/);
    // The handler never ran: no effect, nothing received, no ledger entry.
    expect(received).toEqual([]);
    expect(await weighings()).toEqual([]);
    const ledger = await t.db.execute(sql`SELECT 1 FROM outbox_consumer_ledger WHERE event_id = ${id}`);
    expect(ledger.rows).toEqual([]);
  });

  it('delivers a good payload parsed: defaults and transforms applied', async () => {
    const parcelId = randomUUID();
    // Stored as written (no unit, label untrimmed), as an older writer might have stored it.
    const { id } = await withTx(t.db, (tx) =>
      appendRawEvent(tx, {
        aggregateType: 'parcel',
        aggregateId: parcelId,
        eventType: ParcelWeighed.type,
        payload: { parcelId, grams: 1200, label: '  fragile ' },
      }),
    );

    await runRelayOnce();

    expect(received).toEqual([{ parcelId, grams: 1200, unit: 'g', label: 'FRAGILE' }]);
    expect(await weighings()).toEqual([{ parcel_id: parcelId, grams: 1200, unit: 'g', label: 'FRAGILE' }]);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 0, lastError: null });
  });

  it('appendEvent stores the parsed payload and refuses a bad one, rolling the caller back', async () => {
    const parcelId = randomUUID();
    const { id } = await withTx(t.db, (tx) =>
      appendEvent(tx, ParcelWeighed, { aggregateId: parcelId, payload: { parcelId, grams: 3, unit: 'kg', label: 'books' } }),
    );
    expect(await outboxRow(id)).toMatchObject({
      aggregateType: 'parcel',
      eventType: 'parcel.weighed',
      payload: { parcelId, grams: 3, unit: 'kg', label: 'BOOKS' },
    });

    await expect(
      withTx(t.db, async (tx) => {
        await tx.execute(sql`INSERT INTO weighings (parcel_id, grams, unit, label) VALUES (${parcelId}, 1, 'g', 'x')`);
        await appendEvent(tx, ParcelWeighed, { aggregateId: parcelId, payload: { parcelId, grams: 0.5, label: 'x' } });
      }),
    ).rejects.toThrow(/grams: /);
    expect(await weighings()).toEqual([]);
    expect(await t.db.select().from(eventOutbox)).toHaveLength(1);
  });
});
