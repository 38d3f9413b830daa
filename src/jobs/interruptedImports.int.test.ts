import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { auditEvents, goals, importRuns, observations } from '../db/schema/index.js';
import { context, systemActor } from '../domain/context.js';
import { defineIndicator } from '../domain/followup/defineIndicator.js';
import { startFixtureServer, type FixtureServer } from '../domain/imports/fixtureServer.js';
import { reportImportProgress, startImportRun } from '../domain/imports/importObservations.js';
import { INTERRUPTED_AFTER_MS, INTERRUPTED_MESSAGE } from '../domain/imports/importRuns.js';
import { IMPORT_REQUESTED, runRequestedImport } from './requestedImport.js';
import { createTestDatabase } from '../test/database.js';
import { buildApp } from '../web/app.js';
import { as, CSRF, form, makeUser, signIn } from '../web/auth/testSupport.js';
import { createWorker } from './worker.js';

let database: Database;
let app: FastifyInstance;
let server: FixtureServer;
let editor: string | null;
let indicatorId: number;
/** Now, so that the admin (which runs on the real clock) queues jobs the worker finds due. */
const start = new Date();
let clock = start;
const now = () => clock;
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  server = await startFixtureServer((req) => {
    if (req.path === '/kpi/N01951') return { fixture: 'kolada/kpi-N01951.json' };
    return { fixture: `kolada/data-N01951-page${req.query.get('page') ?? '1'}.json` };
  });
  await makeUser(database.db, 'redaktor@example.se', 'samordnare');
  editor = (await signIn(app, 'redaktor@example.se')).session;
  const ctx = context(database.db, systemActor('test'), now);
  const [goal] = await database.db
    .select({ id: goals.id })
    .from(goals)
    .where(eq(goals.code, '4.2'));
  const r = await defineIndicator(ctx, {
    goalId: goal!.id,
    slug: 'avbruten-invanare',
    nameSv: 'Invånare (avbruten import)',
    nameEn: 'Inhabitants (interrupted import)',
    unit: 'antal',
    source: 'kolada',
    sourceRef: 'N01951',
    direction: 'higher',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  indicatorId = r.value.id;
});
afterAll(async () => {
  await app?.close();
  await server?.close();
  await database?.close();
});

const sources = () => ({
  koladaBaseUrl: server.baseUrl,
  scbV1BaseUrl: server.baseUrl,
  scbV2BaseUrl: server.baseUrl,
});

describe('an import whose process stopped in the middle', () => {
  it('is closed as failed once its progress is old, shows why, and can be run again', async () => {
    const worker = createWorker({
      db: database.db,
      now,
      registry: { [IMPORT_REQUESTED]: (ctx, p) => runRequestedImport(ctx, p, sources()) },
    });
    // A run opened and reporting progress, then never heard of again (the process was killed).
    const ctx = context(database.db, systemActor('test'), now);
    const runId = await startImportRun(ctx, {
      source: 'kolada',
      params: { indicator: 'avbruten-invanare', kpi: 'N01951' },
      progressTotal: 3,
    });
    clock = minutes(10);
    await reportImportProgress(ctx, runId, 1, 3);
    const run = async () =>
      (await database.db.select().from(importRuns).where(eq(importRuns.id, runId)))[0]!;
    expect((await run()).progressAt).toEqual(minutes(10));

    // Started long ago but made progress recently: still running.
    clock = new Date(minutes(10).getTime() + INTERRUPTED_AFTER_MS - 60_000);
    await worker.tick();
    expect((await run()).status).toBe('running');

    clock = new Date(minutes(10).getTime() + INTERRUPTED_AFTER_MS + 60_000);
    await worker.tick();
    const closed = await run();
    expect(closed).toMatchObject({
      status: 'failed',
      progressDone: 1,
      errors: [{ row: 0, field: '_', message: INTERRUPTED_MESSAGE, code: 'interrupted' }],
    });
    expect(closed.finishedAt).toEqual(clock);
    expect(closed.durationMs).toBe(clock.getTime() - start.getTime());
    const events = () =>
      database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'import_run'), eq(auditEvents.entityId, `${runId}`)));
    expect((await events()).map((e) => [e.action, e.actorLabel])).toEqual([
      ['import.failed', 'system:jobs'],
    ]);
    // Closed once: a later tick changes nothing.
    await worker.tick();
    expect(await events()).toHaveLength(1);

    const cookie = as(editor).cookie;
    const detail = await app.inject({ url: `/admin/importer/${runId}`, headers: { cookie } });
    expect(detail.statusCode).toBe(200);
    expect(detail.headers.refresh).toBeUndefined();
    expect(detail.body).toContain('Misslyckades');
    expect(detail.body).toContain(INTERRUPTED_MESSAGE);
    const list = await app.inject({ url: '/admin/importer', headers: { cookie } });
    expect(list.headers.refresh).toBeUndefined();
    expect(list.body).not.toContain('<progress');

    // Running it again from the admin imports everything.
    const queued = await app.inject({
      method: 'POST',
      url: '/admin/importer',
      headers: { ...as(editor), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: CSRF, indicatorId: String(indicatorId) }),
    });
    expect(queued.statusCode).toBe(303);
    expect((await worker.runOnce())?.status).toBe('done');
    const [rerun] = await database.db.select().from(importRuns).orderBy(desc(importRuns.id));
    expect(rerun!.id).not.toBe(runId);
    expect(rerun!.status).toBe('succeeded');
    const stored = await database.db
      .select()
      .from(observations)
      .where(eq(observations.indicatorId, indicatorId));
    expect(stored).toHaveLength(8);
    expect((await run()).status).toBe('failed');
  });
});
