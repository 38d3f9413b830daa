import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { evaluations, goalAreas, goals, strategies } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { versionContent } from '../../domain/drafting/queries.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { readForm } from '../../test/formReader.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';

/**
 * The three-way merge on the other edit forms with two editors at once (strategy draft details,
 * a goal area of a draft, an evaluation): fields only the other changed are kept, a field both
 * changed is shown side by side with a required choice, and nothing is saved until chosen.
 */
let database: Database;
let app: FastifyInstance;
let anna: string;
let bertil: string;
let draftId: number;
let areaId: number;
let evaluationId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const draft = await startDraftStrategy(ctx, {
    fromStrategyId: (await currentStrategy(database.db)).id,
    slug: 'rus-sammanfogning',
    nameSv: 'Utkast att sammanfoga',
    nameEn: 'Draft to merge',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!draft.ok) throw new Error('draft');
  draftId = draft.value.id;
  areaId = (await versionContent(database.db, draftId)).areas[0]!.id;
  const o = await createOrganisation(ctx, { slug: 'sfog', name: 'Sammanfog', kind: 'kommun' });
  if (!o.ok) throw new Error('organisation');
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const i = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: o.value.id, goalIds: [goalId] }),
  );
  if (!i.ok) throw new Error('initiative');
  await makeUser(database.db, 'anna@region.se', 'samordnare', []);
  await makeUser(database.db, 'bertil@region.se', 'samordnare', []);
  anna = (await signIn(app, 'anna@region.se')).session!;
  bertil = (await signIn(app, 'bertil@region.se')).session!;
  const created = await post(anna, '/admin/utvarderingar', {
    subject: `initiative:${i.value.id}`,
    title: 'Halvtidsutvärdering',
    evaluator: 'Utvärderarna AB',
    method: 'Intervjuer',
    evaluatedOn: '2026-03-01',
    findings: 'Insatsen når sina deltagare.',
    recommendations: '',
  });
  evaluationId = Number(/utvarderingar\/(\d+)/.exec(created.headers.location!)![1]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function post(session: string, url: string, data: Record<string, string | string[]>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...data, _csrf: CSRF }),
  });
}

/** The form as the editor's browser holds it after opening the page. */
async function open(session: string, page: string, action: string) {
  const res = await app.inject({ url: page, headers: as(session) });
  expect(res.statusCode, page).toBe(200);
  return readForm(res.body, action);
}

const cases = () => [
  {
    name: 'the details of a draft strategy',
    page: `/admin/strategi/${draftId}`,
    action: `/admin/strategi/${draftId}/uppgifter`,
    one: 'nameSv',
    other: 'visionSv',
    stored: async () =>
      (await database.db.select().from(strategies).where(eq(strategies.id, draftId)))[0]!,
  },
  {
    name: 'a goal area of a draft',
    page: `/admin/strategi/${draftId}/malomrade/${areaId}`,
    action: `/admin/strategi/${draftId}/malomrade/${areaId}`,
    one: 'nameSv',
    other: 'descriptionSv',
    stored: async () =>
      (await database.db.select().from(goalAreas).where(eq(goalAreas.id, areaId)))[0]!,
  },
  {
    name: 'an evaluation',
    page: `/admin/utvarderingar/${evaluationId}`,
    action: `/admin/utvarderingar/${evaluationId}`,
    one: 'title',
    other: 'findings',
    stored: async () =>
      (await database.db.select().from(evaluations).where(eq(evaluations.id, evaluationId)))[0]!,
  },
];

describe('two editors of the same record', () => {
  it('keeps both when they changed different fields', async () => {
    for (const c of cases()) {
      const a = await open(anna, c.page, c.action);
      const b = await open(bertil, c.page, c.action);
      const annas = `Annas ${c.one} i ${c.name}`;
      const bertils = `Bertils ${c.other} i ${c.name}, med fler ord än tio tecken`;
      expect((await post(anna, c.action, { ...a, [c.one]: annas })).statusCode, c.name).toBe(303);
      expect((await post(bertil, c.action, { ...b, [c.other]: bertils })).statusCode, c.name).toBe(
        303,
      );
      const row = (await c.stored()) as unknown as Record<string, unknown>;
      expect(row[c.one], c.name).toBe(annas);
      expect(row[c.other], c.name).toBe(bertils);
    }
  });

  it('asks when both changed the same field and saves nothing until chosen', async () => {
    for (const c of cases()) {
      const a = await open(anna, c.page, c.action);
      const b = await open(bertil, c.page, c.action);
      const annas = `Anna skrev ${c.name}, en längre text`;
      const bertils = `Bertil skrev ${c.name}, en längre text`;
      const theirOther = `Bertils ändrade ${c.other} i ${c.name}, också längre`;
      expect((await post(anna, c.action, { ...a, [c.one]: annas })).statusCode, c.name).toBe(303);
      // Bertil changed the same field and one Anna did not touch.
      const clash = await post(bertil, c.action, {
        ...b,
        [c.one]: bertils,
        [c.other]: theirOther,
      });
      expect(clash.statusCode, c.name).toBe(409);
      expect(clash.body).toContain('Någon annan har ändrat samma fält under tiden');
      expect(clash.body).toContain(annas);
      expect(clash.body).toContain(bertils);
      expect(clash.body).toContain(`name="choice.${c.one}"`);
      const row = (await c.stored()) as unknown as Record<string, unknown>;
      expect(row[c.one], `${c.name}: nothing saved`).toBe(annas);
      expect(row[c.other], `${c.name}: nothing saved`).not.toBe(theirOther);
      // The re-shown form without a choice is refused again.
      const again = readForm(clash.body, c.action);
      const undecided = await post(bertil, c.action, again);
      expect(undecided.statusCode, c.name).toBe(409);
      expect(undecided.body).toContain('Välj vilket värde som ska gälla för varje fält');
      // Keeping Anna's value keeps it, and Bertil's other field is saved.
      const kept = await post(bertil, c.action, { ...again, [`choice.${c.one}`]: 'theirs' });
      expect(kept.statusCode, c.name).toBe(303);
      const after = (await c.stored()) as unknown as Record<string, unknown>;
      expect(after[c.one], c.name).toBe(annas);
      expect(after[c.other], c.name).toBe(theirOther);
    }
  });

  it('takes the editor’s value when they choose their own', async () => {
    const c = cases()[2]!;
    const a = await open(anna, c.page, c.action);
    const b = await open(bertil, c.page, c.action);
    expect((await post(anna, c.action, { ...a, title: 'Annas rubrik' })).statusCode).toBe(303);
    const clash = await post(bertil, c.action, { ...b, title: 'Bertils rubrik' });
    expect(clash.statusCode).toBe(409);
    const again = readForm(clash.body, c.action);
    expect(again.title).toBe('Bertils rubrik');
    const mine = await post(bertil, c.action, { ...again, 'choice.title': 'mine' });
    expect(mine.statusCode).toBe(303);
    expect(((await c.stored()) as { title: string }).title).toBe('Bertils rubrik');
  });

  it('refuses nothing and merges nothing for a form posted without its base', async () => {
    const c = cases()[2]!;
    const { base: _base, ...whole } = await open(anna, c.page, c.action);
    const res = await post(anna, c.action, { ...whole, title: 'Hel post utan bas' });
    expect(res.statusCode).toBe(303);
    expect(((await c.stored()) as { title: string }).title).toBe('Hel post utan bas');
  });
});
