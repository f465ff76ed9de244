import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { createOutboxRelay } from '../../platform/outbox.js';
import { eventOutbox, outboxConsumerLedger } from '../../platform/outbox.tables.js';
import { createMailTransport, emailSendHandler, queueEmail, type EmailSendPayload } from './index.js';
import { mailMessages } from './notifications.tables.js';

interface Received {
  from: string | undefined;
  rcptTo: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1, on a free port in 20000–30000 (25433 is the test PostgreSQL). */
async function startSmtpServer(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_001);
    if (port === 25433) continue;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    const listening = await new Promise<boolean>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(false) : reject(err));
      server.server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.server.off('error', onError);
        resolve(true);
      });
    });
    if (listening) return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
  }
  throw new Error('no free port for the SMTP server in 20000–30000');
}

/** Header block of an RFC 822 message, unfolded, with RFC 2047 encoded-words decoded. */
function headers(raw: string): Record<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const out: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    out[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return out;
}

function decodeWords(value: string): string {
  // Adjacent encoded-words are one run of bytes: decode them together (a character may span two).
  return value.replace(/(=\?UTF-8\?[BQ]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const [, enc, text] of run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)) {
      bytes.push(
        enc!.toUpperCase() === 'B'
          ? Buffer.from(text!, 'base64')
          : Buffer.from(
              text!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ),
      );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

/** The decoded body of the message's text/plain part. */
function textPart(raw: string): string {
  const at = raw.search(/Content-Type: text\/plain/i);
  const part = raw.slice(at);
  const partHead = part.slice(0, part.indexOf('\r\n\r\n'));
  const body = part.slice(part.indexOf('\r\n\r\n') + 4).split(/\r\n--/)[0]!;
  const cte = /Content-Transfer-Encoding: (\S+)/i.exec(partHead)?.[1]?.toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe('email.send over SMTP', () => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const from = 'Goodies Shop <no-reply@shop.example.tw>';

  const deliverAll = async () => {
    const transport = createMailTransport({ mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from } });
    expect(transport.name).toBe('smtp');
    const relay = createOutboxRelay({
      db: t.db,
      handlers: [emailSendHandler({ transport, from })],
      batchSize: 10,
      maxAttempts: 3,
      backoffBaseMs: 100,
      backoffMaxMs: 1_000,
      leaseMs: 30_000,
      pollMs: 20,
      log: pino({ level: 'silent' }),
    });
    while ((await relay.runOnce()) > 0);
  };
  const queue = (payload: EmailSendPayload) => t.db.transaction((tx) => queueEmail(tx, payload));
  const link = 'https://shop.example.tw/reset-password?token=Zr9-long-enough-token-to-wrap-in-quoted-printable-0123456789abcdef';

  beforeAll(async () => {
    [t, smtp] = await Promise.all([createTestDatabase(), startSmtpServer()]);
  });
  beforeEach(async () => {
    smtp.received.length = 0;
    await t.db.execute(sql`TRUNCATE mail_messages, event_outbox CASCADE`);
  });
  afterAll(async () => {
    await Promise.all([smtp?.close(), t?.destroy()]);
  });

  it('sends one message to the recipient through a real SMTP server and logs it with the provider id', async () => {
    const { eventId } = await queue({
      to: 'amy@example.com',
      template: 'reset_password',
      locale: 'en',
      params: { displayName: 'Amy', link },
    });

    await deliverAll();

    expect(smtp.received).toHaveLength(1);
    const [msg] = smtp.received;
    expect(msg!.rcptTo).toEqual(['amy@example.com']);
    expect(msg!.from).toBe('no-reply@shop.example.tw');
    expect(msg!.raw).toMatch(/^To: amy@example\.com\r$/m);
    expect(msg!.raw).toMatch(/^Subject: Reset your Goodies Shop password\r$/m);
    expect(textPart(msg!.raw)).toContain(link);

    const [row] = await t.db.select().from(mailMessages).where(eq(mailMessages.eventId, eventId));
    expect(row).toMatchObject({ to: 'amy@example.com', transport: 'smtp', subject: 'Reset your Goodies Shop password' });
    expect(row!.providerMessageId).toMatch(/^<.+@.+>$/);
    // The id logged is the Message-ID the recipient's copy carries.
    expect(headers(msg!.raw)['message-id']).toBe(row!.providerMessageId);
    expect((await t.db.select().from(eventOutbox).where(eq(eventOutbox.id, eventId)))[0]!.status).toBe('sent');
  });

  it('sends the zh-TW mail with its subject MIME-encoded and readable once decoded', async () => {
    await queue({ to: 'ming@example.com.tw', template: 'verify_email', locale: 'zh-TW', params: { displayName: '王小明', link } });

    await deliverAll();

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    const h = headers(smtp.received[0]!.raw);
    expect(h.to).toBe('ming@example.com.tw');
    expect(h.subject).toBe('【好物小舖】請驗證您的電子郵件地址');
    const text = textPart(smtp.received[0]!.raw);
    expect(text).toContain('王小明 您好：');
    expect(text).toContain(link);
  });

  it('does not send the mail again when its event is replayed', async () => {
    const { eventId } = await queue({ to: 'amy@example.com', template: 'password_changed', locale: 'en', params: { displayName: 'Amy' } });
    await deliverAll();
    expect(smtp.received).toHaveLength(1);

    await t.db.delete(outboxConsumerLedger).where(eq(outboxConsumerLedger.eventId, eventId));
    await t.db
      .update(eventOutbox)
      .set({ status: 'pending', nextRunAt: sql`now()` })
      .where(eq(eventOutbox.id, eventId));
    await deliverAll();

    expect(smtp.received).toHaveLength(1);
    expect(await t.db.select().from(mailMessages)).toHaveLength(1);
  });

  it('retries when the SMTP server is unreachable, and logs nothing as sent', async () => {
    const { eventId } = await queue({ to: 'amy@example.com', template: 'password_changed', locale: 'en', params: { displayName: 'Amy' } });
    const down = await startSmtpServer();
    await down.close();
    const transport = createMailTransport({ mail: { smtpUrl: `smtp://127.0.0.1:${down.port}`, from } });
    const relay = createOutboxRelay({
      db: t.db,
      handlers: [emailSendHandler({ transport, from })],
      batchSize: 10,
      maxAttempts: 3,
      backoffBaseMs: 100,
      backoffMaxMs: 1_000,
      leaseMs: 30_000,
      pollMs: 20,
      log: pino({ level: 'silent' }),
    });

    expect(await relay.runOnce()).toBe(1);

    const [event] = await t.db.select().from(eventOutbox).where(eq(eventOutbox.id, eventId));
    expect(event).toMatchObject({ status: 'pending', attempts: 1 });
    expect(event!.lastError).toMatch(/^notifications\.email-send: .*ECONNREFUSED/);
    expect(await t.db.select().from(mailMessages)).toEqual([]);

    // The retry, with a server that answers, goes through.
    await t.db
      .update(eventOutbox)
      .set({ nextRunAt: sql`now()` })
      .where(eq(eventOutbox.id, eventId));
    await deliverAll();
    expect(smtp.received).toHaveLength(1);
    expect(await t.db.select().from(mailMessages)).toHaveLength(1);
  });
});
