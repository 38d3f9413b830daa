import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../cli/serve.js';
import { loadConfig } from '../config.js';
import { DatabaseOpenError, wrapPool, type Database, type Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { goals } from '../db/schema/index.js';
import { context, systemActor } from '../domain/context.js';
import { defineIndicator } from '../domain/followup/defineIndicator.js';
import { seedReference } from '../seed/seedReference.js';
import { backend, createTestDatabase, emptyDatabaseEnv, testCtx } from '../test/database.js';
import { testEnv } from '../test/env.js';
import { buildApp } from './app.js';
import { as, CSRF, form, makeUser, signIn } from './auth/testSupport.js';

/**
 * Read replica routing (DATABASE_READ_URL). A second database stands in for the replica and holds
 * different data — marked names and an indicator only it has — so every answer shows which
 * database it came from. Its newest audit event stands for what it has replayed.
 */
const MARK = '(replikdata)';
const AREA = 'hallbar-samhallsplanering';
const REPLICA_ONLY = 'replikindikator';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() returns true, or fails after limitMs. */
async function eventually(what: string, check: () => Promise<boolean>, limitMs = 15_000) {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function newestAuditEvent(db: Db): Promise<number> {
  const [row] = await queryRows<{ v: string | null }>(
    db,
    sql`select max(id)::text as v from audit_events`,
  );
  return Number(row?.v ?? 0);
}

/** What a streaming replica does by itself: it has now replayed the primary's newest change. */
async function replayPrimary(primary: Db, replica: Db): Promise<void> {
  const version = await newestAuditEvent(primary);
  await replica.execute(sql`insert into audit_events
    (id, actor_label, action, entity_type, entity_id) overriding system value
    values (${version}, 'system:test', 'replica.replayed', 'test', '0')
    on conflict (id) do nothing`);
}

/** Gives the stand-in replica its own data: marked names and an indicator the primary lacks. */
async function markReplica(replica: Db): Promise<void> {
  await replica.execute(sql`update strategies set name_sv = name_sv || ' ' || ${MARK}`);
  await replica.execute(
    sql`update goal_areas set name_sv = name_sv || ' ' || ${MARK}, name_en = name_en || ' ' || ${MARK}`,
  );
  const [goal] = await replica.select({ id: goals.id }).from(goals).limit(1);
  const defined = await defineIndicator(context(replica, systemActor('test')), {
    goalId: goal!.id,
    slug: REPLICA_ONLY,
    nameSv: `Indikator bara i repliken ${MARK}`,
    nameEn: `Indicator only in the replica ${MARK}`,
    unit: 'antal',
    source: 'manual',
    direction: 'higher',
  });
  if (!defined.ok) throw new Error(JSON.stringify(defined.issues));
}

describe('public reads on a read replica', () => {
  let primary: Database;
  let replica: Database;
  let app: FastifyInstance;
  const body = async (url: string) => {
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(200);
    return url.endsWith('.zip')
      ? Object.values(unzipSync(res.rawPayload))
          .map((file) => strFromU8(file))
          .join('\n')
      : res.body;
  };
  const fromReplica = async (url: string) => (await body(url)).includes(MARK);

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await markReplica(replica.db);
    await replayPrimary(primary.db, replica.db);
    app = await buildApp({ database: primary, readDatabase: replica });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([primary?.close(), replica?.close()]);
  });

  it('reads the portal, feeds, the read API, open data, DCAT and widgets from the replica', async () => {
    // The first request may go to the primary while the replica's position is being asked.
    await eventually('a read from the replica', () => fromReplica('/api/v1/goal-areas'));
    for (const url of [
      '/',
      '/en',
      `/malomraden/${AREA}`,
      `/en/malomraden/${AREA}`,
      `/malomraden/${AREA}/flode.atom`,
      `/indikatorer/${REPLICA_ONLY}`,
      `/indikatorer/${REPLICA_ONLY}.csv`,
      '/oppna-data',
      '/badda-in',
      `/inbaddning/malomraden/${AREA}`,
      `/en/inbaddning/indikatorer/${REPLICA_ONLY}`,
      '/oppna-data/riktning.zip',
      '/api/v1/strategies',
      '/api/v1/indicators',
      `/api/v1/indicators/${REPLICA_ONLY}`,
      `/api/v1/indicators/${REPLICA_ONLY}/observations.csv`,
      '/dcat',
    ]) {
      expect(await fromReplica(url), url).toBe(true);
    }
    const head = await app.inject({ method: 'HEAD', url: `/indikatorer/${REPLICA_ONLY}` });
    expect(head.statusCode).toBe(200);
  });

  it('signs in, keeps the session and serves the admin from the primary', async () => {
    await makeUser(primary.db, 'admin@replik.example.se', 'admin');
    const { res, session } = await signIn(app, 'admin@replik.example.se');
    expect(res.statusCode).toBe(303);
    const admin = await app.inject({ url: '/admin/strategi', headers: as(session) });
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('RUS för Kalmar län 2030');
    expect(admin.body).not.toContain(MARK);
    const [sessions] = await queryRows<{ n: number }>(
      replica.db,
      sql`select count(*)::int as n from sessions`,
    );
    expect(sessions!.n).toBe(0);
    // The sign-in's audit events (password, second factor, session) reach the replica as well.
    await replayPrimary(primary.db, replica.db);
  });

  it('writes a form post to the primary, and reads the primary while the replica is behind', async () => {
    await eventually('a read from the replica', () => fromReplica('/api/v1/goal-areas'));
    const post = await app.inject({
      method: 'POST',
      url: '/tillganglighet',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `riktning_csrf=${CSRF}`,
      },
      payload: form({
        _csrf: CSRF,
        pageUrl: '/',
        description: 'Kontrasten i sidfoten är för låg.',
        contactEmail: '',
      }),
    });
    expect(post.statusCode).toBe(303);
    const count = async (db: Db) =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from accessibility_reports`,
        )
      )[0]!.n;
    expect(await count(primary.db)).toBe(1);
    expect(await count(replica.db)).toBe(0);

    // The primary has moved on and the replica has not replayed it: every read goes to the
    // primary, so no page is cached from data older than the version it is stored under.
    for (let round = 0; round < 4; round++) {
      for (const url of ['/api/v1/goal-areas', `/en/malomraden/${AREA}`, '/']) {
        expect(await fromReplica(url), `${url} (round ${round})`).toBe(false);
      }
      const missing = await app.inject(`/api/v1/indicators/${REPLICA_ONLY}`);
      expect(missing.statusCode).toBe(404);
      await sleep(100);
    }

    await replayPrimary(primary.db, replica.db);
    await eventually('the replica again', () => fromReplica('/api/v1/goal-areas'));
    // A page cached while the replica was behind stays the primary's rendering of that version.
    expect(await fromReplica('/')).toBe(false);
    expect(await fromReplica('/en')).toBe(true);
  });

  it('answers from the primary when the replica fails, and returns to it when it recovers', async () => {
    await eventually('a read from the replica', () => fromReplica('/api/v1/goal-areas'));
    await replica.db.execute(sql`alter table goal_areas rename to goal_areas_away`);
    try {
      const res = await app.inject('/api/v1/goal-areas');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(MARK);
      expect(res.body).toContain(AREA);
    } finally {
      await replica.db.execute(sql`alter table goal_areas_away rename to goal_areas`);
    }
    await eventually('the recovered replica', () => fromReplica('/api/v1/goal-areas'));
  });

  it('does not read a replica that has not replayed the primary’s newest migration', async () => {
    const [newest] = await queryRows<{ id: number; hash: string; created_at: string }>(
      replica.db,
      sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    await replica.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = ${newest!.id}`,
    );
    const fresh = await buildApp({ database: primary, readDatabase: replica });
    try {
      for (let round = 0; round < 4; round++) {
        const res = await fresh.inject('/api/v1/goal-areas');
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain(MARK);
        await sleep(100);
      }
    } finally {
      await replica.db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at)
        values (${newest!.id}, ${newest!.hash}, ${newest!.created_at}::bigint)`);
    }
    await eventually('the migrated replica', async () =>
      (await fresh.inject('/api/v1/goal-areas')).body.includes(MARK),
    );
    await fresh.close();
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe.skipIf(backend !== 'postgres')('riktning serve with DATABASE_READ_URL', () => {
  const serverUrl = testEnv.databaseUrl!;
  const urlOf = (name: string) => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const connectionsTo = (name: string) =>
    admin(
      async (c) =>
        (
          await c.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          )
        ).rows[0]!.n,
    );
  const serveEnv = async (env: Record<string, string>) => ({
    ...env,
    PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    RIKTNING_DEMO_DATA: 'false',
    RIKTNING_WORKER: 'false',
  });

  it('opens a pool on the replica, serves public reads from it and closes it on shutdown', async () => {
    const primaryEnv = await emptyDatabaseEnv();
    const replicaName = `riktning_read_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`create database ${replicaName}`));
    try {
      const replica = wrapPool(new pg.Pool({ connectionString: urlOf(replicaName), max: 2 }));
      await replica.migrate();
      await seedReference(testCtx(replica.db));
      await markReplica(replica.db);

      const config = loadConfig({
        ...(await serveEnv(primaryEnv.env)),
        DATABASE_READ_URL: urlOf(replicaName),
        DATABASE_READ_POOL_MAX: '3',
      });
      expect(config.readDatabase).toEqual({ url: urlOf(replicaName), poolMax: 3 });
      const server = await startServer(config, { handleSignals: false });
      let stopped = false;
      try {
        const primaryName = new URL(primaryEnv.env.DATABASE_URL!).pathname.slice(1);
        const primaryDb = wrapPool(new pg.Pool({ connectionString: urlOf(primaryName), max: 1 }));
        await replayPrimary(primaryDb.db, replica.db);
        await primaryDb.close();
        const base = `http://127.0.0.1:${config.port}`;
        await eventually('a read from the replica', async () =>
          (await (await fetch(`${base}/api/v1/goal-areas`)).text()).includes(MARK),
        );
        const page = await (await fetch(`${base}/indikatorer/${REPLICA_ONLY}`)).text();
        expect(page).toContain(MARK);
        await replica.close();
        expect(await connectionsTo(replicaName)).toBeGreaterThan(0);
        await server.close();
        stopped = true;
        await eventually(
          'the replica pool to close',
          async () => (await connectionsTo(replicaName)) === 0,
        );
      } finally {
        if (!stopped) await server.close();
      }
    } finally {
      await admin((c) => c.query(`drop database if exists ${replicaName} with (force)`));
      await primaryEnv.drop();
    }
  });

  it('stops at start with a Swedish message when the replica cannot be reached', async () => {
    const primaryEnv = await emptyDatabaseEnv();
    try {
      const missing = `riktning_read_${randomBytes(6).toString('hex')}`;
      const config = loadConfig({
        ...(await serveEnv(primaryEnv.env)),
        DATABASE_READ_URL: urlOf(missing),
      });
      const started = startServer(config, { handleSignals: false });
      await expect(started).rejects.toBeInstanceOf(DatabaseOpenError);
      await expect(started).rejects.toThrow(
        /Kunde inte ansluta till läsrepliken.*DATABASE_READ_URL/s,
      );
      const primaryName = new URL(primaryEnv.env.DATABASE_URL!).pathname.slice(1);
      await eventually(
        'the primary pool to close',
        async () => (await connectionsTo(primaryName)) === 0,
      );
    } finally {
      await primaryEnv.drop();
    }
  });
});
