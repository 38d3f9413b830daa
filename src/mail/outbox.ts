import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { recordAuditEvent } from '../domain/audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import { NotFoundError } from '../domain/errors.js';
import { backoffMs, completeJob, failJob } from '../db/jobQueue.js';
import { smtpSender, type Mailer, type MailLogger } from './mailer.js';

/**
 * Every outgoing mail is a row in the jobs table before it is sent (an outbox). It is sent at
 * once from the process that wrote it; a failed delivery stays queued and the worker retries it
 * with backoff (MAIL_ATTEMPTS in all). A mail that keeps failing is marked failed, shown to
 * administrators on /admin/e-post, and can be sent again from there. Once delivered, the body is
 * removed from the row (it may hold a sign-in or reset link); the recipient and subject stay.
 */
export const MAIL_SEND = 'mail.send';
export const MAIL_ATTEMPTS = 8;

interface MailPayload {
  to: string;
  subject: string;
  text?: string;
}

function isMailPayload(p: unknown): p is MailPayload & { text: string } {
  const o = p as Partial<MailPayload> | null;
  return typeof o?.to === 'string' && typeof o.subject === 'string' && typeof o.text === 'string';
}

/** Removes a delivered mail's body from its job row. */
async function forgetBody(db: Db, id: number): Promise<void> {
  await db.execute(sql`update jobs set payload = payload - 'text' where id = ${id}`);
}

export function createOutboxMailer(
  config: Config['mail'],
  db: Db,
  log: MailLogger = console,
  now: () => Date = () => new Date(),
): Mailer {
  const smtp = config.smtpUrl ? smtpSender({ ...config, smtpUrl: config.smtpUrl }) : null;
  return {
    delivers: smtp !== null,
    async send(to, message) {
      if (!smtp) {
        log.warn({ to, subject: message.subject }, 'SMTP_URL is not set; mail not sent');
        return;
      }
      const payload: MailPayload = { to, subject: message.subject, text: message.text };
      // Written as running, so that a worker does not send it at the same time as this process.
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`insert into jobs (kind, payload, status, attempts, max_attempts, locked_at, locked_by)
          values (${MAIL_SEND}, ${JSON.stringify(payload)}::jsonb, 'running', 1, ${MAIL_ATTEMPTS},
            now(), 'outbox') returning id::int as id`,
      );
      const job = { id: row!.id, attempts: 1, maxAttempts: MAIL_ATTEMPTS };
      try {
        await smtp(to, message);
        await completeJob(db, job.id, now());
        await forgetBody(db, job.id);
      } catch (err) {
        const error = (err as Error).message;
        await failJob(db, job, error, now(), backoffMs(1));
        log.error({ to, subject: message.subject, err: error }, 'mail failed; queued again');
      }
    },
  };
}

/** The worker's handler for a queued mail: throws when delivery fails, so the job is retried. */
export function mailJob(config: Config['mail']) {
  const smtp = config.smtpUrl ? smtpSender({ ...config, smtpUrl: config.smtpUrl }) : null;
  return async (ctx: Ctx, payload: unknown, jobId?: number): Promise<{ sent: boolean }> => {
    if (!smtp) throw new Error('SMTP_URL är inte satt; e-posten kan inte skickas.');
    if (!isMailPayload(payload)) return { sent: false };
    await smtp(payload.to, { subject: payload.subject, text: payload.text });
    if (jobId !== undefined) await forgetBody(ctx.db, jobId);
    return { sent: true };
  };
}

export interface UndeliveredMail {
  id: number;
  to: string;
  subject: string;
  status: 'queued' | 'running' | 'failed';
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

/** Mails not delivered yet: failed ones first, then those waiting for another attempt. */
export async function undeliveredMail(db: Db, limit = 200): Promise<UndeliveredMail[]> {
  const rows = await queryRows<
    Omit<UndeliveredMail, 'nextAttemptAt' | 'createdAt'> & {
      runAt: string;
      createdAt: string;
    }
  >(
    db,
    sql`select id::int as id, payload->>'to' as "to", payload->>'subject' as subject, status,
        attempts, max_attempts as "maxAttempts", last_error as "lastError",
        run_at::text as "runAt", created_at::text as "createdAt"
      from jobs where kind = ${MAIL_SEND} and status in ('queued', 'running', 'failed')
      order by status = 'failed' desc, created_at desc limit ${limit}`,
  );
  return rows.map(({ runAt, createdAt, ...r }) => ({
    ...r,
    nextAttemptAt: r.status === 'queued' ? new Date(runAt) : null,
    createdAt: new Date(createdAt),
  }));
}

/** Queues a failed mail again with a fresh set of attempts (administrators; audited). */
export async function resendMail(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const rows = await queryRows<{ to: string; subject: string }>(
      tx.db,
      sql`update jobs set status = 'queued', attempts = 0, run_at = ${ctx.now().toISOString()}::timestamptz,
          finished_at = null where id = ${id} and kind = ${MAIL_SEND} and status = 'failed'
          and payload ? 'text'
        returning payload->>'to' as "to", payload->>'subject' as subject`,
    );
    if (rows.length === 0) throw new NotFoundError();
    await recordAuditEvent(tx, {
      action: 'mail.resent',
      entityType: 'mail',
      entityId: id,
      after: { subject: rows[0]!.subject },
    });
  });
}
