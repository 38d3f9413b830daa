import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, initiativeGoals, initiatives } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';

/** Drafts save as they are; completeness is checked when the draft is submitted. */
let database: Database;
let app: FastifyInstance;
let orgId: number;
let goalId: number;
let session: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const o = await createOrganisation(ctx, { slug: 'utkast-a', name: 'Utkast A', kind: 'kommun' });
  if (!o.ok) throw new Error('organisation');
  orgId = o.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  await makeUser(database.db, 'ensam@example.se', 'aktor', [orgId]);
  session = (await signIn(app, 'ensam@example.se')).session!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string) => app.inject({ url, headers: as(session) });
const post = (url: string, data: Record<string, string | string[]>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...data }),
  });

describe('drafts', () => {
  it('preselects the only organisation of a member', async () => {
    const page = await get('/admin/insatser/ny');
    expect(page.body).toContain(`<option value="${orgId}" selected>Utkast A</option>`);
  });

  it('saves a half-written draft and names what is missing when it is submitted', async () => {
    const saved = await post('/admin/insatser', {
      title: 'Halvfärdig insats',
      ownerOrganisationId: String(orgId),
      status: '',
      startDate: '',
    });
    expect(saved.statusCode).toBe(303);
    const id = Number(/\/admin\/insatser\/(\d+)/.exec(saved.headers.location!)![1]);
    const [row] = await database.db.select().from(initiatives).where(eq(initiatives.id, id));
    expect([row!.status, row!.startDate, row!.workflowState]).toEqual([null, null, 'utkast']);

    const submit = await post(`/admin/insatser/${id}/skicka-in`, { version: String(row!.version) });
    expect(submit.statusCode).toBe(303);
    expect(submit.headers.location).toBe(`/admin/insatser/${id}/redigera?saknas=1`);
    const [still] = await database.db.select().from(initiatives).where(eq(initiatives.id, id));
    expect(still!.workflowState).toBe('utkast');
    const missing = await get(submit.headers.location!);
    for (const f of ['summary', 'status', 'startDate', 'goalIds', 'placeCodes']) {
      expect(missing.body).toContain(`id="${f}-error"`);
    }
    expect(await htmlProblems(missing.body)).toEqual([]);

    const completed = await post(`/admin/insatser/${id}/redigera`, {
      version: String(still!.version),
      title: 'Halvfärdig insats',
      summary: 'Nu är sammanfattningen skriven.',
      status: 'planerad',
      startDate: '2026-03-01',
      ownerOrganisationId: String(orgId),
      placeCodes: ['0880'],
      goalIds: [String(goalId)],
    });
    expect(completed.statusCode).toBe(303);
    const [done] = await database.db.select().from(initiatives).where(eq(initiatives.id, id));
    expect(
      (await post(`/admin/insatser/${id}/skicka-in`, { version: String(done!.version) }))
        .statusCode,
    ).toBe(303);
    const [sent] = await database.db.select().from(initiatives).where(eq(initiatives.id, id));
    expect(sent!.workflowState).toBe('inskickad');
    const links = await database.db
      .select()
      .from(initiativeGoals)
      .where(eq(initiativeGoals.initiativeId, id));
    expect(links).toHaveLength(1);
  });
});
