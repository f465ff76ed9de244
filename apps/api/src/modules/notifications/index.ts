// The notifications module's public surface: the only file other modules may import.
import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { notificationsEventHandlers } from './notifications.service.js';
import { notificationsRoutes } from './notifications.routes.js';
// Private: notifications.tables.ts (Drizzle), notifications.repo.ts, row mapping.

/**
 * `EmailEvents.send` (`email.send`, defined with `defineEvent`) is the outbox event for one mail. `EmailSendPayload` is
 * its payload: recipient, template, locale ('zh-TW' | 'en'; an unknown one renders in zh-TW) and
 * the template's params, plain JSON (all: `displayName`; verify_email, reset_password and
 * order_placed: `link`, http(s) only; order_placed: the order's number, items, sums in whole NT$,
 * payment method and due time, delivery — see `templateParams` in notifications.templates.ts).
 */
export { EmailEvents, type EmailSendPayload } from './notifications.events.js';

/** Template names and locales the mailer knows. */
export type { EmailLocale, TemplateName } from './notifications.templates.js';

/**
 * Queues one mail inside the caller's transaction (`tx`, never the pool): the mail goes out if and
 * only if that transaction commits, at least once, after the commit, from the outbox worker.
 * Throws at once when the payload is malformed (bad address, unknown template, missing param,
 * non-http(s) link), so the caller's transaction rolls back instead of queueing a dead event.
 */
export { queueEmail } from './notifications.service.js';

/**
 * The outbox handler that delivers `email.send` (ledger name `notifications.email-send`):
 * receives the payload parsed by the event's schema, renders the template, sends through
 * `transport` from `from`, and records the mail in the mailbox/delivery log. One mail per event,
 * also when the event is delivered again. A payload the schema refuses makes the event dead at
 * once with the schema's message in `last_error`; template params the template refuses throw, so
 * the relay retries and finally marks the event dead with the reason. The send happens inside the handler's transaction: a send that
 * succeeds followed by a failed commit is sent again on retry (at least once, never zero).
 */
export { emailSendHandler } from './notifications.service.js';

/**
 * `listMail` (newest first, `to` matches the whole address ignoring case, `page` from 1) and
 * `getMail` (throws `NotFoundError` MAIL_NOT_FOUND) read the mailbox. Both first ask
 * `authorize(read, mailbox)`: 401 for no actor, 403 unless a policy allows (admins by default).
 * Plain reads on the pool; no transaction needed.
 */
export { getMail, listMail } from './notifications.service.js';

/**
 * Where mail goes. `createMailTransport(config)` picks SMTP when `config.mail.smtpUrl` is set,
 * else the dev mailbox (`devbox`, which sends nothing: the stored row is the mail).
 */
export { createMailTransport, devboxTransport, smtpTransport, type MailTransport, type OutgoingMail } from './notifications.transports.js';

/**
 * The module for modules.ts: `GET /api/admin/mailbox` and `/api/admin/mailbox/:id` (signed in;
 * staff per policy), and the `email.send` handler with the transport built from config
 * (`config.mail.smtpUrl`, else the dev mailbox) and sender `config.mail.from`.
 */
export function notificationsModule(ctx: ModuleContext): ModuleParts {
  return {
    name: 'notifications',
    routes: [routes(notificationsRoutes, { db: ctx.db })],
    eventHandlers: notificationsEventHandlers(ctx.config),
    jobs: [],
  };
}

/** The mailbox routes alone, registered with `{ db }` (tests mount them on a bare server). */
export { notificationsRoutes } from './notifications.routes.js';
