import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../db/client.js';
import { memberships, users } from '../../db/schema/index.js';
import { hashPassword } from '../../domain/actors/passwords.js';
import type { UserRole } from '../../domain/context.js';

/** Test support for the accounts and admin tests: users, sign-in, cookies and a mail catcher. */

export const PASSWORD = 'en lång och säker fras för test';
/** Any matching cookie and field pass the double-submit check. */
export const CSRF = 'csrf-token-for-tests-0123456789abcdef';

export async function makeUser(
  db: Db,
  email: string,
  role: UserRole,
  organisationIds: number[] = [],
): Promise<number> {
  const [u] = await db
    .insert(users)
    .values({ email, role, name: email.split('@')[0]!, passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: users.id });
  for (const organisationId of organisationIds) {
    await db.insert(memberships).values({ userId: u!.id, organisationId });
  }
  return u!.id;
}

export function setCookies(res: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return Object.fromEntries(
    list.map((c: string) => {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      return [pair!.slice(0, i), pair!.slice(i + 1)];
    }),
  );
}

export const form = (data: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) {
    for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  }
  return p.toString();
};

export async function signIn(
  app: FastifyInstance,
  email: string,
  options: { password?: string; session?: string; ip?: string } = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/logga-in',
    remoteAddress: options.ip ?? '10.9.9.9',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `riktning_csrf=${CSRF}${options.session ? `; riktning_session=${options.session}` : ''}`,
    },
    payload: form({ _csrf: CSRF, email, password: options.password ?? PASSWORD }),
  });
  return { res, session: setCookies(res).riktning_session ?? null };
}

/** Headers of a signed-in request with a valid CSRF cookie. */
export const as = (session: string | null) => ({
  cookie: `riktning_csrf=${CSRF}${session ? `; riktning_session=${session}` : ''}`,
});

export interface CaughtMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startMailCatcher(): Promise<{
  url: string;
  mails: CaughtMail[];
  close(): Promise<void>;
}> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decodeMail(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Undoes quoted-printable soft breaks and escapes so a test can read links and words. */
function decodeMail(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, '')
    .replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
  return qp;
}

/** The first link in a mail that starts with the given path. */
export function linkIn(mail: CaughtMail, path: string): string {
  const m = mail.raw.match(new RegExp(`https?://[^\\s]+${path}[A-Za-z0-9_-]+`));
  if (!m) throw new Error(`no ${path} link in mail`);
  return new URL(m[0]).pathname;
}
