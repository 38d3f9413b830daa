import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { seedDemo } from '../seed/seedDemo.js';
import { createTestDatabase, testCtx, withRollback } from '../test/database.js';
import { defineIndicator } from '../domain/followup/defineIndicator.js';
import { startFixtureServer } from '../domain/imports/fixtureServer.js';
import { claimJob, enqueueJob, ensureScheduled, releaseStaleJobs } from '../db/jobQueue.js';
import { REFRESH_ALL, REFRESH_ONE } from './refreshIndicators.js';
import { defaultRegistry } from './registry.js';
import { maintenanceFor, VACUUM } from './vacuum.js';
import { createWorker } from './worker.js';

let database: Database;
let clock = new Date('2026-06-15T10:00:00Z');
const now = () => clock;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  clock = new Date('2026-06-15T10:00:00Z');
  await database.db.execute(sql`delete from jobs`);
});

const job = async (id: number) =>
  (
    await queryRows<{ status: string; attempts: number; lastError: string | null; runAt: string }>(
      database.db,
      sql`select status, attempts, last_error as "lastError",
        to_char(run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as "runAt" from jobs where id = ${id}`,
    )
  )[0]!;

describe('the jobs runner', () => {
  it('retries a failing job with exponential backoff, then marks it failed', async () => {
    let calls = 0;
    const worker = createWorker({
      db: database.db,
      now,
      registry: {
        flaky: () => {
          calls++;
          return Promise.reject(new Error('källan svarar inte'));
        },
      },
    });
    const id = await enqueueJob(database.db, { kind: 'flaky', maxAttempts: 3, runAt: clock });
    expect((await worker.runOnce())?.status).toBe('queued');
    expect(await job(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'källan svarar inte',
      runAt: '2026-06-15T10:00:30',
    });
    // Not due yet: nothing is claimed.
    expect(await worker.runOnce()).toBeNull();
    clock = new Date('2026-06-15T10:00:30Z');
    expect((await worker.runOnce())?.status).toBe('queued');
    expect((await job(id)).runAt).toBe('2026-06-15T10:01:30');
    clock = new Date('2026-06-15T10:01:30Z');
    expect((await worker.runOnce())?.status).toBe('failed');
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(calls).toBe(3);
    expect(await worker.runOnce()).toBeNull();
  });

  it('succeeds on a later attempt and fails an unknown kind at once', async () => {
    let calls = 0;
    const worker = createWorker({
      db: database.db,
      now,
      backoff: () => 0,
      registry: {
        second: () => (++calls < 2 ? Promise.reject(new Error('första')) : Promise.resolve()),
      },
    });
    const ok = await enqueueJob(database.db, { kind: 'second', runAt: clock });
    const unknown = await enqueueJob(database.db, { kind: 'finns-inte', runAt: clock });
    expect(await worker.drain()).toBe(3);
    expect(await job(ok)).toMatchObject({ status: 'done', attempts: 2, lastError: null });
    expect(await job(unknown)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('runs each job exactly once with two workers claiming concurrently', async () => {
    const runs = new Map<number, number>();
    const registry = {
      count: async (_ctx: unknown, payload: unknown) => {
        const n = (payload as { n: number }).n;
        runs.set(n, (runs.get(n) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      },
    };
    const jobs = 40;
    for (let n = 0; n < jobs; n++) {
      await enqueueJob(database.db, { kind: 'count', payload: { n }, runAt: clock });
    }
    const a = createWorker({ db: database.db, now, registry, workerId: 'a' });
    const b = createWorker({ db: database.db, now, registry, workerId: 'b' });
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    expect(ranA + ranB).toBe(jobs);
    // Both really claimed: the jobs were shared, not run by one while the other idled.
    expect(Math.min(ranA, ranB)).toBeGreaterThan(0);
    expect([...runs.values()].every((v) => v === 1)).toBe(true);
    expect(runs.size).toBe(jobs);
    const [left] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from jobs where status <> 'done'`,
    );
    expect(left!.n).toBe(0);
  });

  it('never hands one job to two concurrent claims', async () => {
    await enqueueJob(database.db, { kind: 'one', runAt: clock });
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimJob(database.db, `w${i}`, clock)),
    );
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
  });

  it('schedules the nightly refresh once and frees jobs of a dead worker', async () => {
    const night = new Date('2026-06-16T02:00:00Z');
    const results = await Promise.all([
      ensureScheduled(database.db, REFRESH_ALL, night),
      ensureScheduled(database.db, REFRESH_ALL, night),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const id = await enqueueJob(database.db, { kind: 'stuck', runAt: clock });
    await claimJob(database.db, 'dead', clock);
    expect(await releaseStaleJobs(database.db, new Date(clock.getTime() + 2 * 3600_000))).toBe(1);
    expect((await job(id)).status).toBe('queued');
  });

  it('vacuums and analyses the embedded database every night, and leaves PostgreSQL to autovacuum', async () => {
    const maintenance = maintenanceFor(database.kind);
    const worker = createWorker({
      db: database.db,
      now,
      registry: maintenance.registry,
      schedule: maintenance.schedule,
    });
    await worker.tick();
    const scheduled = await queryRows<{ kind: string; runAt: string }>(
      database.db,
      sql`select kind, to_char(run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as "runAt" from jobs`,
    );
    if (database.kind === 'postgres') {
      expect(scheduled).toEqual([]);
      return;
    }
    expect(scheduled).toEqual([{ kind: VACUUM, runAt: '2026-06-16T03:00' }]);
    await database.db.execute(sql`create table vacuum_probe (x int)`);
    await database.db.execute(sql`insert into vacuum_probe select generate_series(1, 40)`);
    const reltuples = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select reltuples::int as n from pg_class where relname = 'vacuum_probe'`,
        )
      )[0]!.n;
    expect(await reltuples()).toBe(-1);
    clock = new Date('2026-06-16T03:00:01Z');
    expect(await worker.drain()).toBe(1);
    expect(await reltuples()).toBe(40);
    await database.db.execute(sql`drop table vacuum_probe`);
  });

  it('refreshes indicators from their sources and skips manual ones', async () => {
    await seedDemo(testCtx(database.db));
    const worker = createWorker({
      db: database.db,
      now,
      registry: defaultRegistry({
        koladaBaseUrl: 'http://127.0.0.1:9',
        scbV1BaseUrl: 'http://127.0.0.1:9',
        scbV2BaseUrl: 'http://127.0.0.1:9',
      }),
    });
    await enqueueJob(database.db, { kind: REFRESH_ALL, runAt: clock });
    const result = await worker.runOnce();
    expect(result?.status).toBe('done');
    // Demo indicators keep their invented series: the nightly run fetches none of them.
    const [queued] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from jobs where kind = ${REFRESH_ONE}`,
    );
    expect(queued!.n).toBe(0);
  });

  it('refreshes a Kolada indicator through the import command', async () => {
    const server = await startFixtureServer((req) => {
      if (req.path === '/kpi/N01951') return { fixture: 'kolada/kpi-N01951.json' };
      // The recorded pages hold the county and one municipality; other batches of comparison
      // areas (the other län) answer with no rows.
      if (!/\/municipality\/[\d,]*0008/.test(req.path)) {
        return { body: { count: 0, values: [], next_url: null } };
      }
      return { fixture: `kolada/data-N01951-page${req.query.get('page') ?? '1'}.json` };
    });
    try {
      await withRollback(database.db, async (tx) => {
        const [goal] = await queryRows<{ id: number }>(
          tx,
          sql`select id from goals where code = '4.2'`,
        );
        const r = await defineIndicator(testCtx(tx), {
          goalId: goal!.id,
          slug: 'test-invanare',
          nameSv: 'Invånare totalt',
          nameEn: 'Inhabitants',
          unit: 'antal',
          source: 'kolada',
          sourceRef: 'N01951',
          direction: 'higher',
        });
        expect(r.ok).toBe(true);
        const worker = createWorker({
          db: tx,
          now,
          registry: defaultRegistry({
            koladaBaseUrl: server.baseUrl,
            scbV1BaseUrl: server.baseUrl,
            scbV2BaseUrl: server.baseUrl,
          }),
        });
        await enqueueJob(tx, { kind: REFRESH_ALL, runAt: clock });
        expect(await worker.drain()).toBe(2);
        const [done] = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from jobs where kind = ${REFRESH_ONE} and status = 'done'`,
        );
        expect(done!.n).toBe(1);
        const [stored] = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from observations o join indicators i on i.id = o.indicator_id
            where i.slug = 'test-invanare'`,
        );
        expect(stored!.n).toBeGreaterThan(0);
        expect(server.requests.some((q) => q.path.startsWith('/data/kpi/N01951'))).toBe(true);
      });
    } finally {
      await server.close();
    }
  });
});
