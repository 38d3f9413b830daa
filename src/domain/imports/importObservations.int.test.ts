import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import { auditEvents, goals, importRuns, observations } from '../../db/schema/index.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { defineIndicator } from '../followup/defineIndicator.js';
import { importCsvObservations } from './csv/importCsvObservations.js';
import {
  readFixture,
  fakeTiming,
  startFixtureServer,
  type FixtureServer,
} from './fixtureServer.js';
import { importObservations } from './importObservations.js';
import { importScbTable } from './importScbTable.js';
import { scbClient } from './scb/scbClient.js';

let database: Database;
let server: FixtureServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFixtureServer((req) => {
    if (req.path === '/BE/BE0101/BE0101A/BefolkningNy')
      return { fixture: 'scb/BefolkningNy-json-stat2.json' };
    if (req.path === '/tables/TAB638/data') return { fixture: 'scb/TAB638-v2-json-stat2.json' };
    if (req.path === '/tables/TAB9/data') return { fixture: 'scb/unknown-region-json-stat2.json' };
    return { status: 404, body: {} };
  });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function setup(db: Db) {
  const ctx = testCtx(db);
  const [goal] = await db.select({ id: goals.id }).from(goals).where(eq(goals.code, '4.2'));
  const r = await defineIndicator(ctx, {
    goalId: goal!.id,
    slug: 'test-invanare',
    nameSv: 'Invånare totalt',
    nameEn: 'Inhabitants',
    unit: 'antal',
    source: 'scb',
    sourceRef: 'BE0101N1',
    direction: 'higher',
    genderSplit: true,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const client = scbClient({ v1: server.baseUrl, v2: server.baseUrl }, fakeTiming());
  return { ctx, indicatorId: r.value.id, client };
}

const stored = (db: Db, indicatorId: number) =>
  db.select().from(observations).where(eq(observations.indicatorId, indicatorId));

describe('importScbTable', () => {
  it('imports a v1 table with Kon and Region, mapping 08 to 0008 and Kon to M/K/T', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId, client } = await setup(db);
      const r = await importScbTable(
        ctx,
        {
          api: 'v1',
          table: 'BE/BE0101/BE0101A/BefolkningNy',
          indicator: 'test-invanare',
          places: ['0008', '0880'],
          years: [2022, 2023],
          selection: { Kon: ['1', '2', '1+2'], ContentsCode: ['BE0101N1'] },
        },
        { client },
      );
      expect(r.ok && r.counts).toMatchObject({ rowsNew: 12, rowsMissing: 1 });
      const rows = await stored(db, indicatorId);
      expect(
        rows.find((o) => o.placeCode === '0008' && o.period === 2022 && o.gender === 'M')?.value,
      ).toBe(123880);
      expect(
        rows.find((o) => o.placeCode === '0880' && o.period === 2023 && o.gender === 'K'),
      ).toMatchObject({ value: null, status: '..' });
      const query = JSON.parse(server.requests.at(-1)!.body) as {
        query: { code: string; selection: { values: string[] } }[];
      };
      expect(query.query[0]).toMatchObject({
        code: 'Region',
        selection: { values: ['08', '0880'] },
      });
    });
  });

  it('imports a PxWebApi 2.0 table including riket', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId, client } = await setup(db);
      const r = await importScbTable(
        ctx,
        {
          api: 'v2',
          table: 'TAB638',
          indicator: 'test-invanare',
          places: ['0000', '0008', '0880'],
          years: [2023, 2024],
        },
        { client },
      );
      expect(r.ok && r.counts.rowsNew).toBe(6);
      expect((await stored(db, indicatorId)).map((o) => o.placeCode).sort()).toContain('0000');
    });
  });

  it('writes nothing when a place is unknown or a value absurd, and stores the failed run', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId, client } = await setup(db);
      const r = await importScbTable(
        ctx,
        { api: 'v2', table: 'TAB9', indicator: 'test-invanare', places: ['0880'], years: [2023] },
        { client },
      );
      expect(!r.ok && r.issues.map((i) => `${i.row}:${i.field}:${i.code}`)).toEqual([
        '2:place:unknown',
        '2:value:absurd',
      ]);
      expect(await stored(db, indicatorId)).toEqual([]);
      const [run] = await db.select().from(importRuns).where(eq(importRuns.id, r.runId));
      expect(run).toMatchObject({ status: 'failed', rowsRead: 2 });
      const [audit] = await db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
      expect(audit).toMatchObject({ action: 'import.failed', entityId: String(r.runId) });
    });
  });
});

describe('importCsvObservations', () => {
  it('imports a good file all at once', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId } = await setup(db);
      const r = await importCsvObservations(ctx, {
        text: await readFixture('csv/observations-ok.csv'),
        fileName: 'ok.csv',
      });
      expect(r.ok && r.counts).toMatchObject({ rowsNew: 4, rowsMissing: 1 });
      expect(await stored(db, indicatorId)).toHaveLength(4);
    });
  });

  it('reports every bad row with line and column and imports none', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId } = await setup(db);
      const r = await importCsvObservations(ctx, {
        text: await readFixture('csv/observations-bad.csv'),
        fileName: 'bad.csv',
      });
      expect(!r.ok && r.issues.map((i) => `${i.row}:${i.field}`)).toEqual([
        '3:place',
        '4:period',
        '4:gender',
        '4:value',
        '5:status',
        '6:indicator',
      ]);
      expect(await stored(db, indicatorId)).toEqual([]);
      const [run] = await db.select().from(importRuns).where(eq(importRuns.id, r.runId));
      expect(run).toMatchObject({ status: 'failed', source: 'csv' });
    });
  });

  it('reports unknown places found by the writer on the file line', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx } = await setup(db);
      const text =
        'indicator,place,period,gender,value,status\ntest-invanare,0880,2022,T,1,\ntest-invanare,0199,2021,T,5,\n';
      const r = await importCsvObservations(ctx, { text, fileName: 'x.csv' });
      expect(!r.ok && r.issues).toEqual([
        { row: 3, field: 'place', message: 'Området 0199 finns inte.', code: 'unknown' },
      ]);
    });
  });
});

describe('importObservations', () => {
  it('refuses duplicates within one import', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId } = await setup(db);
      const row = {
        indicatorId,
        placeCode: '0880',
        period: 2023,
        gender: 'T' as const,
        value: 1,
        status: '',
      };
      const r = await importObservations(ctx, { source: 'csv', params: {}, rows: [row, row] });
      expect(!r.ok && r.issues[0]).toMatchObject({ row: 2, code: 'duplicate' });
    });
  });
});
