import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { enqueueJob } from '../db/jobQueue.js';
import { queryRows } from '../db/rows.js';
import { indicators } from '../db/schema/index.js';
import { readFixture, startFixtureServer } from '../domain/imports/fixtureServer.js';
import { REFRESH_ALL } from '../jobs/refreshIndicators.js';
import { defaultRegistry } from '../jobs/registry.js';
import { createWorker } from '../jobs/worker.js';
import { createTestDatabase, testCtx, withRollback } from '../test/database.js';
import { activeRegion } from './activeRegion.js';
import { seedPackIndicators } from './seedPackIndicators.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('the pack’s indicators without demo data', () => {
  it('are defined with their sources and no values, once', async () => {
    await withRollback(database.db, async (tx) => {
      const ctx = testCtx(tx);
      const pack = activeRegion().indicators;
      expect(await seedPackIndicators(ctx)).toBe(pack.length);
      expect(await seedPackIndicators(ctx)).toBe(0);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(indicators)
        .where(eq(indicators.source, 'kolada'));
      expect(n).toBe(pack.filter((i) => i.source === 'kolada').length);
      expect(n).toBeGreaterThan(0);
      const rows = await tx.select().from(indicators);
      expect(rows.every((r) => !r.isDemo && r.targetIsExample)).toBe(true);
    });
  });

  it('are all filled with values at the first nightly import, with no other step', async () => {
    // Kolada answers in its recorded shapes: the KPI's metadata, and for each batch of areas a
    // value per area and year asked for.
    const kpiTemplate = JSON.parse(await readFixture('kolada/kpi-N01951.json')) as {
      values: Record<string, unknown>[];
    };
    const server = await startFixtureServer((req) => {
      const kpi = /^\/kpi\/([NU]\d{5})$/.exec(req.path);
      if (kpi) {
        const own = activeRegion().indicators.find((i) => i.sourceRef === kpi[1]);
        return {
          body: {
            ...kpiTemplate,
            values: [{ ...kpiTemplate.values[0], id: kpi[1], title: own?.nameSv ?? kpi[1] }],
          },
        };
      }
      const data = /^\/data\/kpi\/([NU]\d{5})\/municipality\/([\d,]+)\/year\/([\d,]+)$/.exec(
        req.path,
      );
      if (!data) return { status: 404, body: { message: 'not found' } };
      const values = data[2]!.split(',').flatMap((municipality, m) =>
        data[3]!.split(',').map((year, y) => ({
          kpi: data[1],
          municipality,
          period: Number(year),
          values: [{ count: 1, gender: 'T', status: '', value: 40 + m + y / 10 }],
        })),
      );
      return { body: { count: values.length, values, next_url: null, previous_url: null } };
    });
    try {
      await withRollback(database.db, async (tx) => {
        const ctx = testCtx(tx);
        await seedPackIndicators(ctx);
        const worker = createWorker({
          db: tx,
          now: () => new Date('2026-06-15T02:00:00Z'),
          registry: defaultRegistry({
            koladaBaseUrl: server.baseUrl,
            scbV1BaseUrl: server.baseUrl,
            scbV2BaseUrl: server.baseUrl,
          }),
        });
        await enqueueJob(tx, { kind: REFRESH_ALL, runAt: new Date('2026-06-15T02:00:00Z') });
        await worker.drain();
        const filled = await queryRows<{ slug: string; source: string; n: number }>(
          tx,
          sql`select i.slug, i.source::text as source, count(o.id)::int as n
            from indicators i left join observations o on o.indicator_id = i.id
            group by i.slug, i.source order by i.slug`,
        );
        const sourced = filled.filter((r) => r.source !== 'manual');
        expect(sourced.length).toBe(
          activeRegion().indicators.filter((i) => i.source !== 'manual').length,
        );
        expect(sourced.filter((r) => r.n === 0)).toEqual([]);
        expect(filled.filter((r) => r.source === 'manual').every((r) => r.n === 0)).toBe(true);
        const failed = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from jobs where status <> 'done'`,
        );
        expect(failed[0]!.n).toBe(0);
      });
    } finally {
      await server.close();
    }
  });
});
