import net from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { createWorker } from '../jobs/worker.js';
import { createTestDatabase } from '../test/database.js';
import { buildApp } from '../web/app.js';
import { as, CSRF, form, makeUser, signIn, startMailCatcher } from '../web/auth/testSupport.js';
import { createOutboxMailer, MAIL_ATTEMPTS, MAIL_SEND, mailJob } from './outbox.js';

let database: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
let deadUrl: string;
const sessions: Record<string, string | null> = {};
const from = 'Riktning <noreply@example.se>';
const message = {
  subject: 'Återställ ditt lösenord / Reset your password',
  text: 'Länk: https://riktning.example/aterstall/hemlig-token',
};

interface JobRow {
  id: number;
  status: string;
  attempts: number;
  lastError: string | null;
  hasText: boolean;
}

const mailJobs = () =>
  queryRows<JobRow>(
    database.db,
    sql`select id::int as id, status, attempts, last_error as "lastError", payload ? 'text' as "hasText"
      from jobs where kind = ${MAIL_SEND} order by id`,
  );

/** An address nothing listens on: a port that was free a moment ago. */
async function closedPort(): Promise<string> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return `smtp://127.0.0.1:${port}`;
}

const quiet = { warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  deadUrl = await closedPort();
  app = await buildApp({ database });
  for (const role of ['admin', 'samordnare'] as const) {
    await makeUser(database.db, `${role}@example.se`, role);
    sessions[role] = (await signIn(app, `${role}@example.se`)).session;
  }
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

describe('the mail outbox', () => {
  it('delivers at once and keeps no body once the mail is delivered', async () => {
    const mailer = createOutboxMailer({ smtpUrl: smtp.url, from }, database.db, quiet);
    await mailer.send('anna@example.se', message);
    expect(smtp.mails.at(-1)?.to).toEqual(['anna@example.se']);
    const [job] = await mailJobs();
    expect(job).toMatchObject({ status: 'done', attempts: 1, hasText: false });
  });

  it('queues a mail the SMTP server did not take, and the worker delivers it after the backoff', async () => {
    await database.db.execute(sql`delete from jobs`);
    const mailer = createOutboxMailer({ smtpUrl: deadUrl, from }, database.db, quiet);
    await mailer.send('bertil@example.se', message);
    const [queued] = await mailJobs();
    expect(queued).toMatchObject({ status: 'queued', attempts: 1, hasText: true });
    expect(queued!.lastError).toBeTruthy();

    const later = new Date(Date.now() + 60 * 60_000);
    const worker = createWorker({
      db: database.db,
      registry: { [MAIL_SEND]: mailJob({ smtpUrl: smtp.url, from }) },
      now: () => later,
    });
    const before = smtp.mails.length;
    expect(await worker.drain()).toBe(1);
    expect(smtp.mails.length).toBe(before + 1);
    expect(smtp.mails.at(-1)!.raw).toContain('hemlig-token');
    const [done] = await mailJobs();
    expect(done).toMatchObject({ status: 'done', attempts: 2, hasText: false });
  });

  it('marks a mail failed after its attempts, shows it to administrators only, who send it again', async () => {
    await database.db.execute(sql`delete from jobs`);
    const mailer = createOutboxMailer({ smtpUrl: deadUrl, from }, database.db, quiet);
    await mailer.send('cecilia@example.se', message);
    let t = Date.now() + 60_000; // past the outbox's first backoff
    const worker = createWorker({
      db: database.db,
      registry: { [MAIL_SEND]: mailJob({ smtpUrl: deadUrl, from }) },
      now: () => new Date(t),
      backoff: () => 1000,
    });
    for (let i = 1; i < MAIL_ATTEMPTS; i++) {
      t += 2000;
      await worker.runOnce();
    }
    const [failed] = await mailJobs();
    expect(failed).toMatchObject({ status: 'failed', attempts: MAIL_ATTEMPTS, hasText: true });

    const page = await app.inject({ url: '/admin/e-post', headers: as(sessions.admin!) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('cecilia@example.se');
    expect(page.body).toContain('Skicka igen');
    expect(page.body).not.toContain('hemlig-token');
    const refused = await app.inject({ url: '/admin/e-post', headers: as(sessions.samordnare!) });
    expect(refused.statusCode).toBe(403);

    const resendBy = (who: string) =>
      app.inject({
        method: 'POST',
        url: `/admin/e-post/${failed!.id}/skicka-igen`,
        headers: { ...as(sessions[who]!), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: CSRF }),
      });
    expect((await resendBy('samordnare')).statusCode).toBe(403);
    expect((await mailJobs())[0]!.status).toBe('failed');
    const res = await resendBy('admin');
    expect(res.statusCode).toBe(303);
    expect((await mailJobs())[0]).toMatchObject({ status: 'queued', attempts: 0 });
    const [audit] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_events where action = 'mail.resent'`,
    );
    expect(audit!.n).toBe(1);

    const delivering = createWorker({
      db: database.db,
      registry: { [MAIL_SEND]: mailJob({ smtpUrl: smtp.url, from }) },
    });
    expect(await delivering.drain()).toBe(1);
    expect(smtp.mails.at(-1)?.to).toEqual(['cecilia@example.se']);
    expect((await resendBy('admin')).statusCode).toBe(404);
  });
});
