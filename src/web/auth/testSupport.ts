import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { memberships, recoveryCodes, totpSecrets, users } from '../../db/schema/index.js';
import { hashPassword } from '../../domain/actors/passwords.js';
import {
  hashRecoveryCode,
  newRecoveryCode,
} from '../../domain/actors/secondFactor/recoveryCodes.js';
import { secondFactorRequired } from '../../domain/actors/secondFactor/status.js';
import type { UserRole } from '../../domain/context.js';
import { PENDING_COOKIE } from './pendingCookie.js';
import { SECOND_STEP_PATH } from './secondFactorRoutes.js';

/** Test support for the accounts and admin tests: users, sign-in, cookies and a mail catcher. */

export const PASSWORD = 'en lång och säker fras för test';
/** Any matching cookie and field pass the double-submit check. */
export const CSRF = 'csrf-token-for-tests-0123456789abcdef';

/** The TOTP secret of the administrators and coordinators that makeUser enrols. */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** The database each test user was made in, so sign-in can complete the second step. */
const databaseOf = new Map<string, Db>();

/**
 * A user with the test password. Administrators and coordinators, who must use a second factor,
 * are enrolled with TEST_TOTP_SECRET (pass `enrolled: false` to test the forced enrolment).
 */
export async function makeUser(
  db: Db,
  email: string,
  role: UserRole,
  organisationIds: number[] = [],
  options: { enrolled?: boolean } = {},
): Promise<number> {
  const [u] = await db
    .insert(users)
    .values({ email, role, name: email.split('@')[0]!, passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: users.id });
  for (const organisationId of organisationIds) {
    await db.insert(memberships).values({ userId: u!.id, organisationId });
  }
  databaseOf.set(email.toLowerCase(), db);
  if (options.enrolled ?? secondFactorRequired(role)) {
    const at = new Date();
    await db
      .insert(totpSecrets)
      .values({ userId: u!.id, secret: TEST_TOTP_SECRET, createdAt: at, confirmedAt: at });
  }
  return u!.id;
}

/**
 * A fresh recovery code for a test user, stored as the server stores them. Tests sign in many
 * times a minute, more often than a TOTP code may be used, so they pass the second step with
 * one of these; the server checks it exactly as a code the user typed.
 */
export async function secondFactorCode(db: Db, email: string): Promise<string> {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!u) throw new Error(`no user ${email}`);
  const code = newRecoveryCode();
  await db
    .insert(recoveryCodes)
    .values({ userId: u.id, codeHash: hashRecoveryCode(code), createdAt: new Date() });
  return code;
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

/**
 * The cookies of a request from a browser that holds the test CSRF token and, when given, a
 * session: under both names, the plain one (http) and the `__Host-` one (a site configured with
 * an https address), so one helper serves every configuration.
 */
export function testCookies(session?: string | null, extra = ''): string {
  const csrf = `riktning_csrf=${CSRF}; __Host-riktning_csrf=${CSRF}`;
  const s = session ? `; riktning_session=${session}; __Host-riktning_session=${session}` : '';
  return `${csrf}${extra ? `; ${extra}` : ''}${s}`;
}

const sessionOf = (res: { headers: Record<string, unknown> }): string | null => {
  const c = setCookies(res);
  return c.riktning_session ?? c['__Host-riktning_session'] ?? null;
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
      cookie: testCookies(options.session),
    },
    payload: form({ _csrf: CSRF, email, password: options.password ?? PASSWORD }),
  });
  const pending = setCookies(res)[PENDING_COOKIE];
  if (res.headers.location !== SECOND_STEP_PATH || !pending) {
    return { res, session: sessionOf(res) };
  }
  const db = databaseOf.get(email.trim().toLowerCase());
  if (!db) throw new Error(`${email} was not made with makeUser; its second step cannot be passed`);
  const second = await app.inject({
    method: 'POST',
    url: SECOND_STEP_PATH,
    remoteAddress: options.ip ?? '10.9.9.9',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: testCookies(options.session, `${PENDING_COOKIE}=${pending}`),
    },
    payload: form({ _csrf: CSRF, code: await secondFactorCode(db, email) }),
  });
  return { res: second, session: sessionOf(second) };
}

/** Headers of a signed-in request with a valid CSRF cookie. */
export const as = (session: string | null) => ({ cookie: testCookies(session) });

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

/** A new user of the role (`<role>@example.se`), signed in: the session. */
export async function signedInAs(
  app: FastifyInstance,
  db: Db,
  role: UserRole,
): Promise<string | null> {
  const email = `${role}@example.se`;
  await makeUser(db, email, role);
  return (await signIn(app, email)).session;
}

/** Starts the app on a free loopback port and gives its base URL, for tests over a real socket. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** A response read over the socket: the status, the body and where a redirect goes. */
export interface LoopbackResponse {
  status: number;
  body: string;
  location: string | null;
}

/**
 * Pages and form posts over a real socket as one of the signed-in people in `sessions` (or
 * signed out with `null`), redirects not followed, English when asked, with the test CSRF token.
 */
export function loopbackClient<Who extends string>(
  base: string,
  sessions: Record<Who, string | null>,
) {
  const send = async (
    path: string,
    who: Who | null,
    init: { method?: string; body?: URLSearchParams; lang?: 'en' },
  ): Promise<LoopbackResponse> => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie: testCookies(
          who === null ? null : sessions[who],
          init.lang ? 'riktning_sprak=en' : '',
        ),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.body ? { body: init.body } : {}),
      redirect: 'manual',
    });
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  };
  return {
    get: (path: string, who: Who | null, lang?: 'en') => send(path, who, lang ? { lang } : {}),
    post: (path: string, who: Who | null, data: Record<string, string>, lang?: 'en') =>
      send(path, who, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: CSRF, ...data }),
        ...(lang ? { lang } : {}),
      }),
  };
}
