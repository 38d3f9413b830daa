import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { goalAreas, goals, places, strategies } from '../../src/db/schema/index.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { defineIndicator } from '../../src/domain/followup/defineIndicator.js';
import { startFixtureServer, type FixtureServer } from '../../src/domain/imports/fixtureServer.js';
import { INTERRUPTED_AFTER_MS, INTERRUPTED_MESSAGE } from '../../src/domain/imports/importRuns.js';
import { createWorker } from '../../src/jobs/worker.js';
import { seedReference } from '../../src/seed/seedReference.js';
import { backend, emptyDatabaseEnv } from '../../src/test/database.js';

/**
 * Crash safety: the real CLI is started as its own process, killed with SIGKILL in the middle of
 * an import, and the database (a PGlite data directory, or PostgreSQL) is opened again. Nothing
 * of the killed import may be there, and running the same import again must give everything.
 * RIKTNING_LONG_TESTS=1 kills at more points and with more rows.
 */
const long = process.env.RIKTNING_LONG_TESTS === '1';
const INDICATORS = long ? 15 : 4;
const BULK_ROWS = long ? 2000 : 400;
const root = path.resolve(import.meta.dirname, '../..');
/** The `riktning` command from the sources: the same main() that bin/riktning.js runs from dist/. */
const entry = [
  '--import',
  'tsx',
  '--input-type=module',
  '-e',
  "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));",
  '--',
];
/** The bulk initiative import (the command behind the admin upload) in a process of its own. */
const bulkEntry = ['--import', 'tsx', path.join(root, 'test/reliability/bulkImportChild.ts')];

let env: Awaited<ReturnType<typeof emptyDatabaseEnv>>;
let work: string;
let csvFile: string;
let csvRows: number;
let bulkFile: string;
let kolada: FixtureServer;
let koladaDelayMs = 0;

const childEnv = () => ({
  ...process.env,
  ...env.env,
  LOG_LEVEL: 'silent',
  KOLADA_BASE_URL: kolada.baseUrl,
  RIKTNING_DEMO_DATA: 'false',
});

function startCli(
  args: string[],
  script: string[] = entry,
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [...script, ...args], {
    cwd: root,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const database = await openDatabase(loadConfig({ ...env.env, LOG_LEVEL: 'silent' }).database);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

interface Counts {
  observations: number;
  succeededRuns: number;
  runningRuns: number;
  importEvents: number;
  tablesReadable: number;
}

/** Opens the database again (after the process is gone) and counts what the imports left. */
function counts(indicatorPrefix: string): Promise<Counts> {
  return withDatabase(async (database) => {
    const rows = async <T>(q: ReturnType<typeof sql>) => {
      const r = (await database.db.execute(q)) as unknown as { rows: T[] };
      return r.rows;
    };
    const [c] = await rows<Counts>(sql`select
      (select count(*) from observations o join indicators i on i.id = o.indicator_id
        where i.slug like ${`${indicatorPrefix}%`})::int as "observations",
      (select count(*) from import_runs where status = 'succeeded')::int as "succeededRuns",
      (select count(*) from import_runs where status = 'running')::int as "runningRuns",
      (select count(*) from audit_events where action = 'import.succeeded')::int as "importEvents"`);
    // Every table can still be read from end to end.
    const tables = await rows<{ name: string }>(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
    );
    for (const t of tables) await database.db.execute(sql.raw(`select count(*) from "${t.name}"`));
    return { ...c!, tablesReadable: tables.length };
  });
}

/** Initiatives of the bulk file, their versions and their creation events. */
function initiativeCount(): Promise<{ initiatives: number; versions: number; events: number }> {
  return withDatabase(async (database) => {
    const r = (await database.db.execute(sql`select
      (select count(*) from initiatives where title like 'Kraschprov bulk %')::int as "initiatives",
      (select count(*) from initiative_versions v join initiatives i on i.id = v.initiative_id
        where i.title like 'Kraschprov bulk %')::int as "versions",
      (select count(*) from audit_events where action = 'initiative.created')::int as "events"`)) as unknown as {
      rows: { initiatives: number; versions: number; events: number }[];
    };
    return r.rows[0]!;
  });
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await dirBytes(p);
    else
      total += await stat(p).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the import is writing rows: on PostgreSQL its transaction is seen inserting
 * observations; on PGlite the data directory grows by `growBytes` beyond where it started.
 */
async function waitUntilWriting(
  cli: ReturnType<typeof startCli>,
  growBytes: number,
  /** What the import's inserts start with, as pg_stat_activity shows them. */
  insert = 'insert into observations',
) {
  let exited = false;
  void cli.exited.then(() => (exited = true));
  if (backend === 'postgres') {
    const client = new pg.Client({ connectionString: env.env.DATABASE_URL });
    await client.connect();
    try {
      while (!exited) {
        const r = await client.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database()
             and pid <> pg_backend_pid() and xact_start is not null
             and query ilike $1`,
          [`${insert}%`],
        );
        if (r.rows[0]!.n > 0) return;
        await pause(20);
      }
    } finally {
      await client.end();
    }
  } else {
    const dir = env.env.RIKTNING_DATA_DIR!;
    const start = await dirBytes(dir);
    while (!exited) {
      if ((await dirBytes(dir)) - start > growBytes) return;
      await pause(50);
    }
  }
  throw new Error(`The import ended before it could be killed:\n${cli.output()}`);
}

beforeAll(async () => {
  env = await emptyDatabaseEnv();
  work = await mkdtemp(path.join(tmpdir(), 'riktning-crash-'));
  kolada = await startFixtureServer(async (req) => {
    if (req.path === '/kpi/N01951') return { fixture: 'kolada/kpi-N01951.json' };
    if (req.path.startsWith('/data/')) {
      if (koladaDelayMs > 0) await pause(koladaDelayMs);
      return { fixture: `kolada/data-N01951-page${req.query.get('page') ?? '1'}.json` };
    }
    return { status: 404, body: {} };
  }, '/v3');
  const codes = await withDatabase(async (database) => {
    await migrateDatabase(database);
    const ctx = context(database.db, systemActor('test'));
    await seedReference(ctx);
    const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
    for (let k = 0; k < INDICATORS; k += 1) {
      const r = await defineIndicator(ctx, {
        goalId: goal!.id,
        slug: `krasch-${k}`,
        nameSv: `Kraschprov ${k}`,
        nameEn: `Crash test ${k}`,
        unit: 'antal',
        source: 'manual',
        direction: 'higher',
      });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
    }
    const r = await defineIndicator(ctx, {
      goalId: goal!.id,
      slug: 'krasch-kolada',
      nameSv: 'Invånare (kraschprov)',
      nameEn: 'Inhabitants (crash test)',
      unit: 'antal',
      source: 'kolada',
      sourceRef: 'N01951',
      direction: 'higher',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const org = await createOrganisation(ctx, {
      slug: 'krasch-bulk',
      name: 'Kraschprovets organisation',
      kind: 'kommun',
    });
    if (!org.ok) throw new Error(JSON.stringify(org.issues));
    const [code] = await database.db
      .select({ code: goals.code })
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .innerJoin(strategies, eq(strategies.id, goalAreas.strategyId))
      .where(eq(strategies.isCurrent, true))
      .limit(1);
    const bulk = ['title,summary,status,start_date,owner_organisation_id,places,goals,funding'];
    for (let i = 0; i < BULK_ROWS; i += 1) {
      bulk.push(
        `Kraschprov bulk ${i},Insats nummer ${i} i kraschprovet.,pagaende,2025-01-01,${org.value.id},0880|0881,${code!.code},kommun:${1000 + i}:2025`,
      );
    }
    bulkFile = path.join(work, 'insatser.csv');
    await writeFile(bulkFile, bulk.join('\n'));
    // The region's own places (the comparison areas would make the file twenty times larger).
    return (
      await database.db
        .select({ code: places.code })
        .from(places)
        .where(eq(places.comparison, false))
    ).map((p) => p.code);
  });
  // Every own place, every year the importer accepts, three genders: tens of thousands of rows.
  const lines = ['indicator,place,period,gender,value,status'];
  for (let k = 0; k < INDICATORS; k += 1) {
    for (const code of codes) {
      for (let year = 1900; year <= 2100; year += 1) {
        for (const g of ['T', 'K', 'M'])
          lines.push(`krasch-${k},${code},${year},${g},${year + k},`);
      }
    }
  }
  csvRows = lines.length - 1;
  csvFile = path.join(work, 'stor.csv');
  await writeFile(csvFile, lines.join('\n'));
}, 300_000);

afterAll(async () => {
  await kolada?.close();
  await env?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe(`SIGKILL in the middle of an import (${backend})`, () => {
  it('a CSV import killed while writing leaves no rows, no run and no event; the re-run is complete', async () => {
    const before = await counts('krasch-');
    expect(before.observations).toBe(0);
    // Kill early in the writing and, in long mode, later in it too.
    for (const grow of long ? [1, 4, 8] : [1]) {
      const cli = startCli(['import', 'csv', csvFile]);
      await waitUntilWriting(cli, grow * 1024 * 1024);
      cli.child.kill('SIGKILL');
      expect(await cli.exited).toBeNull();
      expect(cli.output()).not.toContain('Klart');
      const after = await counts('krasch-');
      expect(after).toEqual(before);
    }
    const rerun = startCli(['import', 'csv', csvFile]);
    expect(await rerun.exited, rerun.output()).toBe(0);
    expect(rerun.output()).toContain(`${csvRows} nya`);
    const done = await counts('krasch-');
    expect(done.observations).toBe(csvRows);
    expect(done.succeededRuns).toBe(before.succeededRuns + 1);
    expect(done.importEvents).toBe(before.importEvents + 1);
    // And once more: nothing changes.
    const again = startCli(['import', 'csv', csvFile]);
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toContain(`0 nya, 0 ändrade, ${csvRows} oförändrade`);
  }, 600_000);

  it('a bulk initiative import killed while writing leaves no initiative; the re-run is complete', async () => {
    const before = await initiativeCount();
    const cli = startCli([bulkFile], bulkEntry);
    await waitUntilWriting(cli, 1024 * 1024, 'insert into "initiative');
    cli.child.kill('SIGKILL');
    expect(await cli.exited).toBeNull();
    expect(cli.output()).not.toContain('Klart');
    expect(await initiativeCount()).toEqual(before);

    const rerun = startCli([bulkFile], bulkEntry);
    expect(await rerun.exited, rerun.output()).toBe(0);
    expect(rerun.output()).toContain(`Klart: ${BULK_ROWS} skapade`);
    expect(await initiativeCount()).toEqual({
      initiatives: before.initiatives + BULK_ROWS,
      versions: before.versions + BULK_ROWS,
      events: before.events + BULK_ROWS,
    });
  }, 600_000);

  it('a Kolada import killed while fetching (slow source) stores no values; the re-run is complete', async () => {
    const args = [
      'import',
      'kolada',
      '--kpi',
      'N01951',
      '--indicator',
      'krasch-kolada',
      '--places',
      '0008,0880',
      '--years',
      '2022-2024',
    ];
    const before = await counts('krasch-kolada');
    koladaDelayMs = 60_000;
    const requestsBefore = kolada.requests.length;
    const cli = startCli(args);
    while (!kolada.requests.slice(requestsBefore).some((r) => r.path.startsWith('/data/'))) {
      if (cli.child.exitCode !== null) throw new Error(cli.output());
      await pause(50);
    }
    cli.child.kill('SIGKILL');
    expect(await cli.exited).toBeNull();
    koladaDelayMs = 0;
    const after = await counts('krasch-kolada');
    expect(after.observations).toBe(0);
    expect(after.succeededRuns).toBe(before.succeededRuns);
    expect(after.importEvents).toBe(before.importEvents);
    // The run opened to show progress is left as "running": visible, and holding no values.
    expect(after.runningRuns).toBe(before.runningRuns + 1);
    // Once its progress is older than the limit, the worker closes it as interrupted.
    const closed = await withDatabase(async (database) => {
      const later = new Date(Date.now() + INTERRUPTED_AFTER_MS + 60_000);
      await createWorker({ db: database.db, registry: {}, now: () => later }).tick();
      const r = (await database.db.execute(
        sql`select status, errors->0->>'message' as message from import_runs
          where params->>'indicator' = 'krasch-kolada' order by id desc limit 1`,
      )) as unknown as { rows: { status: string; message: string }[] };
      return r.rows[0];
    });
    expect(closed).toEqual({ status: 'failed', message: INTERRUPTED_MESSAGE });
    expect((await counts('krasch-kolada')).runningRuns).toBe(before.runningRuns);

    const rerun = startCli(args);
    expect(await rerun.exited, rerun.output()).toBe(0);
    const done = await counts('krasch-kolada');
    expect(done.observations).toBe(8);
    expect(done.succeededRuns).toBe(before.succeededRuns + 1);
  }, 300_000);
});
