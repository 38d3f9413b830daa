import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { parseSearchQuery } from '../../domain/initiatives/searchQuery.js';
import { searchInitiatives } from '../../domain/initiatives/searchInitiatives.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { seedSynthetic } from './seedSynthetic.js';
import { seedSyntheticObservations } from './syntheticObservations.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const one = async (db: Db, q: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(db, q))[0]!.n;

describe('synthetic initiatives', () => {
  it('loads N published demo initiatives with every relation and one audit event per batch', () =>
    withRollback(database.db, async (db) => {
      const report = await seedSynthetic(testCtx(db), { initiatives: 200, seed: 3, batchSize: 80 });
      expect(report).toMatchObject({ initiatives: 200, batches: 3 });
      const synthetic = sql`(select id from initiatives where diarienummer like 'SYN-3-%')`;
      expect(
        await one(
          db,
          sql`select count(*)::int as n from initiatives where diarienummer like 'SYN-3-%' and is_demo and workflow_state = 'publicerad' and published_at is not null`,
        ),
      ).toBe(200);
      for (const table of [
        'initiative_partners',
        'funding_lines',
        'initiative_places',
        'initiative_goals',
        'initiative_sdg_targets',
      ]) {
        expect(
          await one(
            db,
            sql`select count(distinct initiative_id)::int as n from ${sql.raw(table)} where initiative_id in ${synthetic}`,
          ),
        ).toBe(200);
      }
      expect(
        await one(
          db,
          sql`select count(*)::int as n from initiative_perspectives where initiative_id in ${synthetic}`,
        ),
      ).toBeGreaterThan(0);
      expect(
        await one(
          db,
          sql`select count(*)::int as n from audit_events where action = 'synthetic.batch' and entity_type = 'initiative'`,
        ),
      ).toBe(3);
      const found = await searchInitiatives(db, parseSearchQuery({ q: 'företag' }));
      expect(found.total).toBeGreaterThan(0);
      expect(found.facets.goalAreas.length).toBeGreaterThan(0);
    }));

  it('writes the same texts for the same seed', async () => {
    const titles: string[][] = [];
    for (let i = 0; i < 2; i++)
      await withRollback(database.db, async (db) => {
        await seedSynthetic(testCtx(db), { initiatives: 20, seed: 9 });
        titles.push(
          (
            await queryRows<{ title: string }>(
              db,
              sql`select title from initiatives where diarienummer like 'SYN-9-%' order by diarienummer`,
            )
          ).map((r) => r.title),
        );
      });
    expect(titles[0]).toHaveLength(20);
    expect(titles[1]).toEqual(titles[0]);
  });

  it('loads synthetic observations for synthetic indicators', () =>
    withRollback(database.db, async (db) => {
      const report = await seedSyntheticObservations(testCtx(db), { observations: 500, seed: 4 });
      expect(report).toEqual({ indicators: 1, observations: 500 });
      expect(
        await one(
          db,
          sql`select count(*)::int as n from observations o join indicators i on i.id = o.indicator_id where i.slug like 'syntetisk-4-%' and o.is_demo`,
        ),
      ).toBe(500);
    }));
});
