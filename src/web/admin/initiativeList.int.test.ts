import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, makeUser, signIn } from '../auth/testSupport.js';

/** The coordinator's initiative list: search, filters, sorting and pages, within the actor's reach. */
let database: Database;
let app: FastifyInstance;
const sessions: Record<'samordnare' | 'aktor', string> = { samordnare: '', aktor: '' };
let goalA: { id: number; goalAreaId: number };
let goalB: { id: number; goalAreaId: number };
let orgA: number;
let orgB: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const org = async (slug: string, name: string) => {
    const o = await createOrganisation(ctx, { slug, name, kind: 'kommun' });
    if (!o.ok) throw new Error('organisation');
    return o.value.id;
  };
  orgA = await org('listkommunen', 'Listkommunen');
  orgB = await org('andra-kommunen', 'Andra kommunen');
  const all = await database.db.select({ id: goals.id, goalAreaId: goals.goalAreaId }).from(goals);
  goalA = all[0]!;
  goalB = all.find((g) => g.goalAreaId !== goalA.goalAreaId)!;
  // 30 of Listkommunen's in goal area A at Nybro, one submitted, one returned; 3 of the other's.
  for (let n = 1; n <= 30; n++) {
    const r = await createInitiative(
      ctx,
      buildInitiative({
        ownerOrganisationId: orgA,
        goalIds: [goalA.id],
        placeCodes: ['0881'],
        title: `Listinsats ${String(n).padStart(2, '0')}`,
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    if (n === 7) await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
    if (n === 8) {
      await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
      await transitionInitiative(ctx, {
        initiativeId: r.value.id,
        action: 'return',
        comment: 'Komplettera budgeten.',
      });
    }
  }
  for (const title of ['Ängsprojektet', 'Båtvarvet', 'Cykelleden']) {
    const r = await createInitiative(
      ctx,
      buildInitiative({
        ownerOrganisationId: orgB,
        goalIds: [goalB.id],
        placeCodes: ['0880'],
        title,
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    if (title === 'Båtvarvet') {
      await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
    }
  }
  await makeUser(database.db, 'samordnare@lista.se', 'samordnare');
  await makeUser(database.db, 'aktor@lista.se', 'aktor', [orgB]);
  for (const who of ['samordnare', 'aktor'] as const) {
    sessions[who] = (await signIn(app, `${who}@lista.se`)).session!;
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const list = async (query: string, who: 'samordnare' | 'aktor' = 'samordnare') => {
  const res = await app.inject({ url: `/admin/insatser${query}`, headers: as(sessions[who]) });
  expect(res.statusCode).toBe(200);
  const titles = [...res.body.matchAll(/<td><a href="\/admin\/insatser\/\d+">([^<]+)<\/a><\/td>/g)];
  return { body: res.body, titles: titles.map((m) => m[1]!) };
};

describe('the admin initiative list', () => {
  it('pages through every initiative, 25 at a time, keeping the query in the links', async () => {
    const first = await list('?sortering=namn');
    expect(first.body).toContain('33 insatser');
    expect(first.titles).toHaveLength(25);
    // Å, Ä and Ö come after Z, as in Swedish.
    expect(first.titles.slice(0, 3)).toEqual(['Båtvarvet', 'Cykelleden', 'Listinsats 01']);
    expect(first.body).toContain('Sida 1 av 2');
    expect(first.body).toContain('href="/admin/insatser?sortering=namn&amp;sida=2" rel="next"');
    const second = await list('?sortering=namn&sida=2');
    expect(second.titles).toHaveLength(8);
    expect(second.titles.at(-1)).toBe('Ängsprojektet');
    expect(await htmlProblems(first.body)).toEqual([]);
  });

  it('searches names and organisations and filters by state, organisation, goal area and place', async () => {
    expect((await list('?q=varv')).titles).toEqual(['Båtvarvet']);
    expect((await list('?q=andra+kommunen')).titles).toHaveLength(3);
    expect((await list('?q=%25')).titles).toEqual([]);
    expect((await list('?lage=inskickad&sortering=namn')).titles).toEqual([
      'Båtvarvet',
      'Listinsats 07',
    ]);
    expect((await list('?lage=returnerad')).titles).toEqual(['Listinsats 08']);
    expect((await list(`?organisation=${orgB}&sortering=namn`)).titles).toEqual([
      'Båtvarvet',
      'Cykelleden',
      'Ängsprojektet',
    ]);
    const area = await list(`?malomrade=${goalB.goalAreaId}`);
    expect(area.titles).toHaveLength(3);
    expect(area.body).toContain(`<option value="${goalB.goalAreaId}" selected>`);
    expect((await list('?plats=0881')).body).toContain('30 insatser');
    const none = await list(`?plats=0881&organisation=${orgB}`);
    expect(none.body).toContain('Inga insatser matchar.');
    expect(none.body).toContain('<a href="/admin/insatser">Rensa filter</a>');
    // What the list does not know is ignored, never an error.
    expect((await list('?lage=nonsens&sida=-3&malomrade=x')).titles).toHaveLength(25);
  });

  it('shows the coordinator what waits for review, and an actor what was returned to them', async () => {
    expect((await list('?lage=vantar&sortering=namn')).titles).toEqual([
      'Båtvarvet',
      'Listinsats 07',
    ]);
    expect((await list('?sortering=lage')).titles.slice(0, 3)).toEqual([
      expect.stringMatching(/^(Båtvarvet|Listinsats 07)$/),
      expect.stringMatching(/^(Båtvarvet|Listinsats 07)$/),
      'Listinsats 08',
    ]);
  });

  it("lists only the actor's own organisations' initiatives, and their filter choices", async () => {
    const own = await list('?sortering=namn', 'aktor');
    expect(own.titles).toEqual(['Båtvarvet', 'Cykelleden', 'Ängsprojektet']);
    expect(own.body).not.toContain('Listkommunen');
    expect((await list('?q=Listinsats', 'aktor')).titles).toEqual([]);
    expect((await list(`?organisation=${orgA}`, 'aktor')).titles).toEqual([]);
    expect((await list('?lage=vantar', 'aktor')).titles).toEqual([]);
  });

  it('speaks English when the admin language is English', async () => {
    const res = await app.inject({
      url: '/admin/insatser?lage=vantar',
      headers: { cookie: `${as(sessions.samordnare).cookie}; riktning_sprak=en` },
    });
    expect(res.body).toContain('2 initiatives');
    expect(res.body).toContain('<option value="vantar" selected>Waiting for me</option>');
    expect(res.body).toContain('<label for="sortering">Sort by</label>');
  });
});
