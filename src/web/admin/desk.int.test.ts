import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import {
  consultations,
  goals,
  importRuns,
  initiatives,
  reportingPeriods,
} from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context, systemActor, type Actor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, makeUser, signIn } from '../auth/testSupport.js';
import { deskItems, type DeskItem } from './desk.js';

/** The overview's desk: what waits for whom, counted from the records, with the date that matters. */
let database: Database;
let app: FastifyInstance;
let orgA: number;
let orgB: number;
const now = new Date('2026-06-15T10:00:00Z');
const sessions: Record<'samordnare' | 'analytiker' | 'aktor', string> = {
  samordnare: '',
  analytiker: '',
  aktor: '',
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const org = async (slug: string) => {
    const o = await createOrganisation(ctx, { slug, name: slug, kind: 'kommun' });
    if (!o.ok) throw new Error('organisation');
    return o.value.id;
  };
  orgA = await org('desk-a');
  orgB = await org('desk-b');
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const make = async (ownerOrganisationId: number, steps: ('submit' | 'approve' | 'return')[]) => {
    const r = await createInitiative(
      ctx,
      buildInitiative({ ownerOrganisationId, goalIds: [goalId] }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    for (const action of steps) {
      await transitionInitiative(ctx, {
        initiativeId: r.value.id,
        action,
        ...(action === 'return' ? { comment: 'Komplettera.' } : {}),
      });
    }
    return r.value.id;
  };
  // A: two published (they owe reports), one submitted; B: one returned, one published.
  await make(orgA, ['submit', 'approve']);
  await make(orgA, ['submit', 'approve']);
  await make(orgA, ['submit']);
  await make(orgB, ['submit', 'return']);
  await make(orgB, ['submit', 'approve']);
  const [row] = await database.db.select({ s: initiatives.strategyId }).from(initiatives).limit(1);
  const strategyId = row!.s;
  const period = (
    nameSv: string,
    start: string,
    end: string,
    dueDate: string,
    opened: boolean,
  ) => ({
    strategyId,
    kind: 'tertial' as const,
    nameSv,
    nameEn: nameSv,
    periodStart: start,
    periodEnd: end,
    dueDate,
    openedAt: opened ? now : null,
  });
  await database.db
    .insert(reportingPeriods)
    .values([
      period('Tertial 3', '2025-09-01', '2025-12-31', '2026-05-31', true),
      period('Tertial 1', '2026-01-01', '2026-04-30', '2026-06-30', true),
      period('Tertial 2', '2026-05-01', '2026-08-31', '2026-09-30', false),
    ]);
  await database.db.insert(consultations).values([
    {
      strategyId,
      titleSv: 'Snart stängd',
      opensOn: '2026-05-01',
      closesOn: '2026-06-20',
      status: 'oppen',
    },
    {
      strategyId,
      titleSv: 'Långt kvar',
      opensOn: '2026-05-01',
      closesOn: '2026-09-01',
      status: 'oppen',
    },
  ]);
  await database.db.insert(importRuns).values([
    { source: 'kolada', status: 'failed', startedAt: new Date('2026-06-10T03:00:00Z') },
    { source: 'kolada', status: 'failed', startedAt: new Date('2026-04-01T03:00:00Z') },
    { source: 'scb', status: 'succeeded', startedAt: new Date('2026-06-11T03:00:00Z') },
  ]);
  await makeUser(database.db, 'samordnare@desk.se', 'samordnare');
  await makeUser(database.db, 'analytiker@desk.se', 'analytiker');
  await makeUser(database.db, 'aktor@desk.se', 'aktor', [orgB]);
  for (const who of ['samordnare', 'analytiker', 'aktor'] as const) {
    sessions[who] = (await signIn(app, `${who}@desk.se`)).session!;
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const counted = (items: DeskItem[]) =>
  Object.fromEntries(items.map((i) => [i.kind, [i.count, i.date]]));
const member = (organisationIds: number[]): Actor => ({
  kind: 'user',
  userId: 1,
  role: 'aktor',
  organisationIds,
  label: 'user:test',
});

describe('the desk', () => {
  it("counts the coordinator's queues, late reports, open periods and closing consultations", async () => {
    const items = counted(await deskItems(database.db, systemActor('test'), now));
    expect(items.initiativesToReview![0]).toBe(1);
    // Three published initiatives owe the late period's report, none has reported.
    expect(items.overdueReports).toEqual([3, '2026-05-31']);
    // Opened and not yet due: one; the planned period is not open.
    expect(items.openPeriods).toEqual([1, '2026-06-30']);
    expect(items.closingConsultations).toEqual([1, '2026-06-20']);
    expect(items.reportsToReview).toEqual([0, null]);
    // Only failures of the last 30 days, dated by the latest.
    expect(items.failedImports).toEqual([1, '2026-06-10']);
    expect(items.returnedToMe).toBeUndefined();
  });

  it("shows a member only their organisations' returned work and the reports they owe", async () => {
    const b = counted(await deskItems(database.db, member([orgB]), now));
    expect(Object.keys(b).sort()).toEqual(['reportsDue', 'reportsOverdue', 'returnedToMe']);
    expect(b.returnedToMe![0]).toBe(1);
    expect(b.reportsDue).toEqual([1, '2026-06-30']);
    expect(b.reportsOverdue).toEqual([1, '2026-05-31']);
    const a = counted(await deskItems(database.db, member([orgA]), now));
    expect(a.returnedToMe).toEqual([0, null]);
    expect(a.reportsDue).toEqual([2, '2026-06-30']);
  });

  it('shows an analyst the failed imports only', async () => {
    const analyst = actorFor({
      userId: 1,
      email: 'a@desk.se',
      name: '',
      role: 'analytiker',
      organisationIds: [],
    });
    const items = counted(await deskItems(database.db, analyst, now));
    expect(Object.keys(items)).toEqual(['failedImports']);
  });

  it('is on the overview in words, linked to where each thing is done, in both languages', async () => {
    const sv = await app.inject({ url: '/admin', headers: as(sessions.samordnare) });
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('<h2 id="att-gora">Att göra</h2>');
    expect(sv.body).toContain(
      '<a href="/admin/insatser?lage=vantar">1 insats väntar på granskning</a>',
    );
    expect(sv.body).not.toContain('väntar på granskning</a>, 0');
    expect(await htmlProblems(sv.body)).toEqual([]);
    const en = await app.inject({
      url: '/admin',
      headers: { cookie: `${as(sessions.samordnare).cookie}; riktning_sprak=en` },
    });
    expect(en.body).toContain(
      '<a href="/admin/insatser?lage=vantar">1 initiative waits for review</a>',
    );
    const actor = await app.inject({ url: '/admin', headers: as(sessions.aktor) });
    expect(actor.body).toContain(
      '<a href="/admin/insatser?lage=vantar">1 insats är returnerad till er</a>',
    );
    expect(actor.body).not.toContain('väntar på granskning');
  });
});
