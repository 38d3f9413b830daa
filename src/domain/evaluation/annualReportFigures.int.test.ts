import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { createOrganisation } from '../actors/createOrganisation.js';
import { context, systemActor } from '../context.js';
import type { InitiativeInput } from '../initiatives/initiativeSchema.js';
import { createInitiative } from '../initiatives/createInitiative.js';
import { transitionInitiative } from '../initiatives/transitionInitiative.js';
import { buildAnnualReport, type AnnualReportData } from './annualReport.js';

/**
 * The annual report's figures against a data set small enough to count by hand (year 2025):
 *
 * | initiative | owner (+partner) | goals         | state       | status   | runs        | funding                  |
 * | ---------- | ---------------- | ------------- | ----------- | -------- | ----------- | ------------------------ |
 * | I1         | P (+R)           | a1, a2 (area X) | published | pågående | 2025–2026   | 900 000 (2025), 100 000 (2026) |
 * | I2         | Q                | a1 (X), b1 (Y)  | published | avslutad | 2023–2025-06 | 400 000 + 200 000 (2025) |
 * | I3         | P                | b1 (Y)          | draft     | pågående | 2025–       | 300 000 (2025)           |
 * | I4         | Q                | a2 (X)          | published | avslutad | 2020–2024   | 500 000 (2024)           |
 *
 * By hand: started in 2025 = I1 (I3 is a draft) → 1; finished in 2025 = I2 → 1; active in 2025 =
 * I1, I2 (I4 ended 2024) → 2; their organisations P, R, Q → 3. Money of 2025 = 900 000 + 600 000
 * = 1 500 000 (I4 has none that year, I3 is not published). Area X: I1's 900 000 whole (both its
 * goals lie in X, so X counts it once) + half of I2's 600 000 = 1 200 000; area Y: the other half
 * = 300 000. Active initiatives per goal: a1 = 2 (I1, I2), a2 = 1 (I1), b1 = 1 (I2).
 */

let database: Database;
let report: AnnualReportData;
let goalCodes: { code: string; areaSlug: string }[];
const ids: Record<'a1' | 'a2' | 'b1', { id: number; code: string; area: string }> = {} as never;
let perspective: { id: number; slug: string };
let allPerspectives: string[];
let allPlaces: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = context(database.db, systemActor('test'));
  const goals = await queryRows<{ id: number; code: string; areaSlug: string; areaOrder: number }>(
    database.db,
    sql`select g.id, g.code, ga.slug as "areaSlug", ga.id as "areaOrder" from goals g
      join goal_areas ga on ga.id = g.goal_area_id join strategies s on s.id = ga.strategy_id and s.is_current
      order by ga.id, g.id`,
  );
  goalCodes = goals;
  const areas = [...new Set(goals.map((g) => g.areaSlug))];
  const inX = goals.filter((g) => g.areaSlug === areas[0]);
  const inY = goals.filter((g) => g.areaSlug === areas[1]);
  ids.a1 = { id: inX[0]!.id, code: inX[0]!.code, area: areas[0]! };
  ids.a2 = { id: inX[1]!.id, code: inX[1]!.code, area: areas[0]! };
  ids.b1 = { id: inY[0]!.id, code: inY[0]!.code, area: areas[1]! };
  const perspectives = await queryRows<{ id: number; slug: string }>(
    database.db,
    sql`select p.id, p.slug from perspectives p join strategies s on s.id = p.strategy_id and s.is_current
      order by p.id`,
  );
  perspective = perspectives[0]!;
  allPerspectives = perspectives.map((p) => p.slug);
  allPlaces = (
    await queryRows<{ code: string }>(
      database.db,
      sql`select code from places where kind in ('region', 'kommun') and not comparison order by code`,
    )
  ).map((p) => p.code);

  const org = async (slug: string, name: string) => {
    const r = await createOrganisation(ctx, { slug, name, kind: 'kommun' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value.id;
  };
  const p = await org('org-p', 'Organisation P');
  const q = await org('org-q', 'Organisation Q');
  const r = await org('org-r', 'Organisation R');

  const initiative = async (
    input: Partial<InitiativeInput> & Pick<InitiativeInput, 'ownerOrganisationId' | 'goalIds'>,
    publish: boolean,
  ) => {
    const created = await createInitiative(
      ctx,
      buildInitiative({ perspectiveIds: [], sdgTargetCodes: [], ...input }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created.issues));
    if (publish) {
      await transitionInitiative(ctx, { initiativeId: created.value.id, action: 'submit' });
      await transitionInitiative(ctx, { initiativeId: created.value.id, action: 'approve' });
    }
  };
  await initiative(
    {
      title: 'I1 startar 2025',
      ownerOrganisationId: p,
      partners: [{ organisationId: r, role: 'partner' }],
      goalIds: [ids.a1.id, ids.a2.id],
      perspectiveIds: [perspective.id],
      placeCodes: ['0880'],
      status: 'pagaende',
      startDate: '2025-03-01',
      endDate: '2026-12-31',
      funding: [
        { source: 'esf-plus', amountSek: 900_000, year: 2025 },
        { source: 'esf-plus', amountSek: 100_000, year: 2026 },
      ],
    },
    true,
  );
  await initiative(
    {
      title: 'I2 avslutas 2025',
      ownerOrganisationId: q,
      goalIds: [ids.a1.id, ids.b1.id],
      placeCodes: ['0880', '0881'],
      status: 'avslutad',
      startDate: '2023-01-01',
      endDate: '2025-06-30',
      funding: [
        { source: 'esf-plus', amountSek: 400_000, year: 2025 },
        { source: 'region', amountSek: 200_000, year: 2025 },
      ],
    },
    true,
  );
  await initiative(
    {
      title: 'I3 utkast',
      ownerOrganisationId: p,
      goalIds: [ids.b1.id],
      placeCodes: ['0881'],
      status: 'pagaende',
      startDate: '2025-05-01',
      endDate: null,
      funding: [{ source: 'esf-plus', amountSek: 300_000, year: 2025 }],
    },
    false,
  );
  await initiative(
    {
      title: 'I4 slutade 2024',
      ownerOrganisationId: q,
      goalIds: [ids.a2.id],
      placeCodes: ['0882'],
      status: 'avslutad',
      startDate: '2020-01-01',
      endDate: '2024-12-31',
      funding: [{ source: 'esf-plus', amountSek: 500_000, year: 2024 }],
    },
    true,
  );
  report = await buildAnnualReport(database.db, 2025);
});
afterAll(async () => {
  await database?.close();
});

describe('the annual report counted by hand', () => {
  it('counts started, finished and active initiatives and their organisations', () => {
    expect(report.totals).toEqual({
      started: 1,
      finished: 1,
      active: 2,
      moneySek: 1_500_000,
      organisations: 3,
    });
    expect(report.started.map((i) => [i.title, i.ownerName])).toEqual([
      ['I1 startar 2025', 'Organisation P'],
    ]);
    expect(report.finished.map((i) => [i.title, i.ownerName])).toEqual([
      ['I2 avslutas 2025', 'Organisation Q'],
    ]);
  });

  it("shares each initiative's money of the year over its goal areas, counting an area once", () => {
    const money = Object.fromEntries(report.areas.map((a) => [a.slug, a.moneySek]));
    const others = report.areas.filter((a) => a.slug !== ids.a1.area && a.slug !== ids.b1.area);
    expect(money[ids.a1.area]).toBe(1_200_000);
    expect(money[ids.b1.area]).toBe(300_000);
    expect(others.map((a) => a.moneySek)).toEqual(others.map(() => 0));
    expect(report.areas.reduce((s, a) => s + a.moneySek, 0)).toBe(report.totals.moneySek);
  });

  it('counts the initiatives active in the year under each goal', () => {
    const active = Object.fromEntries(
      report.areas.flatMap((a) => a.goals).map((g) => [g.code, g.activeInitiatives]),
    );
    expect(active[ids.a1.code]).toBe(2);
    expect(active[ids.a2.code]).toBe(1);
    expect(active[ids.b1.code]).toBe(1);
    const rest = goalCodes
      .map((g) => g.code)
      .filter((c) => ![ids.a1, ids.a2, ids.b1].some((x) => x.code === c));
    expect(rest.map((c) => active[c])).toEqual(rest.map(() => 0));
  });

  it('names as gaps exactly the goals, places and perspectives no active initiative reaches', () => {
    const reached = [ids.a1.code, ids.a2.code, ids.b1.code];
    expect([...report.gaps.goals].sort()).toEqual(
      goalCodes
        .map((g) => g.code)
        .filter((c) => !reached.includes(c))
        .sort(),
    );
    expect([...report.gaps.places].sort()).toEqual(
      allPlaces.filter((c) => !['0880', '0881', '0008'].includes(c)).sort(),
    );
    expect([...report.gaps.perspectives].sort()).toEqual(
      allPerspectives.filter((s) => s !== perspective.slug).sort(),
    );
  });
});
