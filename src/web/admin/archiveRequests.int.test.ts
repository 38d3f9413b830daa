import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, initiatives } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { loadInitiativeData } from '../../domain/initiatives/initiativeData.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';
import { formValuesOf } from './initiativeForm.js';

/** Archiving a published initiative is the Region's decision; restoring brings it back as it was. */
let database: Database;
let app: FastifyInstance;
let orgId: number;
let goalId: number;
type Who = 'samordnare' | 'aktor';
const sessions = {} as Record<Who, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const o = await createOrganisation(ctx, { slug: 'ark', name: 'Arkiv', kind: 'kommun' });
  if (!o.ok) throw new Error('organisation');
  orgId = o.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  await makeUser(database.db, 'samordnare@ark.se', 'samordnare');
  await makeUser(database.db, 'aktor@ark.se', 'aktor', [orgId]);
  for (const who of ['samordnare', 'aktor'] as const) {
    sessions[who] = (await signIn(app, `${who}@ark.se`)).session!;
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (who: Who, url: string, data: Record<string, string | string[]> = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(sessions[who]), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...data }),
  });
const get = (who: Who, url: string) => app.inject({ url, headers: as(sessions[who]) });

async function published() {
  const ctx = context(database.db, systemActor('test'));
  const r = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: orgId,
      goalIds: [goalId],
      title: 'Publicerad att arkivera',
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'approve' });
  return r.value.id;
}
const rowOf = async (id: number) =>
  (await database.db.select().from(initiatives).where(eq(initiatives.id, id)))[0]!;

describe('archiving a published initiative', () => {
  it('lets a member only ask, with a reason; the curator archives; restore keeps it published', async () => {
    const id = await published();
    expect(
      (await post('aktor', `/admin/insatser/${id}/arkivera`, { confirm: '1' })).statusCode,
    ).toBe(403);
    const detail = await get('aktor', `/admin/insatser/${id}`);
    expect(detail.body).toContain(`action="/admin/insatser/${id}/begar-arkivering"`);
    expect(detail.body).not.toContain(`action="/admin/insatser/${id}/arkivera"`);
    const noReason = await post('aktor', `/admin/insatser/${id}/begar-arkivering`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('id="reason-error"');
    expect(await htmlProblems(noReason.body)).toEqual([]);
    expect((await rowOf(id)).archiveRequest).toBeNull();
    const asked = await post('aktor', `/admin/insatser/${id}/begar-arkivering`, {
      reason: 'Insatsen lades ner efter beslut i nämnden.',
    });
    expect(asked.statusCode).toBe(303);
    expect((await rowOf(id)).workflowState).toBe('publicerad');
    expect((await app.inject(`/insatser/${id}`)).statusCode).toBe(200);

    const review = await get('samordnare', `/admin/insatser/${id}`);
    expect(review.body).toContain('Insatsen lades ner efter beslut i nämnden.');
    expect(await htmlProblems(review.body)).toEqual([]);
    const version = String((await rowOf(id)).version);
    expect(
      (await post('samordnare', `/admin/insatser/${id}/arkivera`, { version, confirm: '1' }))
        .statusCode,
    ).toBe(303);
    const archived = await rowOf(id);
    expect([archived.workflowState, archived.archiveRequest]).toEqual(['arkiverad', null]);
    expect((await app.inject(`/insatser/${id}`)).statusCode).toBe(404);

    expect((await post('samordnare', `/admin/insatser/${id}/aterstall`)).statusCode).toBe(303);
    expect((await rowOf(id)).workflowState).toBe('publicerad');
    expect((await app.inject(`/insatser/${id}`)).statusCode).toBe(200);
  });

  it('lets the curator turn a request down', async () => {
    const id = await published();
    await post('aktor', `/admin/insatser/${id}/begar-arkivering`, {
      reason: 'Vi tror att insatsen är klar nu.',
    });
    expect((await post('samordnare', `/admin/insatser/${id}/avsla-arkivering`)).statusCode).toBe(
      303,
    );
    const row = await rowOf(id);
    expect([row.workflowState, row.archiveRequest]).toEqual(['publicerad', null]);
  });
});

describe('a change proposal', () => {
  it('is honest about a restore and can be withdrawn by its author', async () => {
    const id = await published();
    const stored = (await loadInitiativeData(database.db, id))!;
    const proposed = await post('aktor', `/admin/insatser/${id}/redigera`, {
      ...formValuesOf({ ...stored.data, title: 'Föreslagen rubrik' }),
      version: String(stored.state.version),
    });
    expect(proposed.statusCode).toBe(303);
    const history = await get('aktor', `/admin/insatser/${id}/historik`);
    expect(history.body).toContain('Föreslå den här versionen');
    expect(history.body).not.toContain('sparas som en ny version');

    const detail = await get('aktor', `/admin/insatser/${id}`);
    expect(detail.body).toContain(`action="/admin/insatser/${id}/dra-tillbaka"`);
    const version = String((await rowOf(id)).version);
    const asked = await post('aktor', `/admin/insatser/${id}/dra-tillbaka`, { version });
    expect(asked.statusCode).toBe(200);
    expect((await rowOf(id)).pendingState).not.toBeNull();
    const done = await post('aktor', `/admin/insatser/${id}/dra-tillbaka`, {
      version,
      confirm: '1',
    });
    expect(done.statusCode).toBe(303);
    const row = await rowOf(id);
    expect([row.pendingState, row.pendingChanges, row.title]).toEqual([
      null,
      null,
      'Publicerad att arkivera',
    ]);
  });
});
