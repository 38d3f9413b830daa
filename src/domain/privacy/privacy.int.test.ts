import type { FastifyInstance } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.js';
import {
  accessibilityReports,
  auditEvents,
  goals,
  initiatives,
  initiativeVersions,
  memberships,
  sessions,
  users,
} from '../../db/schema/index.js';
import { createOrganisation } from '../actors/createOrganisation.js';
import { context, systemActor } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { createInitiative } from '../initiatives/createInitiative.js';
import { buildInitiative } from '../../test/factories.js';
import { createTestDatabase, emptyDatabaseEnv } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../../web/app.js';
import { as, CSRF, form, makeUser, signIn } from '../../web/auth/testSupport.js';
import { anonymiseUser, pseudonymOf } from './anonymiseUser.js';
import { extractPersonalData } from './extractPersonalData.js';

let database: Database;
let app: FastifyInstance;
let orgId: number;
let goalId: number;
const session: Record<string, string | null> = {};

const system = () => context(database.db, systemActor('test'));

async function initiativeWithContact(contactEmail: string) {
  const r = await createInitiative(
    system(),
    buildInitiative({
      ownerOrganisationId: orgId,
      goalIds: [goalId],
      title: `Insats med kontakt ${contactEmail}`,
      contactEmail,
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const org = await createOrganisation(system(), {
    slug: 'org-gdpr',
    name: 'Organisation GDPR',
    kind: 'kommun',
  });
  if (!org.ok) throw new Error('organisation');
  orgId = org.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  for (const [email, role] of [
    ['admin@gdpr.example', 'admin'],
    ['samordnare@gdpr.example', 'samordnare'],
    ['lamnar@gdpr.example', 'aktor'],
    ['ocksa-lamnar@gdpr.example', 'aktor'],
    ['via-cli@gdpr.example', 'aktor'],
  ] as const) {
    await makeUser(database.db, email, role, role === 'aktor' ? [orgId] : []);
    session[email] = (await signIn(app, email)).session;
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('register extract (GDPR art. 15)', () => {
  it('gathers the account, memberships, sessions, audit events and contacts, and logs the access', async () => {
    await initiativeWithContact('Lamnar@gdpr.example');
    await database.db
      .insert(accessibilityReports)
      .values({ pageUrl: '/', description: 'Kontrasten', contactEmail: 'lamnar@gdpr.example' });
    const result = await extractPersonalData(system(), { email: ' LAMNAR@gdpr.example ' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const x = result.value;
    expect(x.user).toMatchObject({
      email: 'lamnar@gdpr.example',
      role: 'aktor',
      hasPassword: true,
    });
    expect(JSON.stringify(x)).not.toMatch(/\$argon2/);
    expect(x.memberships).toEqual([expect.objectContaining({ organisationId: orgId })]);
    expect(x.sessions.length).toBe(1);
    expect(x.sessions[0]).toHaveProperty('ip');
    expect(x.initiativesWithContact).toHaveLength(1);
    expect(x.accessibilityReports).toHaveLength(1);
    const [logged] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'personal_data.extracted'),
          eq(auditEvents.entityId, String(x.user!.id)),
        ),
      );
    expect(logged?.after).toMatchObject({ sections: { sessions: 1, memberships: 1 } });
    expect(JSON.stringify(logged)).not.toContain('lamnar@gdpr.example');
  });

  it('refuses anyone but an administrator, and a malformed address', async () => {
    const [u] = await database.db
      .select()
      .from(users)
      .where(eq(users.email, 'samordnare@gdpr.example'));
    const actor = {
      kind: 'user' as const,
      userId: u!.id,
      role: 'samordnare' as const,
      organisationIds: [],
      label: 'user:samordnare@gdpr.example',
    };
    await expect(
      extractPersonalData(context(database.db, actor), { email: 'lamnar@gdpr.example' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await extractPersonalData(system(), { email: 'inte en adress' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.code).toBe('invalid_email');
  });
});

describe('anonymisation of a leaving user', () => {
  it('replaces name and address, removes password, sessions and memberships, keeps the audit trail with the pseudonym', async () => {
    const email = 'ocksa-lamnar@gdpr.example';
    const initiativeId = await initiativeWithContact(email);
    const [before] = await database.db.select().from(users).where(eq(users.email, email));
    // The user did something that is in the audit trail under their label.
    const { recordAuditEvent } = await import('../audit/recordAuditEvent.js');
    const actor = {
      kind: 'user' as const,
      userId: before!.id,
      role: 'aktor' as const,
      organisationIds: [orgId],
      label: `user:${email}`,
    };
    await recordAuditEvent(context(database.db, actor), {
      action: 'initiative.updated',
      entityType: 'initiative',
      entityId: initiativeId,
      after: { contactEmail: email },
    });

    const result = await anonymiseUser(system(), { email });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const pseudonym = pseudonymOf(before!.id);
    expect(result.value.pseudonymEmail).toBe(pseudonym.email);

    const [after] = await database.db.select().from(users).where(eq(users.id, before!.id));
    expect(after).toMatchObject({
      email: pseudonym.email,
      name: pseudonym.name,
      passwordHash: null,
    });
    expect(after!.anonymisedAt).not.toBeNull();
    expect(after!.disabledAt).not.toBeNull();
    expect(
      await database.db.select().from(sessions).where(eq(sessions.userId, before!.id)),
    ).toEqual([]);
    expect(
      await database.db.select().from(memberships).where(eq(memberships.userId, before!.id)),
    ).toEqual([]);
    const [i] = await database.db
      .select({ contactEmail: initiatives.contactEmail })
      .from(initiatives)
      .where(eq(initiatives.id, initiativeId));
    expect(i!.contactEmail).toBeNull();

    // The address is nowhere any more: not in the audit trail, not in versions.
    const leftovers = await database.db.execute(
      sql`select count(*)::int as n from audit_events where lower(actor_label || coalesce(before::text, '') || coalesce(after::text, '')) like ${`%${email}%`}`,
    );
    expect(Number((leftovers as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBe(0);
    const versions = await database.db
      .select({ snapshot: initiativeVersions.snapshot })
      .from(initiativeVersions)
      .where(eq(initiativeVersions.initiativeId, initiativeId));
    expect(JSON.stringify(versions)).not.toContain(email);
    // The trail itself is kept: the edit is there, under the pseudonym.
    const trail = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, before!.id));
    expect(trail.map((a) => a.actorLabel)).toContain(`user:${pseudonym.email}`);
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'user.anonymised'),
          eq(auditEvents.entityId, String(before!.id)),
        ),
      );
    expect(event?.after).toMatchObject({ pseudonym: pseudonym.name });

    // The old session no longer opens the admin area; a second anonymisation is refused.
    const res = await app.inject({ url: '/admin', headers: as(session[email]!) });
    expect(res.statusCode).toBe(303);
    const again = await anonymiseUser(system(), { email: pseudonym.email });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.issues[0]?.code).toBe('already_anonymised');
    const unknown = await anonymiseUser(system(), { email });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues[0]?.code).toBe('unknown_user');
  });
});

describe('riktning gdpr (CLI)', () => {
  it('extracts as JSON and anonymises only with --yes', async () => {
    const { main, EXIT } = await import('../../cli/main.js');
    const env = await emptyDatabaseEnv();
    const saved = { ...process.env };
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    Object.assign(process.env, env.env, { LOG_LEVEL: 'silent' });
    try {
      const email = 'via-cli@gdpr.example';
      expect(await main(['user', 'add', '--email', email, '--role', 'aktor'])).toBe(EXIT.ok);
      out.length = 0;
      expect(await main(['gdpr', 'extract', email])).toBe(EXIT.ok);
      const extract = JSON.parse(out.join('')) as {
        user: { email: string };
        auditEvents: unknown[];
      };
      expect(extract.user.email).toBe(email);
      expect(extract.auditEvents.length).toBeGreaterThan(0);
      expect(await main(['gdpr', 'anonymise', email])).toBe(EXIT.usage);
      expect(err.join('\n')).toContain('--yes');
      expect(await main(['gdpr', 'anonymise', email, '--yes'])).toBe(EXIT.ok);
      expect(out.join('\n')).toContain('Anonymiserad användare');
      expect(await main(['gdpr', 'anonymise', email, '--yes'])).toBe(EXIT.usage);
      expect(await main(['gdpr', 'extract'])).toBe(EXIT.usage);
      err.length = 0;
      expect(await main(['gdpr', 'extract', 'ingen@gdpr.example'])).toBe(EXIT.ok);
      expect(err.join('\n')).toContain('Inget finns lagrat');
    } finally {
      vi.restoreAllMocks();
      process.env = saved;
      await env.drop();
    }
  });
});

describe('/admin/personuppgifter', () => {
  const post = (who: string | null, url: string, data: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: {
        ...as(who ? session[who]! : null),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: CSRF, ...data }),
    });

  it('is for administrators only', async () => {
    const anon = await app.inject({ url: '/admin/personuppgifter' });
    expect(anon.statusCode).toBe(303);
    const coordinator = await app.inject({
      url: '/admin/personuppgifter',
      headers: as(session['samordnare@gdpr.example']!),
    });
    expect(coordinator.statusCode).toBe(403);
    const refused = await post('samordnare@gdpr.example', '/admin/personuppgifter/utdrag', {
      email: 'admin@gdpr.example',
    });
    expect(refused.statusCode).toBe(403);
    const page = await app.inject({
      url: '/admin/personuppgifter',
      headers: as(session['admin@gdpr.example']!),
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="utdrag-email">');
    expect(await htmlProblems(page.body)).toEqual([]);
    // The menu offers the page to administrators only.
    expect(page.body).toContain('href="/admin/personuppgifter"');
    const menu = await app.inject({
      url: '/admin',
      headers: as(session['samordnare@gdpr.example']!),
    });
    expect(menu.body).not.toContain('href="/admin/personuppgifter"');
  });

  it('downloads an extract, shows field errors, and anonymises after confirmation', async () => {
    const admin = 'admin@gdpr.example';
    const extract = await post(admin, '/admin/personuppgifter/utdrag', {
      email: 'samordnare@gdpr.example',
    });
    expect(extract.statusCode).toBe(200);
    expect(extract.headers['content-disposition']).toContain('attachment');
    expect(JSON.parse(extract.body).user.role).toBe('samordnare');

    const bad = await post(admin, '/admin/personuppgifter/utdrag', { email: '<script>x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="utdrag-email-error"');
    expect(bad.body).not.toContain('<script>x');
    expect(await htmlProblems(bad.body)).toEqual([]);

    const noCsrf = await app.inject({
      method: 'POST',
      url: '/admin/personuppgifter/anonymisera',
      headers: {
        cookie: `riktning_session=${session[admin]}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ email: 'samordnare@gdpr.example', confirm: 'ja' }),
    });
    expect(noCsrf.statusCode).toBe(403);

    const unconfirmed = await post(admin, '/admin/personuppgifter/anonymisera', {
      email: 'samordnare@gdpr.example',
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('id="anonymisera-confirm-error"');
    expect(unconfirmed.body).toContain('value="samordnare@gdpr.example"');

    const self = await post(admin, '/admin/personuppgifter/anonymisera', {
      email: admin,
      confirm: 'ja',
    });
    expect(self.statusCode).toBe(400);

    const done = await post(admin, '/admin/personuppgifter/anonymisera', {
      email: 'samordnare@gdpr.example',
      confirm: 'ja',
    });
    expect(done.statusCode).toBe(303);
    const shown = await app.inject({
      url: done.headers.location as string,
      headers: {
        ...as(session[admin]!),
        cookie: `${as(session[admin]!).cookie}; riktning_sprak=en`,
      },
    });
    expect(shown.body).toContain('The user is anonymised');
  });
});
