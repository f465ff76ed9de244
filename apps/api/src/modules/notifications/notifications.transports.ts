import { createTransport } from 'nodemailer';
import type { Config } from '../../config.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where rendered mail goes. `send` resolves once the provider accepted the mail, and throws otherwise. */
export interface MailTransport {
  name: 'devbox' | 'smtp';
  send(msg: OutgoingMail): Promise<{ providerMessageId: string | null }>;
}

/** Sends nothing anywhere: the `mail_messages` row written for each mail is the mailbox. */
export function devboxTransport(): MailTransport {
  return {
    name: 'devbox',
    async send() {
      return { providerMessageId: null };
    },
  };
}

/**
 * Sends through an SMTP server (`smtp://` or `smtps://user:pass@host:port`). One connection per
 * mail. The timeouts are short because the send happens inside the outbox handler's database
 * transaction: a stalled server must fail the attempt (and be retried) well within the relay's lease.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    name: 'smtp',
    async send(msg) {
      const info = await transporter.sendMail(msg);
      return { providerMessageId: info.messageId || null };
    },
  };
}

/** SMTP when `SMTP_URL` is set, the dev mailbox otherwise. */
export function createMailTransport(config: Pick<Config, 'mail'>): MailTransport {
  return config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl) : devboxTransport();
}
