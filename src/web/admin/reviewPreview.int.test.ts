import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goalAreas, goals } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor, type Actor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { defineActionProgramme } from '../../domain/strategy/defineActionProgramme.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { makeUser, signIn, listenOnLoopback } from '../auth/testSupport.js';

/**
 * The review shows the whole record as the portal will show it (issue 19): a submitted
 * initiative's partners, funding, places, goals, SDG targets, measures and Markdown, inside the
 * admin page one heading level down; its owner and the Region see it, another organisation
 * does not; a returned record shows the Region's comment, rendered, on the owner's overview.
 */
let database: Database;
let app: FastifyInstance;
let base = '';
let submittedId = 0;
let returnedId = 0;
const sessions: Record<string, string> = {};

const TITLE = 'Granskningsprov med hela bilden';
const PARTNER = 'Partnerbolaget i provet';
const MEASURE = 'Åtgärd som provet genomför';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  const system = context(database.db, systemActor('test'));
  const org = async (slug: string, name: string) => {
    const r = await createOrganisation(system, { slug, name, kind: 'kommun' });
    if (!r.ok) throw new Error('organisation');
    return r.value.id;
  };
  const owner = await org('granskning-agare', 'Ägaren i granskningsprovet');
  const partner = await org('granskning-partner', PARTNER);
  const other = await org('granskning-annan', 'En annan organisation');
  const ownerUser = await makeUser(database.db, 'agare@granskning.example', 'aktor', [owner]);
  await makeUser(database.db, 'annan@granskning.example', 'aktor', [other]);
  await makeUser(database.db, 'samordnare@granskning.example', 'samordnare', []);
  for (const [key, email] of [
    ['owner', 'agare@granskning.example'],
    ['other', 'annan@granskning.example'],
    ['curator', 'samordnare@granskning.example'],
  ] as const) {
    sessions[key] = (await signIn(app, email, { ip: '10.19.1.1' })).session!;
  }
  const [goal] = await database.db
    .select({ id: goals.id, area: goalAreas.slug })
    .from(goals)
    .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
    .limit(1);
  const programme = await defineActionProgramme(system, {
    slug: 'granskningsprogram',
    nameSv: 'Program för granskningsprovet',
    nameEn: 'Programme of the review test',
    periodStart: 2025,
    periodEnd: 2027,
    goalAreaSlugs: [goal!.area],
    measures: [{ code: 'G1', nameSv: MEASURE, nameEn: 'A measure the test carries out' }],
  });
  if (!programme.ok) throw new Error(JSON.stringify(programme.issues));
  const actor: Actor = {
    kind: 'user',
    userId: ownerUser,
    role: 'aktor',
    organisationIds: [owner],
    label: 'agare@granskning.example',
  };
  const ctx = context(database.db, actor);
  const make = async (title: string) => {
    const created = await createInitiative(
      ctx,
      buildInitiative({
        ownerOrganisationId: owner,
        goalIds: [goal!.id],
        title,
        description: 'Insatsen bygger **tre** mötesplatser.\n\n- Mönsterås\n- Torsås',
        partners: [{ organisationId: partner, role: 'partner' }],
        funding: [{ source: 'esf-plus', amountSek: 1_234_000, year: 2025 }],
        measureIds: [programme.value.measureIds.G1!],
      }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created.issues));
    await transitionInitiative(ctx, { initiativeId: created.value.id, action: 'submit' });
    return created.value.id;
  };
  submittedId = await make(TITLE);
  returnedId = await make('Returnerad insats i granskningsprovet');
  await transitionInitiative(system, {
    initiativeId: returnedId,
    action: 'return',
    comment: 'Lägg till **Nybro** bland platserna.',
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const page = async (path: string, who: string, language = 'sv') => {
  const res = await fetch(`${base}${path}`, {
    headers: {
      cookie: `riktning_session=${sessions[who]}; riktning_sprak=${language}`,
      accept: 'text/html',
    },
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
};

const previewOf = (body: string) => {
  const start = body.indexOf('class="preview-frame"');
  expect(start, 'the page has a preview').toBeGreaterThan(0);
  return body.slice(start);
};

describe('reviewing a submitted initiative', () => {
  it.each(['curator', 'owner'])('shows %s the whole record as the portal will', async (who) => {
    const { status, body } = await page(`/admin/insatser/${submittedId}`, who);
    expect(status).toBe(200);
    const preview = previewOf(body);
    expect(preview).toContain(`<h3>${TITLE}</h3>`);
    expect(preview).toContain(PARTNER);
    expect(preview).toContain('Mönsterås');
    expect(preview).toContain('<strong>tre</strong>');
    expect(preview).toContain('<li>Torsås</li>');
    expect(preview).toMatch(/1\s234\s000/);
    expect(preview).toContain('4.4');
    expect(preview).toContain(`G1 ${MEASURE}`);
    // One outline: the admin page's h1 only, the portal's breadcrumbs left out.
    expect(body.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(preview).not.toContain('class="breadcrumbs"');
    expect(body).toContain('Förhandsvisning av den publika sidan');
  });

  it('shows it in English in the English admin area', async () => {
    const { body } = await page(`/admin/insatser/${submittedId}`, 'curator', 'en');
    expect(body).toContain('Preview of the public page');
    expect(previewOf(body)).toContain('Partners');
  });

  it('is not found for another organisation, so nothing of it shows', async () => {
    const { status, body } = await page(`/admin/insatser/${submittedId}`, 'other');
    expect(status).toBe(404);
    expect(body).not.toContain(PARTNER);
  });

  it("puts the Region's return comment, rendered, on the owner's overview and record", async () => {
    const overview = await page('/admin', 'owner');
    expect(overview.body).toContain('Returnerad insats i granskningsprovet');
    expect(overview.body).toContain('Lägg till <strong>Nybro</strong> bland platserna.');
    const record = await page(`/admin/insatser/${returnedId}`, 'owner');
    expect(record.body).toContain('Lägg till <strong>Nybro</strong> bland platserna.');
  });
});
