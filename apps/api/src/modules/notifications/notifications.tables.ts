import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Every mail the shop sent, whatever the transport: the dev mailbox is this table, and with SMTP
 * it is the delivery log. `eventId` makes delivery of one `email.send` event idempotent.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    template: text().notNull(),
    locale: text().notNull(),
    transport: text({ enum: ['devbox', 'smtp'] }).notNull(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mail_messages_event_uq').on(t.eventId), index('mail_messages_to_idx').on(t.to, t.createdAt)],
);
