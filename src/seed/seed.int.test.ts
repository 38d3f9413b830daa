import { count, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import {
  auditEvents,
  goalAreas,
  goals,
  indicators,
  initiatives,
  observations,
  organisations,
  perspectives,
  installation,
  places,
  sdgGoals,
  sdgTargets,
} from '../db/schema/index.js';
import { createTestDatabase, testCtx } from '../test/database.js';
import { seedDemo } from './seedDemo.js';
import { seedPackIndicators } from '../region/seedPackIndicators.js';
import { seedReference } from './seedReference.js';
import { regionMunicipalities } from './regionPlaces.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function countOf(table: PgTable, where?: SQL): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(table).where(where);
  return row!.n;
}

describe('reference seed', () => {
  it('holds the Kalmar strategy, Agenda 2030 and the places', async () => {
    expect(await countOf(goalAreas)).toBe(4);
    expect(await countOf(goals)).toBe(10);
    expect(await countOf(perspectives)).toBe(3);
    expect(await countOf(sdgGoals)).toBe(17);
    expect(await countOf(sdgTargets)).toBe(169);
    // Riket, the 21 län and the 290 municipalities; the own county and its 12 are not comparisons.
    expect(await countOf(places)).toBe(312);
    const own = await database.db.select().from(places).where(eq(places.comparison, false));
    const municipalities = own.filter((p) => p.kind === 'kommun');
    expect(municipalities.map((p) => p.code).sort()).toEqual(
      regionMunicipalities()
        .map((m) => m.code)
        .sort(),
    );
    expect(municipalities).toHaveLength(12);
    expect(own.filter((p) => p.kind !== 'kommun').map((p) => p.code)).toEqual(['0000', '0008']);
    const [installed] = await database.db.select().from(installation);
    expect(installed?.lanCode).toBe('08');
    const [kalmar] = await database.db.select().from(places).where(eq(places.code, '0880'));
    expect(kalmar?.nameSv).toBe('Kalmar');
    expect(kalmar?.parentCode).toBe('0008');
    expect(kalmar?.geometry).toMatchObject({ type: expect.stringMatching(/Polygon/) });
  });

  it('changes nothing when run again', async () => {
    const before = await countOf(auditEvents);
    const report = await seedReference(testCtx(database.db));
    expect(report).toEqual({ strategy: false, sdg: false, places: false });
    expect(await countOf(auditEvents)).toBe(before);
    expect(await countOf(goalAreas)).toBe(4);
  });
});

describe('demo seed', () => {
  it('loads demo data through the commands, all marked demo, with audit events', async () => {
    const report = await seedDemo(testCtx(database.db));
    expect(report.loaded).toBe(true);
    expect(await countOf(organisations, eq(organisations.isDemo, true))).toBeGreaterThanOrEqual(30);
    expect(await countOf(initiatives)).toBeGreaterThanOrEqual(80);
    expect(await countOf(initiatives, eq(initiatives.isDemo, false))).toBe(0);
    expect(await countOf(initiatives, eq(initiatives.workflowState, 'publicerad'))).toBe(
      report.initiatives,
    );
    expect(await countOf(indicators)).toBeGreaterThanOrEqual(10);
    expect(await countOf(observations, eq(observations.gender, 'K'))).toBeGreaterThan(0);
    const created = await countOf(auditEvents, eq(auditEvents.action, 'initiative.created'));
    expect(created).toBe(report.initiatives);
    const years = await database.db.selectDistinct({ y: initiatives.startDate }).from(initiatives);
    const startYears = new Set(years.map((r) => Number(r.y?.slice(0, 4))));
    for (let y = 2019; y <= 2026; y++) expect(startYears.has(y)).toBe(true);
  });

  it('never duplicates demo data', async () => {
    const before = await countOf(initiatives);
    const again = await seedDemo(testCtx(database.db));
    expect(again.loaded).toBe(false);
    expect(await countOf(initiatives)).toBe(before);
  });
});

describe('demo seed after a start without demo data', () => {
  it("keeps the pack's indicators as they are and loads the rest of the demo", async () => {
    const own = await createTestDatabase();
    try {
      const ctx = testCtx(own.db);
      const added = await seedPackIndicators(ctx);
      expect(added).toBeGreaterThan(0);
      const before = await own.db.select().from(indicators);
      const report = await seedDemo(ctx);
      expect(report.loaded).toBe(true);
      expect(report.indicatorsKept).toBe(before.length);
      expect(await countIn(own, initiatives)).toBe(report.initiatives);
      // The pack's indicators are neither redefined nor given invented values.
      const after = await own.db.select().from(indicators);
      expect(after).toHaveLength(before.length + report.indicators);
      for (const b of before) {
        expect(after.find((a) => a.id === b.id)).toEqual(b);
        expect(await countIn(own, observations, eq(observations.indicatorId, b.id))).toBe(0);
      }
    } finally {
      await own.close();
    }
  });
});

async function countIn(db: Database, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db.db.select({ n: count() }).from(table).where(where);
  return row!.n;
}
