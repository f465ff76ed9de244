import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';
import { templateNames, type EmailLocale, type TemplateName } from './notifications.templates.js';

/** Payload of `email.send`: one mail to one recipient, rendered from a template when delivered. */
export interface EmailSendPayload {
  to: string;
  template: TemplateName;
  locale: EmailLocale;
  /**
   * What the template needs: `displayName` (all), `link` (verify_email, reset_password,
   * order_placed; http(s) only), the order's figures (order_placed). Plain JSON.
   */
  params: Record<string, unknown>;
}

/**
 * The envelope as read back from the outbox. `locale` stays a free string here: an unknown one
 * is rendered in zh-TW rather than failing the mail. Template params are checked by the template.
 */
export const EmailSendPayloadSchema = z.object({
  to: z.email().max(254),
  template: z.enum(templateNames),
  locale: z.string().max(20),
  params: z.record(z.string(), z.json()),
});

/** Outbox events of the notifications module: `email.send`, one mail (aggregate `email`, id the recipient). */
export const EmailEvents = { send: defineEvent('email.send', EmailSendPayloadSchema) } as const;
