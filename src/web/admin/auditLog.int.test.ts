import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, makeUser, signIn } from '../auth/testSupport.js';
import { AUDIT_PAGE_SIZE } from './auditLog.js';

let database: Database;
let app: FastifyInstance;
const s: Record<string, string | null> = {};
let adminId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  adminId = await makeUser(database.db, 'admin@example.se', 'admin');
  await makeUser(database.db, 'samordnare@example.se', 'samordnare');
  await makeUser(database.db, 'aktor@example.se', 'aktor');
  for (const who of ['admin', 'samordnare', 'aktor']) {
    s[who] = (await signIn(app, `${who}@example.se`)).session;
  }
  const at = (day: number) => new Date(Date.UTC(2026, 2, day, 12));
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

  it('filters by actor, action and date range', async () => {
    const byActor = await get('/admin/logg?vem=admin%40example.se');
    expect(byActor.body).toContain('user.role_changed');
    expect(byActor.body).not.toContain('organisation.created');
    const byAction = await get('/admin/logg?handelse=organisation.created');
    expect(byAction.body).toContain('organisation 77');
    expect(byAction.body).not.toContain('user.role_changed');
    const range = await get('/admin/logg?fran=2026-03-02&till=2026-03-05');
    expect(range.body).toContain('organisation.created');
    expect(range.body).not.toContain('user.role_changed');
    expect(range.body).not.toContain('observation.imported');
  });

  it('pages through many events and keeps the filter in the links', async () => {
    const first = await get('/admin/logg?typ=indicator');
    expect(first.body).toContain('Sida 1 av 2');
    expect(first.body).toContain('href="/admin/logg?typ=indicator&amp;sida=2"');
    const second = await get('/admin/logg?typ=indicator&sida=2');
    expect(second.body.match(/observation\.imported/g)).toHaveLength(5);
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
