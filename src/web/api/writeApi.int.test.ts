import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { apiTokens, auditEvents, goals, initiatives } from '../../db/schema/index.js';
import { createApiToken, hashApiToken } from '../../domain/access/apiTokens.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor, type Actor } from '../../domain/context.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import {
  as,
  CSRF,
  form,
  makeUser,
  setCookies,
  signIn,
  startMailCatcher,
} from '../auth/testSupport.js';
import { writeEndpoints } from './spec.js';
import { testConfig } from '../../test/config.js';

let database: Database;
let app: FastifyInstance;
let orgA: number;
let orgB: number;
let goalId: number;
let userA: number;
let tokenA: string;
let tokenB: string;
let sessionA: string | null;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;

const actorOf = (userId: number, organisationId: number): Actor => ({
  kind: 'user',
  userId,
  role: 'aktor',
  organisationIds: [organisationId],
  label: `user:${userId}`,
});

async function newToken(userId: number, organisationId: number, name = 'Ekonomisystemet') {
  const r = await createApiToken(context(database.db, actorOf(userId, organisationId)), {
    organisationId,
    name,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.token;
}

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  app = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
  const ctx = context(database.db, systemActor('test'));
  const a = await createOrganisation(ctx, { slug: 'api-a', name: 'Aktör A', kind: 'kommun' });
  const b = await createOrganisation(ctx, { slug: 'api-b', name: 'Aktör B', kind: 'foretag' });
  if (!a.ok || !b.ok) throw new Error('organisations');
  orgA = a.value.id;
  orgB = b.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  userA = await makeUser(database.db, 'medlem.a@example.se', 'aktor', [orgA]);
  await makeUser(database.db, 'granskare@example.se', 'samordnare');
  const userB = await makeUser(database.db, 'medlem.b@example.se', 'aktor', [orgB]);
  tokenA = await newToken(userA, orgA);
  tokenB = await newToken(userB, orgB);
  sessionA = (await signIn(app, 'medlem.a@example.se')).session;
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

const body = (overrides: Record<string, unknown> = {}) => ({
  title: 'Digital kompetens för små företag',
  summary: 'Kurser i digitala verktyg för företag i länet.',
  status: 'planerad',
  start_date: '2026-01-01',
  end_date: '2027-12-31',
  place_codes: ['0880'],
  goal_ids: [goalId],
  funding: [{ source: 'eruf', amount_sek: 250000, year: 2026 }],
  contact_email: 'insatser@aktor-a.example',
  ...overrides,
});

const send = (
  method: 'POST' | 'PATCH',
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
  token: string | null = tokenA,
) =>
  app.inject({
    method,
    url,
    payload: payload as object,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });

const errorsOf = (res: { json: () => unknown }) =>
  (res.json() as { errors: { code: string; field: string | null }[] }).errors;

async function created(payload = body(), headers: Record<string, string> = {}) {
  const res = await send('POST', '/api/v1/initiatives', payload, headers);
  expect(res.statusCode, res.body).toBe(201);
  writeEndpoints.createInitiative.schema.parse(res.json());
  return res.json().initiatives[0] as { id: number; version: number; workflow_state: string };
}

describe('write API: authentication', () => {
  it('refuses a request without a token, and never accepts a session cookie', async () => {
    const none = await send('POST', '/api/v1/initiatives', body(), {}, null);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(errorsOf(none)[0]!.code).toBe('unauthenticated');
    const withCookie = await send('POST', '/api/v1/initiatives', body(), as(sessionA), null);
    expect(withCookie.statusCode).toBe(401);
  });

  it('refuses an unknown or malformed token with 401 invalid_token', async () => {
    for (const token of [`rkt_${'x'.repeat(43)}`, 'not-a-token']) {
      const res = await send('POST', '/api/v1/initiatives', body(), {}, token);
      expect(res.statusCode).toBe(401);
      expect(errorsOf(res)[0]!.code).toBe('invalid_token');
    }
  });
});

describe('write API: registering an initiative', () => {
  it('creates it through the command, submitted, audited as the token, with last use noted', async () => {
    const one = await created();
    expect(one.workflow_state).toBe('inskickad');
    const [row] = await database.db.select().from(initiatives).where(eq(initiatives.id, one.id));
    expect(row!.ownerOrganisationId).toBe(orgA);
    expect(row!.contactEmail).toBe('insatser@aktor-a.example');
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, 'initiative'), eq(auditEvents.entityId, String(one.id))),
      );
    expect(events.map((e) => e.action).sort()).toEqual(['initiative.created', 'initiative.submit']);
    expect(events.every((e) => e.actorLabel.startsWith('api-token:'))).toBe(true);
    expect(events.every((e) => e.actorUserId === userA)).toBe(true);
    const [token] = await database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashApiToken(tokenA)));
    expect(token!.lastUsedAt).not.toBeNull();
    // The Region's curators hear of it, as when a member submits from the form.
    await expect
      .poll(() => smtp.mails.filter((m) => m.raw.includes(`/admin/insatser/${one.id}`)).length)
      .toBe(1);
    const mail = smtp.mails.find((m) => m.raw.includes(`/admin/insatser/${one.id}`))!;
    expect(mail.to).toEqual(['granskare@example.se']);
  });

  it('answers 400 naming the field for unknown fields and wrong types', async () => {
    const unknown = await send('POST', '/api/v1/initiatives', body({ budget: 5 }));
    expect(unknown.statusCode).toBe(400);
    expect(errorsOf(unknown)).toContainEqual(
      expect.objectContaining({ code: 'unknown_parameter', field: 'budget' }),
    );
    const wrongType = await send('POST', '/api/v1/initiatives', body({ goal_ids: 'ett' }));
    expect(wrongType.statusCode).toBe(400);
    expect(errorsOf(wrongType)[0]).toMatchObject({ code: 'invalid_parameter', field: 'goal_ids' });
    const nested = await send(
      'POST',
      '/api/v1/initiatives',
      body({ funding: [{ source: 'eruf', amount_sek: '12', year: 2026 }] }),
    );
    expect(errorsOf(nested)[0]!.field).toBe('funding.0.amount_sek');
    const short = await send('POST', '/api/v1/initiatives', body({ title: 'x' }));
    expect(short.statusCode).toBe(400);
    expect(errorsOf(short)[0]!.field).toBe('title');
  });

  it('answers 422 with the field for rules the command checks', async () => {
    const res = await send(
      'POST',
      '/api/v1/initiatives',
      body({ start_date: '2026-05-01', end_date: '2026-01-01', goal_ids: [999999] }),
    );
    expect(res.statusCode).toBe(422);
    const fields = errorsOf(res).map((e) => e.field);
    expect(fields.some((f) => f === 'end_date' || f?.startsWith('goal_ids'))).toBe(true);
    expect(errorsOf(res).every((e) => e.code === 'invalid_field')).toBe(true);
  });

  it('refuses to register for another organisation (403)', async () => {
    const res = await send('POST', '/api/v1/initiatives', body({ owner_organisation_id: orgB }));
    expect(res.statusCode).toBe(403);
    expect(errorsOf(res)[0]!.code).toBe('forbidden');
  });

  it('replays the stored answer for the same Idempotency-Key and refuses it for another body', async () => {
    const count = async () => (await database.db.select().from(initiatives)).length;
    const key = { 'idempotency-key': 'c0ffee00-0000-4000-8000-000000000001' };
    const first = await send(
      'POST',
      '/api/v1/initiatives',
      body({ title: 'Idempotent insats' }),
      key,
    );
    expect(first.statusCode).toBe(201);
    const before = await count();
    const again = await send(
      'POST',
      '/api/v1/initiatives',
      body({ title: 'Idempotent insats' }),
      key,
    );
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(again.headers.location).toBe(first.headers.location);
    const id = first.json().initiatives[0].id as number;
    expect(smtp.mails.filter((m) => m.raw.includes(`/admin/insatser/${id}`))).toHaveLength(1);
    expect(await count()).toBe(before);
    const other = await send(
      'POST',
      '/api/v1/initiatives',
      body({ title: 'En annan insats' }),
      key,
    );
    expect(other.statusCode).toBe(422);
    expect(errorsOf(other)[0]!.code).toBe('idempotency_key_reused');
    expect(await count()).toBe(before);
    // The key is per token: another organisation's system may use the same key.
    const otherToken = await send(
      'POST',
      '/api/v1/initiatives',
      body({ title: 'Idempotent insats' }),
      key,
      tokenB,
    );
    expect(otherToken.statusCode).toBe(201);
    expect(otherToken.json().initiatives[0].owner_organisation_id).toBe(orgB);
  });

  it('creates once when two requests with the same key arrive together', async () => {
    const key = { 'idempotency-key': 'samtidigt-1' };
    const payload = body({ title: 'Samtidigt inskickad insats' });
    const [a, b] = await Promise.all([
      send('POST', '/api/v1/initiatives', payload, key),
      send('POST', '/api/v1/initiatives', payload, key),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    const rows = await database.db
      .select()
      .from(initiatives)
      .where(eq(initiatives.title, 'Samtidigt inskickad insats'));
    expect(rows).toHaveLength(1);
  });

  it('does not use up a key on a failed request', async () => {
    const key = { 'idempotency-key': 'retry-after-fix-1' };
    const bad = await send('POST', '/api/v1/initiatives', body({ goal_ids: [999999] }), key);
    expect(bad.statusCode).toBe(422);
    const fixed = await send('POST', '/api/v1/initiatives', body(), key);
    expect(fixed.statusCode).toBe(201);
    const bogus = await send('POST', '/api/v1/initiatives', body(), { 'idempotency-key': 'å ä' });
    expect(bogus.statusCode).toBe(400);
    expect(errorsOf(bogus)[0]!.field).toBe('Idempotency-Key');
  });
});

describe('write API: changing an initiative', () => {
  it('needs the version, refuses a stale one (409) and hides it from another organisation (404)', async () => {
    const one = await created();
    const url = `/api/v1/initiatives/${one.id}`;
    const missing = await send('PATCH', url, { title: 'Ny rubrik för insatsen' });
    expect(missing.statusCode).toBe(428);
    const other = await send(
      'PATCH',
      url,
      { title: 'Kapad' },
      { 'if-match': `"v${one.version}"` },
      tokenB,
    );
    // Submitted, not published: organisation B may not read it, so it is not found.
    expect(other.statusCode).toBe(404);
    const stale = await send('PATCH', url, { title: 'Gammal', version: one.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(errorsOf(stale)[0]!.code).toBe('version_conflict');
    const notFound = await send('PATCH', '/api/v1/initiatives/99999999', { version: 1 });
    expect(notFound.statusCode).toBe(404);
  });

  it('changes a returned initiative and submits it again, keeping the fields not sent', async () => {
    const one = await created();
    const ctx = context(database.db, systemActor('test'));
    await transitionInitiative(ctx, { initiativeId: one.id, action: 'return', comment: 'Mer' });
    const [row] = await database.db.select().from(initiatives).where(eq(initiatives.id, one.id));
    const url = `/api/v1/initiatives/${one.id}`;
    const waiting = await send(
      'PATCH',
      url,
      { title: 'Inte nu' },
      { 'if-match': `"v${one.version}"` },
    );
    expect(waiting.statusCode).toBe(409);
    const res = await send(
      'PATCH',
      url,
      { title: 'Digital kompetens, omarbetad' },
      { 'if-match': `"v${row!.version}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    const receipt = res.json().initiatives[0];
    expect(receipt.workflow_state).toBe('inskickad');
    expect(receipt.title).toBe('Digital kompetens, omarbetad');
    expect(res.headers.etag).toBe(`"v${receipt.version}"`);
    const [after] = await database.db.select().from(initiatives).where(eq(initiatives.id, one.id));
    expect(after!.summary).toBe(body().summary);
    const again = await send(
      'PATCH',
      url,
      { title: 'Inte nu' },
      { 'if-match': res.headers.etag as string },
    );
    expect(again.statusCode).toBe(409);
    expect(errorsOf(again)[0]!.code).toBe('not_editable');
  });
});

describe('write API: progress reports', () => {
  it('submits a report for its own initiative and hides it from another organisation', async () => {
    const one = await created();
    const url = `/api/v1/initiatives/${one.id}/progress-reports`;
    const report = {
      period_start: '2026-01-01',
      period_end: '2026-06-30',
      traffic_light: 'enligt-plan',
      narrative: 'Tre kurser är genomförda enligt plan.',
      outputs: { participants_k: 12, participants_m: 9 },
    };
    const foreign = await send('POST', url, report, {}, tokenB);
    expect(foreign.statusCode).toBe(404);
    const wrong = await send('POST', url, { ...report, outputs: { participants: 3 } });
    expect(wrong.statusCode).toBe(400);
    expect(errorsOf(wrong)[0]!.field).toBe('outputs.participants');
    const res = await send('POST', url, report, { 'idempotency-key': 'rapport-1' });
    expect(res.statusCode, res.body).toBe(201);
    writeEndpoints.createProgressReport.schema.parse(res.json());
    const saved = res.json().progress_reports[0];
    expect(saved.state).toBe('inskickad');
    const replay = await send('POST', url, report, { 'idempotency-key': 'rapport-1' });
    expect(replay.json()).toEqual(res.json());
    const patch = await send('PATCH', `/api/v1/progress-reports/${saved.id}`, {
      narrative: 'Ändrad text.',
    });
    expect(patch.statusCode).toBe(409);
  });
});

/** A form post in the admin, signed in (or not) with a valid CSRF cookie. */
const adminPost = (url: string, data: Record<string, string>, session: string | null) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(data),
  });

describe('API tokens in the admin', () => {
  it('creates a token shown once, lists its prefix, and revokes it so it answers 401', async () => {
    const page = await app.inject({ url: '/admin/api-nycklar', headers: as(sessionA) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const bad = await adminPost(
      '/admin/api-nycklar',
      { _csrf: CSRF, name: ' ', organisationId: String(orgA) },
      sessionA,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const res = await adminPost(
      '/admin/api-nycklar',
      { _csrf: CSRF, name: 'Ärendesystemet', organisationId: String(orgA) },
      sessionA,
    );
    // Shown once on a page reached by redirect: a reload posts nothing and shows no key.
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/api-nycklar/ny');
    const once = setCookies(res).riktning_ny_nyckel!;
    const shown = await app.inject({
      url: '/admin/api-nycklar/ny',
      headers: { cookie: `${as(sessionA).cookie}; riktning_ny_nyckel=${once}` },
    });
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.body).toMatch(
      /<input type="text" id="ny-nyckel-varde" value="rkt_[^"]+" readonly/,
    );
    expect(shown.body).toContain('Ärendesystemet');
    const token = /value="(rkt_[A-Za-z0-9_-]{43})"/.exec(shown.body)?.[1];
    expect(token).toBeDefined();
    expect(setCookies(shown).riktning_ny_nyckel).toBe('');
    const reloaded = await app.inject({ url: '/admin/api-nycklar/ny', headers: as(sessionA) });
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain(token!);
    expect(reloaded.body).toContain('visas bara en gång');
    const [row] = await database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashApiToken(token!)));
    expect(row!.name).toBe('Ärendesystemet');
    expect(row!.organisationId).toBe(orgA);
    expect(JSON.stringify(row)).not.toContain(token!);
    const list = await app.inject({ url: '/admin/api-nycklar', headers: as(sessionA) });
    expect(list.body).toContain(row!.prefix);
    expect(list.body).not.toContain(token!);
    const used = await send('POST', '/api/v1/initiatives', body(), {}, token!);
    expect(used.statusCode).toBe(201);
    const foreignRevoke = await adminPost(
      `/admin/api-nycklar/${row!.id}/aterkalla`,
      { _csrf: CSRF },
      null,
    );
    expect(foreignRevoke.statusCode).toBe(303);
    expect(foreignRevoke.headers.location).toContain('/logga-in');
    const noCsrf = await adminPost(`/admin/api-nycklar/${row!.id}/aterkalla`, {}, sessionA);
    expect(noCsrf.statusCode).toBe(403);
    const revoke = await adminPost(
      `/admin/api-nycklar/${row!.id}/aterkalla`,
      { _csrf: CSRF, confirm: '1' },
      sessionA,
    );
    expect(revoke.statusCode).toBe(303);
    const after = await send('POST', '/api/v1/initiatives', body(), {}, token!);
    expect(after.statusCode).toBe(401);
    expect(errorsOf(after)[0]!.code).toBe('invalid_token');
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, 'api_token'), eq(auditEvents.entityId, String(row!.id))),
      );
    expect(events.map((e) => e.action).sort()).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it("does not let a member revoke another organisation's token", async () => {
    const [b] = await database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashApiToken(tokenB)));
    const res = await adminPost(`/admin/api-nycklar/${b!.id}/aterkalla`, { _csrf: CSRF }, sessionA);
    expect(res.statusCode).toBe(404);
    const still = await send('POST', '/api/v1/initiatives', body(), {}, tokenB);
    expect(still.statusCode).toBe(201);
  });
});

describe("an actor's system over HTTP", () => {
  it('registers an initiative with a token on a listening server', async () => {
    const server = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/initiatives`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokenA}`,
          'content-type': 'application/json',
          'idempotency-key': 'curl-1',
        },
        body: JSON.stringify(body({ title: 'Registrerad av ett system' })),
      });
      expect(res.status).toBe(201);
      const json = (await res.json()) as { initiatives: { id: number; workflow_state: string }[] };
      expect(json.initiatives[0]!.workflow_state).toBe('inskickad');
      expect(res.headers.get('location')).toBe(`/api/v1/initiatives/${json.initiatives[0]!.id}`);
      expect(res.headers.get('cache-control')).toBe('no-store');
    } finally {
      await server.close();
    }
  });
});
