import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import { MailList, MailMessage } from '@shop/contracts/admin';
import { eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import type { Db } from '../../db/client.js';
import { authPlugin, createAccessTokens, type Actor } from '../../platform/auth.js';
import { registerErrorHandling } from '../../platform/http-errors.js';
import { appendRawEvent, createOutboxRelay, type EventHandler } from '../../platform/outbox.js';
import { eventOutbox, outboxConsumerLedger } from '../../platform/outbox.tables.js';
import { devboxTransport, emailSendHandler, getMail, listMail, notificationsRoutes, queueEmail, type EmailSendPayload } from './index.js';
import { mailMessages } from './notifications.tables.js';

const silent = pino({ level: 'silent' });
const from = 'Goodies Shop <no-reply@shop.example.tw>';
const admin: Actor = { userId: randomUUID(), roles: ['admin'], sessionId: randomUUID() };
const customer: Actor = { userId: randomUUID(), roles: ['customer'], sessionId: randomUUID() };
const context = { ip: '127.0.0.1', time: new Date() };

function relay(db: Db, handlers: EventHandler[], maxAttempts = 5) {
  return createOutboxRelay({
    db,
    handlers,
    batchSize: 100,
    maxAttempts,
    backoffBaseMs: 100,
    backoffMaxMs: 1_000,
    leaseMs: 30_000,
    pollMs: 20,
    log: silent,
  });
}

const verify = (to: string, token: string, locale: EmailSendPayload['locale'] = 'zh-TW'): EmailSendPayload => ({
  to,
  template: 'verify_email',
  locale,
  params: { displayName: '王小明', link: `https://shop.example.tw/verify-email?token=${token}` },
});

describe('notifications', () => {
  let t: TestDatabase;
  const deliverAll = async (maxAttempts = 5) => {
    const r = relay(t.db, [emailSendHandler({ transport: devboxTransport(), from })], maxAttempts);
    while ((await r.runOnce()) > 0);
  };
  const queue = (payload: EmailSendPayload) => t.db.transaction((tx) => queueEmail(tx, payload));
  const mails = () => t.db.select().from(mailMessages);
  const outboxRow = async (id: string) => (await t.db.select().from(eventOutbox).where(eq(eventOutbox.id, id)))[0]!;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE mail_messages, event_outbox CASCADE`);
  });
  afterAll(() => t.destroy());

  describe('queueEmail and delivery', () => {
    it('delivers a mail queued in a committed transaction into the mailbox, in zh-TW with the link', async () => {
      const { eventId } = await queue(verify('amy@example.com', 'tok-1'));

      await deliverAll();

      const rows = await mails();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        eventId,
        to: 'amy@example.com',
        subject: '【好物小舖】請驗證您的電子郵件地址',
        template: 'verify_email',
        locale: 'zh-TW',
        transport: 'devbox',
        providerMessageId: null,
      });
      expect(rows[0]!.text).toContain('https://shop.example.tw/verify-email?token=tok-1');
      expect(rows[0]!.html).toContain('href="https://shop.example.tw/verify-email?token=tok-1"');
      expect(rows[0]!.text).toContain('王小明 您好');
      expect(await outboxRow(eventId)).toMatchObject({
        status: 'sent',
        eventType: 'email.send',
        aggregateType: 'email',
        aggregateId: 'amy@example.com',
      });
    });

    it('sends nothing for a transaction that rolls back', async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await queueEmail(tx, verify('amy@example.com', 'tok-1'));
          throw new Error('registration failed');
        }),
      ).rejects.toThrow('registration failed');

      await deliverAll();

      expect(await mails()).toEqual([]);
      expect(await t.db.select().from(eventOutbox)).toEqual([]);
    });

    it('refuses a malformed payload at once, so the caller rolls back instead of queueing a dead mail', async () => {
      await expect(queue({ ...verify('amy@example.com', 'x'), params: { displayName: 'Amy' } })).rejects.toThrow(
        /params for verify_email are invalid[\s\S]*link/,
      );
      await expect(queue(verify('not-an-address', 'x'))).rejects.toThrow(/email\.send payload is invalid[\s\S]*to/);
      expect(await t.db.select().from(eventOutbox)).toEqual([]);
    });

    it('writes an unknown locale in zh-TW rather than failing the mail', async () => {
      await t.db.transaction((tx) =>
        appendRawEvent(tx, {
          aggregateType: 'email',
          aggregateId: 'amy@example.com',
          eventType: 'email.send',
          payload: { ...verify('amy@example.com', 't'), locale: 'ja' },
        }),
      );
      await deliverAll();
      expect(await mails()).toEqual([expect.objectContaining({ locale: 'zh-TW', subject: '【好物小舖】請驗證您的電子郵件地址' })]);
    });

    it('keeps one mail per event when the event is delivered again', async () => {
      const { eventId } = await queue(verify('amy@example.com', 'tok-1'));
      await deliverAll();
      const first = await mails();

      // Redelivered while the ledger still holds it (e.g. the worker died before marking it sent).
      await t.db
        .update(eventOutbox)
        .set({ status: 'pending', nextRunAt: sql`now()` })
        .where(eq(eventOutbox.id, eventId));
      await deliverAll();
      // Redelivered after the ledger was cleared (an operator replaying events): the handler runs again.
      await t.db.delete(outboxConsumerLedger).where(eq(outboxConsumerLedger.eventId, eventId));
      await t.db
        .update(eventOutbox)
        .set({ status: 'pending', nextRunAt: sql`now()` })
        .where(eq(eventOutbox.id, eventId));
      await deliverAll();

      expect(await mails()).toEqual(first);
      expect((await outboxRow(eventId)).status).toBe('sent');
      const ledger = await t.db.select().from(outboxConsumerLedger).where(eq(outboxConsumerLedger.eventId, eventId));
      expect(ledger.map((l) => l.handler)).toEqual(['notifications.email-send']);
    });

    it.each([
      [
        'a bad address',
        { to: 'nobody', template: 'verify_email', locale: 'en', params: { displayName: 'A', link: 'https://x.example/v' } },
        /payload is invalid[\s\S]*to/,
      ],
      [
        'an unknown template',
        { to: 'a@example.com', template: 'welcome_back', locale: 'en', params: {} },
        /payload is invalid[\s\S]*template/,
      ],
      [
        'a missing link',
        { to: 'a@example.com', template: 'reset_password', locale: 'en', params: { displayName: 'A' } },
        /params for reset_password are invalid[\s\S]*link/,
      ],
      [
        'a javascript: link',
        { to: 'a@example.com', template: 'verify_email', locale: 'en', params: { displayName: 'A', link: 'javascript:alert(1)' } },
        /http\(s\) URL/,
      ],
      ['a payload that is no object', 'send a mail to amy', /payload is invalid/],
    ])('marks an event with %s dead, with the validation error in last_error, and sends nothing', async (_what, payload, error) => {
      const { id } = await t.db.transaction((tx) =>
        appendRawEvent(tx, { aggregateType: 'email', aggregateId: 'a@example.com', eventType: 'email.send', payload }),
      );

      await deliverAll(1);

      const row = await outboxRow(id);
      expect(row.status).toBe('dead');
      expect(row.lastError).toMatch(/^notifications\.email-send: /);
      expect(row.lastError).toMatch(error);
      expect(await mails()).toEqual([]);
    });
  });

  describe('listMail and getMail', () => {
    beforeEach(async () => {
      // Separate transactions, delivered in order: each mail is newer than the one before.
      for (let i = 1; i <= 3; i++) await queue(verify('Alice.Chen@Example.com', `alice-${i}`));
      await queue(verify('bob@example.com', 'bob-1', 'en'));
      await queue(verify('alice.chen@example.com.tw', 'not-alice'));
      await deliverAll();
    });

    const tokenOf = (m: { text: string }) => /token=([\w-]+)/.exec(m.text)?.[1];

    it('lists everything newest first', async () => {
      const all = await listMail(t.db, { actor: admin, context, page: 1, pageSize: 20 });
      expect(all.total).toBe(5);
      expect(all.items.map(tokenOf)).toEqual(['not-alice', 'bob-1', 'alice-3', 'alice-2', 'alice-1']);
      expect(all.items[1]).toMatchObject({
        to: 'bob@example.com',
        subject: 'Verify your email for Goodies Shop',
        locale: 'en',
        template: 'verify_email',
        transport: 'devbox',
      });
      expect(new Date(all.items[0]!.createdAt).toISOString()).toBe(all.items[0]!.createdAt);
    });

    it('filters by the whole recipient address, ignoring case, and pages', async () => {
      const page1 = await listMail(t.db, { actor: admin, context, to: 'alice.chen@EXAMPLE.COM', page: 1, pageSize: 2 });
      expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page1.items.map(tokenOf)).toEqual(['alice-3', 'alice-2']);

      const page2 = await listMail(t.db, { actor: admin, context, to: ' ALICE.chen@example.com ', page: 2, pageSize: 2 });
      expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.items.map(tokenOf)).toEqual(['alice-1']);

      const beyond = await listMail(t.db, { actor: admin, context, to: 'alice.chen@example.com', page: 3, pageSize: 2 });
      expect(beyond).toMatchObject({ total: 3, items: [] });

      // A prefix of an address is not the address.
      expect(await listMail(t.db, { actor: admin, context, to: 'alice.chen@example', page: 1, pageSize: 20 })).toMatchObject({
        total: 0,
        items: [],
      });
    });

    it('returns one mail by id, and MAIL_NOT_FOUND for an unknown one', async () => {
      const [newest] = (await listMail(t.db, { actor: admin, context, page: 1, pageSize: 1 })).items;
      expect(await getMail(t.db, { actor: admin, context, id: newest!.id })).toEqual(newest);

      await expect(getMail(t.db, { actor: admin, context, id: randomUUID() })).rejects.toMatchObject({
        status: 404,
        code: 'MAIL_NOT_FOUND',
      });
      await expect(getMail(t.db, { actor: admin, context, id: 'not-a-uuid' })).rejects.toMatchObject({
        status: 404,
        code: 'MAIL_NOT_FOUND',
      });
    });

    it('lets only staff allowed by policy read the mailbox: 403 for a customer, 401 for nobody', async () => {
      const [mail] = await t.db.select().from(mailMessages).limit(1);

      await expect(listMail(t.db, { actor: customer, context, page: 1, pageSize: 20 })).rejects.toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      await expect(getMail(t.db, { actor: customer, context, id: mail!.id })).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
      await expect(listMail(t.db, { actor: null, context, page: 1, pageSize: 20 })).rejects.toMatchObject({ status: 401 });
      await expect(getMail(t.db, { actor: null, context, id: mail!.id })).rejects.toMatchObject({ status: 401 });
    });
  });

  describe('GET /api/admin/mailbox', () => {
    // The routes on a bare Fastify with the platform's auth plugin and error handling; buildApp
    // wires the same pieces. Sessions are never revoked here (identity's check is not under test).
    const tokens = createAccessTokens({ secret: 'notifications-test-secret-0123456789abcdef', ttlSec: 600 });
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    const bearer = async (actor: Actor) => ({ authorization: `Bearer ${await tokens.sign(actor)}` });

    beforeAll(async () => {
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      registerErrorHandling(app);
      await app.register(cookie);
      await app.register(authPlugin, { tokens, isRevoked: async () => false, publicUrl: undefined });
      await app.register(notificationsRoutes, { prefix: '/api', db: t.db });
      await app.ready();
    });
    afterAll(() => app.close());
    beforeEach(async () => {
      await queue(verify('Amy@Example.com', 'amy-1'));
      await queue(verify('bob@example.com', 'bob-1', 'en'));
      await deliverAll();
    });

    it('lists and shows mail to an admin', async () => {
      const list = await app.inject({
        method: 'GET',
        url: '/api/admin/mailbox?to=amy@example.com&pageSize=5',
        headers: await bearer(admin),
      });
      expect(list.statusCode).toBe(200);
      const body = MailList.parse(list.json());
      expect(body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
      expect(body.items[0]).toMatchObject({ to: 'Amy@Example.com', subject: '【好物小舖】請驗證您的電子郵件地址', transport: 'devbox' });

      const one = await app.inject({ method: 'GET', url: `/api/admin/mailbox/${body.items[0]!.id}`, headers: await bearer(admin) });
      expect(one.statusCode).toBe(200);
      expect(MailMessage.parse(one.json())).toEqual(body.items[0]);
    });

    it('answers problem documents: 401 signed out, 403 for a customer, 404 unknown id, 400 bad paging', async () => {
      const anon = await app.inject({ method: 'GET', url: '/api/admin/mailbox' });
      expect(anon.statusCode).toBe(401);
      expect(anon.json()).toMatchObject({ code: 'AUTH_UNAUTHORIZED' });

      const forbidden = await app.inject({ method: 'GET', url: '/api/admin/mailbox', headers: await bearer(customer) });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
      expect(forbidden.body).not.toContain('amy-1');

      const missing = await app.inject({ method: 'GET', url: `/api/admin/mailbox/${randomUUID()}`, headers: await bearer(admin) });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'MAIL_NOT_FOUND' });

      const notUuid = await app.inject({ method: 'GET', url: '/api/admin/mailbox/123', headers: await bearer(admin) });
      expect(notUuid.statusCode).toBe(400);
      const tooBig = await app.inject({ method: 'GET', url: '/api/admin/mailbox?pageSize=500', headers: await bearer(admin) });
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
