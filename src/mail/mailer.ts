import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import type { MailMessage } from './templates.js';

/** Sends one rendered mail to one recipient. */
export interface Mailer {
  /** Whether a mail server is configured; without one `send` only logs a warning. */
  readonly delivers: boolean;
  send(to: string, message: MailMessage): Promise<void>;
}

export interface MailLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Delivers one mail over SMTP; throws when the server does not take it. */
export type SmtpSend = (to: string, message: MailMessage) => Promise<void>;

/**
 * SMTP delivery (nodemailer) configured by SMTP_URL and MAIL_FROM. nodemailer is loaded with the
 * first mail, not with every process that might send one. Mail goes out through the outbox
 * (createOutboxMailer in outbox.ts), which retries what this could not deliver.
 */
export function smtpSender(config: Config['mail'] & { smtpUrl: string }): SmtpSend {
  let transport: Promise<Transporter> | undefined;
  return async (to, message) => {
    transport ??= import('nodemailer').then((m) => m.default.createTransport(config.smtpUrl));
    const smtp = await transport;
    await smtp.sendMail({ from: config.from, to, subject: message.subject, text: message.text });
  };
}
