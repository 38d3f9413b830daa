import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool, type Database, type Db } from '../src/db/client.js';
import { queryRows } from '../src/db/rows.js';
import { goals, organisations } from '../src/db/schema/index.js';
import { systemActor } from '../src/domain/context.js';
import { defineIndicator } from '../src/domain/followup/defineIndicator.js';
import { createInitiative } from '../src/domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../src/domain/initiatives/transitionInitiative.js';
import { enqueueJob } from '../src/db/jobQueue.js';
import { REFRESH_ALL, REFRESH_ONE } from '../src/jobs/refreshIndicators.js';
import { backend, emptyDatabaseEnv, testCtx } from '../src/test/database.js';
import { buildInitiative } from '../src/test/factories.js';
import { PENDING_COOKIE } from '../src/web/auth/pendingCookie.js';
import { CSRF, form, makeUser, PASSWORD, secondFactorCode } from '../src/web/auth/testSupport.js';

/**
 * Two `riktning serve` processes (real processes, running the sources through tsx) on one
 * PostgreSQL database, each with its jobs worker: what runs as several processes must behave as
 * one application.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** Polls until check() returns a value (not undefined), or fails after limitMs. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, limitMs = 30_000) {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Server {
  child: ChildProcess;
  base: string;
  output: string[];
}

let script: string;
async function startServe(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      RIKTNING_DEMO_DATA: 'false',
      RIKTNING_WORKER: 'true',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await eventually(
    `serve on ${base}`,
    async () => {
      if (child.exitCode !== null)
        throw new Error(`serve exited (${child.exitCode}): ${output.join('')}`);
      const res = await fetch(`${base}/`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    },
    120_000,
  );
  return { child, base, output };
}

async function stopServe(server: Server | undefined) {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

/**
 * Signs in on one process, the password and then the second step (a coordinator's) with a
 * recovery code; returns the session cookie ("riktning_session=…").
 */
async function signInOn(server: Server, email: string, db: Db): Promise<string> {
  const password = await fetch(`${server.base}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `riktning_csrf=${CSRF}`,
    },
    body: form({ _csrf: CSRF, email, password: PASSWORD }),
  });
  expect(password.headers.get('location')).toBe('/logga-in/andra-steget');
  const pending = password.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${PENDING_COOKIE}=`))!
    .split(';')[0]!;
  const res = await fetch(`${server.base}/logga-in/andra-steget`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `riktning_csrf=${CSRF}; ${pending}`,
    },
    body: form({ _csrf: CSRF, code: await secondFactorCode(db, email) }),
  });
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('riktning_session='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

const onPostgres = backend === 'postgres';

describe.skipIf(!onPostgres)(
  'two serve processes on one PostgreSQL (skipped on PGlite: the embedded database allows one process)',
  () => {
    let dir: string;
    let dbEnv: Awaited<ReturnType<typeof emptyDatabaseEnv>>;
    let database: Database;
    let a: Server;
    let b: Server;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'riktning-multi-'));
      script = path.join(dir, 'serve.mjs');
      await writeFile(
        script,
        `import { main } from ${JSON.stringify(pathToFileURL(path.join(root, 'src/cli/main.ts')).href)};\n` +
          `process.exitCode = await main(['serve']);\n`,
      );
      dbEnv = await emptyDatabaseEnv();
      a = await startServe(dbEnv.env); // migrates and loads the reference data
      b = await startServe(dbEnv.env);
      database = wrapPool(new pg.Pool({ connectionString: dbEnv.env.DATABASE_URL, max: 2 }));
      await makeUser(database.db, 'redaktor@example.se', 'samordnare');
    }, 300_000);

    afterAll(async () => {
      await Promise.all([stopServe(a), stopServe(b)]);
      await database?.close();
      await dbEnv?.drop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('keeps a session signed in on one process valid on the other', async () => {
      const session = await signInOn(a, 'redaktor@example.se', database.db);
      const onB = await fetch(`${b.base}/admin/konto`, {
        redirect: 'manual',
        headers: { cookie: session },
      });
      expect(onB.status).toBe(200);
      expect(await onB.text()).toContain('redaktor@example.se');
      const signedOut = await fetch(`${b.base}/admin/konto`, { redirect: 'manual' });
      expect(signedOut.status).toBe(303);
    });

    it('shows a publish made through one process on the other’s cached pages', async () => {
      const ctx = testCtx(database.db, systemActor('test'));
      const [org] = await database.db
        .insert(organisations)
        .values({ slug: 'fler-processer', name: 'Fler processer AB', kind: 'foretag' })
        .returning({ id: organisations.id });
      const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
      const created = await createInitiative(
        ctx,
        buildInitiative({
          title: 'Glasbruksvandring i Orrefors',
          ownerOrganisationId: org!.id,
          goalIds: [goal!.id],
        }),
      );
      if (!created.ok) throw new Error(JSON.stringify(created.issues));
      const id = created.value.id;
      await transitionInitiative(ctx, { initiativeId: id, action: 'submit' });

      const searchB = async () => (await fetch(`${b.base}/insatser?q=glasbruksvandring`)).text();
      expect(await searchB()).not.toContain('Glasbruksvandring i Orrefors');
      // B now holds the page; with the change feed connected it trusts its cache for 30 s, so
      // only the notification sent when A commits can make it render the page again in time.
      const session = await signInOn(a, 'redaktor@example.se', database.db);
      const before = await fetch(`${b.base}/insatser?q=glasbruksvandring`);
      const etag = before.headers.get('etag');
      const published = await fetch(`${a.base}/admin/insatser/${id}/godkann`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `riktning_csrf=${CSRF}; ${session}`,
        },
        body: form({ _csrf: CSRF, confirm: '1' }),
      });
      expect(published.status).toBe(303);
      const [state] = await queryRows<{ s: string }>(
        database.db,
        sql`select workflow_state::text as s from initiatives where id = ${id}`,
      );
      expect(state!.s).toBe('publicerad');
      const page = await eventually(
        'the other process to show the publish',
        async () => {
          const res = await fetch(`${b.base}/insatser?q=glasbruksvandring`);
          const body = await res.text();
          return body.includes('Glasbruksvandring i Orrefors') ? res : undefined;
        },
        10_000,
      );
      expect(page.headers.get('etag')).not.toBe(etag);
    });

    it('runs every job once across the two workers, and schedules the nightly refresh once', async () => {
      const ctx = testCtx(database.db, systemActor('test'));
      const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
      const defined = await defineIndicator(ctx, {
        goalId: goal!.id,
        slug: 'fler-processer-egen',
        nameSv: 'Egen indikator',
        nameEn: 'Own indicator',
        unit: 'antal',
        source: 'manual',
        direction: 'higher',
      });
      if (!defined.ok) throw new Error(JSON.stringify(defined.issues));
      const ids: number[] = [];
      for (let i = 0; i < 12; i++)
        ids.push(
          await enqueueJob(database.db, {
            kind: REFRESH_ONE,
            payload: { slug: 'fler-processer-egen' },
          }),
        );
      const jobs = await eventually('both workers to drain the queue', async () => {
        const rows = await queryRows<{ status: string; attempts: number }>(
          database.db,
          sql`select status, attempts from jobs where id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        );
        return rows.every((r) => r.status === 'done') ? rows : undefined;
      });
      expect(jobs).toHaveLength(12);
      expect(jobs.every((j) => j.attempts === 1)).toBe(true);
      const [nightly] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from jobs where kind = ${REFRESH_ALL} and status in ('queued', 'running')`,
      );
      expect(nightly!.n).toBe(1);
    });
  },
);
