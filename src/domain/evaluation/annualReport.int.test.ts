import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createDemoDatabase, testCtx } from '../../test/database.js';
import { buildApp } from '../../web/app.js';
import { transitionInitiative } from '../initiatives/transitionInitiative.js';
import { buildAnnualReport } from './annualReport.js';
import { publishFollowUpReport } from './publishFollowUpReport.js';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('annual follow-up report', () => {
  it('tells the year from the data', async () => {
    const r = await buildAnnualReport(database.db, 2023);
    expect(r.totals.started).toBeGreaterThan(0);
    expect(r.totals.active).toBeGreaterThanOrEqual(r.totals.started);
    expect(r.areas.map((a) => a.slug)).toHaveLength(4);
    expect(r.areas.flatMap((a) => a.goals)).toHaveLength(10);
    const areaMoney = r.areas.reduce((s, a) => s + a.moneySek, 0);
    expect(areaMoney).toBeLessThanOrEqual(r.totals.moneySek + 4);
    expect(r.anyDemo).toBe(true);
  });

  it('publishes a frozen snapshot that stays byte-identical when the data changes', async () => {
    expect((await app.inject('/utvecklingsaret/2023')).statusCode).toBe(404);
    await publishFollowUpReport(testCtx(database.db), {
      year: 2023,
      introduction: 'Ett år av samverkan.',
    });
    const before = await app.inject('/utvecklingsaret/2023');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Regionala utvecklingsåret 2023');
    expect(before.body).toContain('Ett år av samverkan.');
    const started = /\/insatser\/(\d+)/.exec(
      before.body.slice(before.body.indexOf('Insatser som startade under året')),
    );
    expect(started).not.toBeNull();
    await transitionInitiative(testCtx(database.db), {
      initiativeId: Number(started![1]),
      action: 'archive',
    });
    const after = await app.inject('/utvecklingsaret/2023');
    expect(after.body).toBe(before.body);
    const list = await app.inject('/utvecklingsaret');
    expect(list.body).toContain('href="/utvecklingsaret/2023"');
    await expect(publishFollowUpReport(testCtx(database.db), { year: 2023 })).rejects.toMatchObject(
      {
        code: 'already_published',
      },
    );
    const print = await app.inject('/en/utvecklingsaret/2023/utskrift');
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('The regional development year 2023');
  });
});
