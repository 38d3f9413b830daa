import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import {
  apiTokens,
  consultations,
  followUpReports,
  goals,
  initiatives,
  users,
} from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createConsultation } from '../../domain/consultation/consultations.js';
import { swedishDate } from '../../domain/consultation/policies.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';

/**
 * Every irreversible or destructive step asks first: the first post without `confirm=1` changes
 * nothing and answers with a confirmation page that posts the same fields again. Over a real
 * socket, as a browser with JavaScript off would send them.
 */
let database: Database;
let app: FastifyInstance;
let origin: string;
let orgId: number;
let goalId: number;
let strategyDraftId: number;
type Who = 'admin' | 'samordnare' | 'aktor';
const sessions = {} as Record<Who, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const ctx = context(database.db, systemActor('test'));
  const o = await createOrganisation(ctx, { slug: 'bekr', name: 'Bekräfta', kind: 'kommun' });
  if (!o.ok) throw new Error('organisation');
  orgId = o.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const draft = await startDraftStrategy(ctx, {
    fromStrategyId: (await currentStrategy(database.db)).id,
    slug: 'rus-bekrafta',
    nameSv: 'Utkast att bekräfta',
    nameEn: 'Draft to confirm',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!draft.ok) throw new Error('draft');
  strategyDraftId = draft.value.id;
  await makeUser(database.db, 'admin@bekr.se', 'admin');
  await makeUser(database.db, 'samordnare@bekr.se', 'samordnare');
  await makeUser(database.db, 'aktor@bekr.se', 'aktor', [orgId]);
  for (const who of ['admin', 'samordnare', 'aktor'] as const) {
    sessions[who] = (await signIn(app, `${who}@bekr.se`)).session!;
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function post(who: Who, path: string, data: Record<string, string | string[]> = {}) {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...as(sessions[who]), 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ _csrf: CSRF, ...data }),
  });
  return { status: res.status, body: await res.text() };
}

/** The first post shows a confirmation page that carries the fields and asks with confirm=1. */
async function expectAsked(res: { status: number; body: string }, carried: string[] = []) {
  expect(res.status).toBe(200);
  expect(res.body).toContain('name="confirm" value="1"');
  expect(res.body).toContain('class="button-warning"');
  for (const c of carried) expect(res.body).toContain(c);
  expect(await htmlProblems(res.body)).toEqual([]);
}

async function initiative(state: 'utkast' | 'inskickad' | 'publicerad') {
  const ctx = context(database.db, systemActor('test'));
  const r = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: orgId, goalIds: [goalId] }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  if (state !== 'utkast')
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
  if (state === 'publicerad') {
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'approve' });
  }
  return r.value.id;
}
const stateOf = async (id: number) =>
  (await database.db.select().from(initiatives).where(eq(initiatives.id, id)))[0]!;

describe('confirmation before irreversible steps', () => {
  it('approve: the first post publishes nothing', async () => {
    const id = await initiative('inskickad');
    const { version } = await stateOf(id);
    const asked = await post('samordnare', `/admin/insatser/${id}/godkann`, {
      version: String(version),
    });
    await expectAsked(asked, [`name="version" value="${version}"`]);
    expect((await stateOf(id)).workflowState).toBe('inskickad');
    const done = await post('samordnare', `/admin/insatser/${id}/godkann`, {
      version: String(version),
      confirm: '1',
    });
    expect(done.status).toBe(303);
    expect((await stateOf(id)).workflowState).toBe('publicerad');
  });

  it('return: the first post keeps the comment and returns nothing', async () => {
    const id = await initiative('inskickad');
    const asked = await post('samordnare', `/admin/insatser/${id}/returnera`, {
      comment: 'Komplettera budgeten.',
    });
    await expectAsked(asked, ['value="Komplettera budgeten."']);
    expect((await stateOf(id)).workflowState).toBe('inskickad');
    const done = await post('samordnare', `/admin/insatser/${id}/returnera`, {
      comment: 'Komplettera budgeten.',
      confirm: '1',
    });
    expect(done.status).toBe(303);
    const after = await stateOf(id);
    expect([after.workflowState, after.returnComment]).toEqual([
      'returnerad',
      'Komplettera budgeten.',
    ]);
  });

  it('archive: the first post archives nothing', async () => {
    const id = await initiative('utkast');
    await expectAsked(await post('aktor', `/admin/insatser/${id}/arkivera`));
    expect((await stateOf(id)).workflowState).toBe('utkast');
    expect((await post('aktor', `/admin/insatser/${id}/arkivera`, { confirm: '1' })).status).toBe(
      303,
    );
    expect((await stateOf(id)).workflowState).toBe('arkiverad');
  });

  it('publishing the annual report: the full preview above the button, nothing published', async () => {
    const asked = await post('samordnare', '/admin/rapporter/2024/publicera');
    await expectAsked(asked);
    expect(asked.body.indexOf('report-preview')).toBeLessThan(asked.body.indexOf('name="confirm"'));
    const page = await fetch(`${origin}/admin/rapporter/2024`, {
      headers: as(sessions.samordnare),
    });
    const text = await page.text();
    expect(text.indexOf('report-preview')).toBeLessThan(text.indexOf('/publicera"'));
    const published = await database.db
      .select()
      .from(followUpReports)
      .where(eq(followUpReports.year, 2024));
    expect(published.filter((r) => r.status === 'published')).toEqual([]);
    expect(
      (await post('samordnare', '/admin/rapporter/2024/publicera', { confirm: '1' })).status,
    ).toBe(303);
  });

  it('planning a consultation that starts today asks first and saves nothing', async () => {
    const today = swedishDate(new Date());
    const fields = {
      strategyId: String(strategyDraftId),
      titleSv: 'Samråd som öppnar i dag',
      titleEn: '',
      introductionSv: 'Vi vill veta vad ni tycker om utkastet.',
      introductionEn: '',
      questionsSv: 'Vad saknas?',
      questionsEn: '',
      opensOn: today,
      closesOn: '2099-12-31',
    };
    const before = (await database.db.select().from(consultations)).length;
    await expectAsked(await post('samordnare', '/admin/samrad', fields), [
      'value="Samråd som öppnar i dag"',
    ]);
    expect((await database.db.select().from(consultations)).length).toBe(before);
    const done = await post('samordnare', '/admin/samrad', { ...fields, confirm: '1' });
    expect(done.status).toBe(303);
    expect((await database.db.select().from(consultations)).length).toBe(before + 1);
  });

  it('opening a planned consultation asks first', async () => {
    const c = await createConsultation(context(database.db, systemActor('test')), {
      strategyId: strategyDraftId,
      titleSv: 'Samråd som öppnas för hand',
      introductionSv: 'Vi vill veta vad ni tycker om utkastet.',
      opensOn: '2099-01-01',
      closesOn: '2099-12-31',
    });
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const statusOf = async () =>
      (await database.db.select().from(consultations).where(eq(consultations.id, c.value.id)))[0]!
        .status;
    await expectAsked(await post('samordnare', `/admin/samrad/${c.value.id}/oppna`));
    expect(await statusOf()).toBe('planerad');
    expect(
      (await post('samordnare', `/admin/samrad/${c.value.id}/oppna`, { confirm: '1' })).status,
    ).toBe(303);
    expect(await statusOf()).toBe('oppen');
  });

  it('revoking an API key asks first and the key keeps working until confirmed', async () => {
    const created = await post('aktor', '/admin/api-nycklar', {
      name: 'Ekonomisystemet',
      organisationId: String(orgId),
    });
    expect(created.status).toBe(303);
    const [token] = await database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.name, 'Ekonomisystemet'));
    await expectAsked(await post('aktor', `/admin/api-nycklar/${token!.id}/aterkalla`), [
      'Ekonomisystemet',
    ]);
    const still = await database.db.select().from(apiTokens).where(eq(apiTokens.id, token!.id));
    expect(still[0]!.revokedAt).toBeNull();
    expect(
      (await post('aktor', `/admin/api-nycklar/${token!.id}/aterkalla`, { confirm: '1' })).status,
    ).toBe(303);
    const revoked = await database.db.select().from(apiTokens).where(eq(apiTokens.id, token!.id));
    expect(revoked[0]!.revokedAt).not.toBeNull();
  });

  it('changing a role asks first and changes nothing', async () => {
    const id = await makeUser(database.db, 'roll@bekr.se', 'analytiker');
    await expectAsked(await post('admin', `/admin/anvandare/${id}/roll`, { role: 'samordnare' }), [
      'value="samordnare"',
    ]);
    const roleOf = async () =>
      (await database.db.select().from(users).where(eq(users.id, id)))[0]!.role;
    expect(await roleOf()).toBe('analytiker');
    expect(
      (await post('admin', `/admin/anvandare/${id}/roll`, { role: 'samordnare', confirm: '1' }))
        .status,
    ).toBe(303);
    expect(await roleOf()).toBe('samordnare');
  });
});
