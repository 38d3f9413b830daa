import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import type { MailMessage } from './templates.js';

/** Sends one rendered mail to one recipient. */
export interface Mailer {
  send(to: string, message: MailMessage): Promise<void>;
}

export interface MailLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * A mailer over SMTP (nodemailer), configured by SMTP_URL and MAIL_FROM. Without SMTP_URL nothing
 * is sent: the recipient and subject (never the body, which may hold a link) are logged.
 * A failed delivery is logged and does not undo the action that caused it.
 */
export function createMailer(config: Config['mail'], log: MailLogger = console): Mailer {
  const { smtpUrl } = config;
  // nodemailer is loaded with the first mail, not with every process that might send one.
  let transport: Promise<Transporter> | undefined;
  return {
    async send(to, message) {
      if (!smtpUrl) {
        log.warn({ to, subject: message.subject }, 'SMTP_URL is not set; mail not sent');
        return;
      }
      try {
        transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
        const smtp = await transport;
        await smtp.sendMail({
          from: config.from,
          to,
          subject: message.subject,
          text: message.text,
        });
      } catch (err) {
        log.error({ to, subject: message.subject, err: (err as Error).message }, 'mail failed');
      }
    },
  };
}
