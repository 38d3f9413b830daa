import { and, desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import {
  auditEvents,
  goals,
  importRuns,
  observationRevisions,
  observations,
} from '../../db/schema/index.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { defineIndicator } from '../followup/defineIndicator.js';
import { fakeTiming, startFixtureServer, type FixtureServer } from './fixtureServer.js';
import { importKoladaValues } from './importKoladaValues.js';
import { koladaClient } from './kolada/koladaClient.js';

let database: Database;
let server: FixtureServer;
/** What the fake Kolada answers for a data page: a fixture name or an HTTP status. */
let dataReply: (page: string) => string | number;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFixtureServer((req) => {
    if (req.path === '/kpi/N01951') return { fixture: 'kolada/kpi-N01951.json' };
    if (req.path.startsWith('/kpi/')) return { fixture: 'kolada/kpi-unknown.json' };
    const reply = dataReply(req.query.get('page') ?? '1');
    return typeof reply === 'number' ? { status: reply, body: 'fel' } : { fixture: reply };
  });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});
afterEach(() => {
  server.requests.length = 0;
});

const pagedFixtures = (page: string) => `kolada/data-N01951-page${page}.json`;
const input = {
  kpi: 'N01951',
  indicator: 'test-invanare',
  places: ['0008', '0880'],
  years: [2022, 2023, 2024],
};

async function setup(db: Db) {
  const ctx = testCtx(db);
  const [goal] = await db.select({ id: goals.id }).from(goals).where(eq(goals.code, '4.2'));
  const r = await defineIndicator(ctx, {
    goalId: goal!.id,
    slug: 'test-invanare',
    nameSv: 'Invånare totalt',
    nameEn: 'Inhabitants',
    unit: 'antal',
    source: 'kolada',
    sourceRef: 'N01951',
    direction: 'higher',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const client = koladaClient(server.baseUrl, { ...fakeTiming(), backoffMs: 1 });
  return { ctx, indicatorId: r.value.id, client };
}

describe('importKoladaValues', () => {
  it('imports every page, counts new and missing values, and writes the run and audit', async () => {
    dataReply = pagedFixtures;
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId, client } = await setup(db);
      const batches: number[] = [];
      const r = await importKoladaValues(ctx, input, {
        client,
        onBatch: (p) => batches.push(p.rows),
      });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(batches).toEqual([8]);
      expect(r.counts).toEqual({
        rowsRead: 8,
        rowsWritten: 8,
        rowsNew: 8,
        rowsChanged: 0,
        rowsUnchanged: 0,
        rowsMissing: 1,
      });
      const stored = await db
        .select()
        .from(observations)
        .where(eq(observations.indicatorId, indicatorId));
      expect(stored).toHaveLength(8);
      expect(stored.find((o) => o.placeCode === '0008' && o.period === 2024)).toMatchObject({
        value: null,
        status: 'Missing',
        source: 'kolada',
        importRunId: r.runId,
      });
      const [run] = await db.select().from(importRuns).where(eq(importRuns.id, r.runId));
      expect(run).toMatchObject({
        source: 'kolada',
        status: 'succeeded',
        rowsNew: 8,
        rowsMissing: 1,
      });
      expect(run!.finishedAt).not.toBeNull();
      expect(run!.params).toMatchObject({ kpi: 'N01951', places: ['0008', '0880'] });
      const audit = await db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.entityType, 'import_run'), eq(auditEvents.entityId, String(r.runId))),
        );
      expect(audit.map((a) => a.action)).toEqual(['import.succeeded']);
    });
  });

  it('changes nothing when run again, and records a revision for a changed value', async () => {
    dataReply = pagedFixtures;
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId, client } = await setup(db);
      const first = await importKoladaValues(ctx, input, { client });
      const again = await importKoladaValues(ctx, input, { client });
      expect(again.ok && again.counts).toMatchObject({
        rowsUnchanged: 8,
        rowsNew: 0,
        rowsChanged: 0,
        rowsWritten: 0,
      });
      const [o] = await db
        .select()
        .from(observations)
        .where(
          and(
            eq(observations.indicatorId, indicatorId),
            eq(observations.placeCode, '0880'),
            eq(observations.period, 2023),
          ),
        );
      expect(o!.importRunId).toBe(first.runId);

      dataReply = () => 'kolada/data-N01951-revised.json';
      const revised = await importKoladaValues(ctx, input, { client });
      expect(revised.ok && revised.counts).toMatchObject({
        rowsRead: 2,
        rowsChanged: 2,
        rowsUnchanged: 0,
      });
      const revisions = await db
        .select()
        .from(observationRevisions)
        .where(eq(observationRevisions.importRunId, revised.runId))
        .orderBy(observationRevisions.oldValue);
      expect(revisions.map((v) => [v.oldValue, v.newValue, v.oldStatus, v.newStatus])).toEqual([
        [71520, 71533, '', ''],
        [null, 247175, 'Missing', ''],
      ]);
      expect(revisions[0]!.observationId).toBe(o!.id);
    });
  });

  it('retries a 429 and then imports', async () => {
    let calls = 0;
    dataReply = (page) => (page === '1' && (calls += 1) === 1 ? 429 : pagedFixtures(page));
    await withRollback(database.db, async (db) => {
      const { ctx, client } = await setup(db);
      const r = await importKoladaValues(ctx, input, { client });
      expect(r.ok).toBe(true);
      expect(server.requests.filter((q) => q.path.startsWith('/data/'))).toHaveLength(4);
    });
  });

  it('imports nothing when the source fails half-way, and stores the failed run', async () => {
    dataReply = (page) => (page === '3' ? 500 : pagedFixtures(page));
    await withRollback(database.db, async (db) => {
      const { ctx, indicatorId, client } = await setup(db);
      const r = await importKoladaValues(ctx, input, { client });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.issues[0]!.code).toBe('source_http_error');
      expect(
        await db.select().from(observations).where(eq(observations.indicatorId, indicatorId)),
      ).toEqual([]);
      const [run] = await db.select().from(importRuns).orderBy(desc(importRuns.id)).limit(1);
      expect(run).toMatchObject({ id: r.runId, status: 'failed', source: 'kolada' });
      expect((run!.errors as { code: string }[])[0]!.code).toBe('source_http_error');
    });
  });

  it('refuses an unknown KPI or indicator with a clear error', async () => {
    dataReply = pagedFixtures;
    await withRollback(database.db, async (db) => {
      const { ctx, client } = await setup(db);
      const kpi = await importKoladaValues(ctx, { ...input, kpi: 'N99999' }, { client });
      expect(!kpi.ok && kpi.issues[0]).toMatchObject({ field: 'kpi', code: 'unknown_kpi' });
      expect(!kpi.ok && kpi.issues[0]!.message).toContain('N99999');
      const ind = await importKoladaValues(ctx, { ...input, indicator: 'finns-inte' }, { client });
      expect(!ind.ok && ind.issues[0]!.code).toBe('unknown_indicator');
    });
  });
});
