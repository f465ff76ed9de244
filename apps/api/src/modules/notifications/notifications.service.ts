import type { MailMessage } from '@shop/contracts/admin';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import { authorize, type AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth.js';
import { NotFoundError } from '../../platform/errors.js';
import { appendEvent, defineHandler, type EventPayload } from '../../platform/events.js';
import type { EventHandler } from '../../platform/outbox.js';
import { EmailEvents, EmailSendPayloadSchema, type EmailSendPayload } from './notifications.events.js';
import * as repo from './notifications.repo.js';
import { renderEmail, type RenderedEmail } from './notifications.templates.js';
import { createMailTransport, type MailTransport } from './notifications.transports.js';

/** Parses with `schema`, turning a failure into one readable message (it ends up in `last_error`). */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${what} is invalid: ${z.prettifyError(r.error)}`);
  return r.data;
}

type CheckedPayload = EventPayload<typeof EmailEvents.send>;

/** Checks the envelope, then renders (which checks the template's params). */
function render(payload: unknown): { payload: CheckedPayload; mail: RenderedEmail } {
  const checked = parseOrThrow(EmailSendPayloadSchema, payload, 'email.send payload');
  return { payload: checked, mail: renderChecked(checked) };
}

/** Renders an envelope its schema accepted; a template param that is missing or bad throws, naming it. */
function renderChecked(checked: CheckedPayload): RenderedEmail {
  try {
    return renderEmail(checked);
  } catch (err) {
    if (err instanceof z.ZodError) {
      throw new Error(`email.send params for ${checked.template} are invalid: ${z.prettifyError(err)}`);
    }
    throw err;
  }
}

/**
 * Queues one mail in the caller's transaction: it is sent if and only if that transaction commits.
 * Checks the payload now (address, template, the template's params) so a bad call fails in the
 * caller rather than as a dead event later.
 */
export async function queueEmail(tx: Tx, payload: EmailSendPayload): Promise<{ eventId: string }> {
  const checked = render(payload).payload;
  const { id } = await appendEvent(tx, EmailEvents.send, { aggregateId: checked.to, payload: checked });
  return { eventId: id };
}

const EMAIL_SEND_HANDLER = 'notifications.email-send';

/**
 * Delivers `email.send` events: renders, sends through `transport`, records the mail in
 * `mail_messages` (the dev mailbox, or the delivery log with SMTP). An envelope its schema refuses
 * makes the event dead at once, with the schema's message; template params the template refuses
 * throw, so the relay retries and finally marks the event dead with the reason.
 */
export function emailSendHandler(deps: { transport: MailTransport; from: string }): EventHandler {
  return defineHandler({
    name: EMAIL_SEND_HANDLER,
    events: [EmailEvents.send],
    async handle(tx, payload, event) {
      const mail = renderChecked(payload);
      // The ledger already stops a second run for this handler; this also covers a ledger that was
      // cleared to replay events: the mail went out once, it does not go out again.
      if (await repo.findByEventId(tx, event.id)) return;
      const sent = await deps.transport.send({
        from: deps.from,
        to: payload.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      await repo.insertMessage(tx, {
        eventId: event.id,
        to: payload.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        template: payload.template,
        locale: mail.locale,
        transport: deps.transport.name,
        providerMessageId: sent.providerMessageId,
      });
    },
  });
}

/** Every outbox handler of this module, wired from config. */
export function notificationsEventHandlers(config: Pick<Config, 'mail'>): EventHandler[] {
  return [emailSendHandler({ transport: createMailTransport(config), from: config.mail.from })];
}

const toMailMessage = (row: repo.MailRow): MailMessage => ({
  id: row.id,
  to: row.to,
  subject: row.subject,
  text: row.text,
  html: row.html,
  template: row.template,
  locale: row.locale,
  transport: row.transport,
  createdAt: row.createdAt.toISOString(),
});

const mailboxResource = { type: 'mailbox' } as const;

/** Sent mail, newest first, optionally for one recipient (whole address, any case). Staff only. */
export async function listMail(
  db: Db,
  input: { actor: Actor | null; context: AccessContext; to?: string | undefined; page: number; pageSize: number },
): Promise<{ items: MailMessage[]; total: number; page: number; pageSize: number }> {
  await authorize(db, { actor: input.actor, context: input.context, action: 'read', resource: mailboxResource });
  const to = input.to?.trim() || undefined;
  const { rows, total } = await repo.listMessages(db, {
    to,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: rows.map(toMailMessage), total, page: input.page, pageSize: input.pageSize };
}

const Uuid = z.uuid();

/** One sent mail. Staff only. Throws `NotFoundError` (MAIL_NOT_FOUND) when there is none. */
export async function getMail(db: Db, input: { actor: Actor | null; context: AccessContext; id: string }): Promise<MailMessage> {
  await authorize(db, { actor: input.actor, context: input.context, action: 'read', resource: mailboxResource });
  const row = Uuid.safeParse(input.id).success ? await repo.findById(db, input.id) : undefined;
  if (!row) throw new NotFoundError('mail', input.id, 'MAIL_NOT_FOUND');
  return toMailMessage(row);
}
