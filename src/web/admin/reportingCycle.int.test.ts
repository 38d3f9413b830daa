import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, progressReports } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import {
  createReportingPeriod,
  openReportingPeriod,
} from '../../domain/followup/reportingPeriods.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { CSRF, makeUser, signIn, testCookies, listenOnLoopback } from '../auth/testSupport.js';

/**
 * A reporting cycle as owners and coordinators meet it over a real socket: a red or amber
 * report needs its explanation, each field says what it is, and a report is not late before
 * its due date.
 */
let database: Database;
let app: FastifyInstance;
let base: string;
let initiativeId: number;
let periodId: number;
const session: Record<'actor' | 'other' | 'editor', string> = { actor: '', other: '', editor: '' };

const isoDay = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  const ctx = context(database.db, systemActor('test'));
  const a = await createOrganisation(ctx, { slug: 'cykel-a', name: 'Cykelorg A', kind: 'kommun' });
  const b = await createOrganisation(ctx, { slug: 'cykel-b', name: 'Cykelorg B', kind: 'kommun' });
  if (!a.ok || !b.ok) throw new Error('organisations');
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const r = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: a.value.id,
      goalIds: [goalId],
      title: 'Insats i rapportcykeln',
      startDate: '2020-01-01',
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  initiativeId = r.value.id;
  await transitionInitiative(ctx, { initiativeId, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId, action: 'approve' });
  const quiet = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: b.value.id,
      goalIds: [goalId],
      title: 'Tyst insats',
      startDate: '2020-01-01',
    }),
  );
  if (!quiet.ok) throw new Error(JSON.stringify(quiet.issues));
  await transitionInitiative(ctx, { initiativeId: quiet.value.id, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId: quiet.value.id, action: 'approve' });
  const period = await createReportingPeriod(ctx, {
    kind: 'annan',
    periodStart: isoDay(-120),
    periodEnd: isoDay(-1),
    nameSv: 'Cykelperioden',
    nameEn: 'The cycle period',
    dueDate: isoDay(10),
  });
  if (!period.ok) throw new Error(JSON.stringify(period.issues));
  periodId = period.value.id;
  await openReportingPeriod(ctx, { id: periodId });
  await makeUser(database.db, 'aktor@cykel.example', 'aktor', [a.value.id]);
  await makeUser(database.db, 'annan@cykel.example', 'aktor', [b.value.id]);
  await makeUser(database.db, 'samordnare@cykel.example', 'samordnare');
  session.actor = (await signIn(app, 'aktor@cykel.example')).session!;
  session.other = (await signIn(app, 'annan@cykel.example')).session!;
  session.editor = (await signIn(app, 'samordnare@cykel.example')).session!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Who = keyof typeof session;
const get = async (path: string, who: Who, lang?: 'en') => {
  const res = await fetch(`${base}${path}`, {
    headers: { cookie: testCookies(session[who], lang ? 'riktning_sprak=en' : '') },
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
};
const post = async (path: string, who: Who, data: Record<string, string>, lang?: 'en') => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      cookie: testCookies(session[who], lang ? 'riktning_sprak=en' : ''),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ _csrf: CSRF, ...data }),
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
};
const reports = () =>
  database.db
    .select()
    .from(progressReports)
    .where(
      and(
        eq(progressReports.initiativeId, initiativeId),
        eq(progressReports.reportingPeriodId, periodId),
      ),
    );

describe('a reporting cycle', () => {
  const path = () => `/admin/rapportering/${periodId}/${initiativeId}`;

  it('labels each field for what it is: no two are called "Läge"', async () => {
    const page = await get(path(), 'actor');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Bedömning av läget (trafikljus)');
    expect(page.body).toContain('Rapportens status');
    expect(page.body).toContain('Förklaring vid risk eller avvikelse');
    expect(page.body.match(/>Läge</g)).toBeNull();
    const english = await get(path(), 'actor', 'en');
    expect(english.body).toContain('Assessment (traffic light)');
    expect(english.body).toContain('Report status');
  });

  it('stops a red report without an explanation, in both languages, and saves nothing', async () => {
    const narrative = 'Arbetet har stannat upp under perioden.';
    const red = await post(path(), 'actor', {
      action: 'submit',
      trafficLight: 'avvikelse',
      narrative,
    });
    expect(red.status).toBe(400);
    expect(red.body).toContain('Förklara vad som avviker eller är i fara');
    expect(red.body).toMatch(/id="deviationExplanation"[^>]*aria-invalid="true"/);
    const amber = await post(
      path(),
      'actor',
      { action: 'submit', trafficLight: 'risk', narrative, deviationExplanation: 'kort' },
      'en',
    );
    expect(amber.status).toBe(400);
    expect(amber.body).toContain('Explain what is off track or at risk');
    expect(await reports()).toHaveLength(0);
    // A draft may wait for its explanation.
    const draft = await post(path(), 'actor', {
      action: 'draft',
      trafficLight: 'avvikelse',
      narrative,
    });
    expect(draft.status).toBe(303);
    const explained = await post(path(), 'actor', {
      action: 'submit',
      trafficLight: 'avvikelse',
      narrative,
      deviationExplanation: 'Leverantören gick i konkurs; vi upphandlar en ny i maj.',
    });
    expect(explained.status).toBe(303);
    const [report] = await reports();
    expect(report).toMatchObject({
      state: 'inskickad',
      deviationExplanation: 'Leverantören gick i konkurs; vi upphandlar en ny i maj.',
    });
    const review = await get(`/admin/rapportering/granska/${report!.id}`, 'editor');
    expect(review.body).toContain('Leverantören gick i konkurs');
    expect((await post(path(), 'other', { action: 'submit' })).status).toBe(404);
  });

  it('counts lateness from the due date: nothing is late before it', async () => {
    const overdue = await get('/admin/uppfoljning/rapporter', 'editor');
    expect(overdue.status).toBe(200);
    expect(overdue.body).toContain('Tyst insats');
    expect(overdue.body).toContain('Inte försenad, 10 dagar kvar');
    expect(overdue.body).not.toContain('dagar försenad');
    const english = await get('/admin/uppfoljning/rapporter', 'editor', 'en');
    expect(english.body).toContain('Not late, 10 days left');
  });
});
