import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditEvents, goals } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, makeUser, signIn } from '../auth/testSupport.js';
import { buildInitiative } from '../../test/factories.js';
import { AUDIT_PAGE_SIZE } from './auditLog.js';

let database: Database;
let app: FastifyInstance;
const s: Record<string, string | null> = {};
let adminId: number;
let coordinatorId: number;
let initiativeId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  adminId = await makeUser(database.db, 'admin@example.se', 'admin');
  coordinatorId = await makeUser(database.db, 'samordnare@example.se', 'samordnare');
  await makeUser(database.db, 'aktor@example.se', 'aktor');
  for (const who of ['admin', 'samordnare', 'aktor']) {
    s[who] = (await signIn(app, `${who}@example.se`)).session;
  }
  const at = (day: number) => new Date(Date.UTC(2026, 2, day, 12));
  const ctx = context(database.db, systemActor('test'));
  const org = await createOrganisation(ctx, { slug: 'logg', name: 'Loggkommunen', kind: 'kommun' });
  if (!org.ok) throw new Error('organisation');
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const created = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: org.value.id, goalIds: [goalId], title: 'Båtbygget' }),
  );
  if (!created.ok) throw new Error('initiative');
  initiativeId = created.value.id;
  await database.db.insert(auditEvents).values([
    {
      occurredAt: at(1),
      actorUserId: adminId,
      actorLabel: 'user:admin@example.se',
      action: 'user.role_changed',
      entityType: 'user',
      entityId: '4242',
      before: { role: 'aktor', name: 'Kim' },
      after: { role: 'samordnare', name: 'Kim' },
    },
    {
      occurredAt: at(2),
      actorUserId: coordinatorId,
      actorLabel: 'user:samordnare@example.se',
      action: 'initiative.approve',
      entityType: 'initiative',
      entityId: String(initiativeId),
      before: { workflowState: 'inskickad', data: { title: 'Båtbygget', places: ['0880'] } },
      after: {
        workflowState: 'publicerad',
        data: { title: 'Båtbygget', places: ['0880', '0881'] },
      },
    },
    {
      occurredAt: at(3),
      actorUserId: adminId,
      actorLabel: 'user:admin@example.se',
      action: 'initiative.archive_requested',
      entityType: 'initiative',
      entityId: String(initiativeId),
    },
    {
      occurredAt: at(5),
      actorLabel: 'system:seed',
      action: 'organisation.created',
      entityType: 'organisation',
      entityId: '77',
      after: { name: '<script>alert(1)</script>' },
    },
    ...Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({
      occurredAt: at(10),
      actorLabel: 'system:import',
      action: 'observation.imported',
      entityType: 'indicator',
      entityId: String(i),
    })),
  ]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, who = 'admin') =>
  app.inject({ method: 'GET', url, headers: as(s[who]!) });

describe('audit log viewer', () => {
  it('shows a change as a field diff, with valid HTML and escaped values', async () => {
    const res = await get('/admin/logg?typ=user&id=4242');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      '<th scope="row">role</th><td><del>aktor</del></td><td><ins>samordnare</ins></td>',
    );
    expect(res.body).not.toContain('<th scope="row">name</th>');
    expect(res.body).toContain('admin@example.se');
    expect(await htmlProblems(res.body)).toEqual([]);
    const xss = await get('/admin/logg?typ=organisation');
    expect(xss.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xss.body).not.toContain('<script>alert(1)');
  });

  it('tells events in words, names records by their title and links them', async () => {
    const sv = await get(`/admin/logg?typ=initiative&id=${initiativeId}`);
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('<td>Insats godkänd och publicerad</td>');
    expect(sv.body).toContain('<td>Arkivering begärd</td>');
    expect(sv.body).toContain('<td>Insats skapad</td>');
    expect(sv.body).not.toContain('<td>initiative.');
    expect(sv.body).toContain(
      `Insats ${initiativeId}</span><br><a href="/admin/insatser/${initiativeId}">Båtbygget</a>`,
    );
    // Nested changes read as fields, only those that changed.
    expect(sv.body).toContain(
      '<th scope="row">workflowState</th><td><del>inskickad</del></td><td><ins>publicerad</ins></td>',
    );
    expect(sv.body).toContain('<th scope="row">data.places</th>');
    expect(sv.body).not.toContain('<th scope="row">data.title</th>');
    expect(await htmlProblems(sv.body)).toEqual([]);
    const en = await app.inject({
      method: 'GET',
      url: `/admin/logg?typ=initiative&id=${initiativeId}`,
      headers: { cookie: `${as(s.admin!).cookie}; riktning_sprak=en` },
    });
    expect(en.body).toContain('<td>Initiative approved and published</td>');
    expect(en.body).toContain(`Initiative ${initiativeId}</span>`);
    expect(en.body).toContain(
      '<option value="initiative.approve">Initiative approved and published</option>',
    );
    // A user who no longer exists is said to be gone; an unknown event code reads as recorded.
    const gone = await get('/admin/logg?typ=user&id=4242');
    expect(gone.body).toContain(
      'Användare 4242</span> <span class="muted">(finns inte längre)</span>',
    );
    const old = await get('/admin/logg?typ=indicator&sida=2');
    expect(old.body).toContain('<td>observation.imported</td>');
  });

  it('filters by actor, action and date range', async () => {
    const byActor = await get('/admin/logg?vem=admin%40example.se');
    expect(byActor.body).toContain('Roll ändrad');
    expect(byActor.body).not.toContain('Organisation skapad</td>');
    const byAction = await get('/admin/logg?handelse=organisation.created');
    expect(byAction.body).toContain('Organisation 77');
    expect(byAction.body).not.toContain('<td>Roll ändrad</td>');
    expect(byAction.body).toContain('<option value="organisation.created" selected>');
    // A chosen event is that event, not every code that begins with it.
    const approve = await get('/admin/logg?handelse=initiative.approve');
    expect(approve.body).toContain('<td>Insats godkänd och publicerad</td>');
    expect(approve.body).not.toContain('<td>Arkivering begärd</td>');
    const range = await get('/admin/logg?fran=2026-03-04&till=2026-03-05');
    expect(range.body).toContain('<td>Organisation skapad</td>');
    expect(range.body).not.toContain('<td>Roll ändrad</td>');
    expect(range.body).not.toContain('<td>observation.imported</td>');
  });

  it('exports the selection as CSV, one row per changed field, in the admin language', async () => {
    const march = `typ=initiative&id=${initiativeId}&fran=2026-03-01&till=2026-03-31`;
    const page = await get(`/admin/logg?${march}`);
    expect(page.body).toContain(`href="/admin/logg.csv?${march.replaceAll('&', '&amp;')}"`);
    const res = await get(`/admin/logg.csv?${march}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="logg-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toBe(
      'Tid,Vem,E-post,Händelse,Händelsekod,Typ av post,Postens id,Post,Fält,Före,Efter',
    );
    const rows = lines.slice(2);
    // The archive request has no fields (one row); the approval changed two fields (two rows,
    // in the stored order of the fields).
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(
      `Arkivering begärd,initiative.archive_requested,Insats,${initiativeId},Båtbygget,,,`,
    );
    expect(rows.slice(1).map((r) => r.split(',').slice(8, 9)[0])).toEqual([
      'data.places',
      'workflowState',
    ]);
    expect(rows[1]).toContain('"[""0880""]","[""0880"",""0881""]"');
    // The filter applies; a signed-in actor is refused as on the page.
    const none = await get('/admin/logg.csv?handelse=user.disabled');
    expect(
      none.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(2);
    expect((await get('/admin/logg.csv', 'aktor')).statusCode).toBe(403);
    expect((await get('/admin/logg.csv', 'samordnare')).statusCode).toBe(200);
  });

  it('pages through many events and keeps the filter in the links', async () => {
    const first = await get('/admin/logg?typ=indicator');
    expect(first.body).toContain('Sida 1 av 2');
    expect(first.body).toContain('href="/admin/logg?typ=indicator&amp;sida=2"');
    const second = await get('/admin/logg?typ=indicator&sida=2');
    expect(second.body.match(/<td>observation\.imported<\/td>/g)).toHaveLength(5);
  });

  it('says next to the field when a date is not a date', async () => {
    const res = await get('/admin/logg?fran=igår');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="fran-error"');
    expect(res.body).toContain('value="igår"');
  });

  it('is for administrators and coordinators only', async () => {
    expect((await get('/admin/logg', 'samordnare')).statusCode).toBe(200);
    expect((await get('/admin/logg', 'aktor')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/admin/logg' })).statusCode).toBe(303);
  });
});
