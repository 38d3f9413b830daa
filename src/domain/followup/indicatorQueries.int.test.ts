import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { demoIndicators } from '../../seed/demo/indicators.js';
import { createDemoDatabase, testCtx, withRollback } from '../../test/database.js';
import { importObservations } from '../imports/importObservations.js';
import {
  followUpOverview,
  indicatorBySlug,
  indicatorHeadlines,
  indicatorObservations,
  latestByPlace,
  revisionNotes,
} from './indicatorQueries.js';
import { indicatorStatus } from './indicatorStatus.js';

let database: Database;

beforeAll(async () => {
  database = await createDemoDatabase();
});
afterAll(async () => {
  await database?.close();
});

const splitKey = demoIndicators.find((i) => i.genderSplit)!.key;

describe('follow-up queries', () => {
  it('finds an indicator with its goal and goal area, and throws not_found otherwise', async () => {
    const i = await indicatorBySlug(database.db, splitKey);
    expect(i.goal.code).toBe('1.1');
    expect(i.goalArea.slug).toBeTruthy();
    expect(i.targetIsExample).toBe(true);
    await expect(indicatorBySlug(database.db, 'finns-inte')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('gives observations, the latest value per place and a status per gender', async () => {
    const i = await indicatorBySlug(database.db, splitKey);
    const rows = await indicatorObservations(database.db, i.id);
    expect(rows.length).toBeGreaterThan(14 * 3 * 6);
    const latest = latestByPlace(rows);
    expect(latest.get('0008:T')?.period).toBe(2025);
    const s = indicatorStatus(i, rows);
    expect(s.total.status).not.toBe('not_enough_data');
    expect(s.women).not.toBeNull();
    expect(s.men).not.toBeNull();
  });

  it('rolls the status up per goal and goal area, every indicator visible', async () => {
    const areas = await followUpOverview(database.db);
    expect(areas).toHaveLength(4);
    const goals = areas.flatMap((a) => a.goals);
    expect(goals).toHaveLength(10);
    for (const g of goals) {
      expect(g.rollUp.total).toBe(2);
      expect(g.rollUp.parts).toHaveLength(2);
    }
    expect(areas.reduce((s, a) => s + a.rollUp.total, 0)).toBe(demoIndicators.length);
    const headlines = await indicatorHeadlines(database.db, areas[0]!.area.id);
    expect(headlines).toHaveLength(areas[0]!.rollUp.total);
    expect(headlines.every((h) => h.status.latest?.year === 2025)).toBe(true);
  });

  it('lists revised values', async () => {
    await withRollback(database.db, async (tx) => {
      const i = await indicatorBySlug(tx, splitKey);
      const ctx = testCtx(tx);
      const outcome = await importObservations(ctx, {
        source: 'csv',
        params: {},
        rows: [
          {
            indicatorId: i.id,
            placeCode: '0880',
            period: 2024,
            gender: 'T',
            value: 1.5,
            status: '',
          },
        ],
      });
      expect(outcome.ok).toBe(true);
      const notes = await revisionNotes(tx, i.id);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ placeCode: '0880', period: 2024, newValue: 1.5 });
      expect(notes[0]!.revisedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
  });
});
