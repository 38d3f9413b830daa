#!/usr/bin/env node
// Performance figures for Riktning, each beside its reference and its target (issue 8).
//   npm run bench                 default: search at BENCH_N=20000 on PGlite
//   npm run bench -- --large      search and import at 1.5 M initiatives on PostgreSQL
// Environment: BENCH_N, BENCH_SECONDS (5), BENCH_CONNECTIONS (50), BENCH_IMPORT_ROWS (30000),
// BENCH_DATABASE_URL (for --large; default postgres://postgres@127.0.0.1:5432/riktning_bench).
// It prints and stores what it measured; it does not fail on numbers.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../dist/config.js';
import { migrateDatabase, openDatabase } from '../dist/db/client.js';
import { benchImport } from './bench/importRows.mjs';
import { benchPages, portalPages } from './bench/pages.mjs';
import { benchSearch, loadInitiatives } from './bench/search.mjs';
import { peakRssMiB, startRiktning, stop } from './bench/servers.mjs';
import { printTable } from './bench/table.mjs';

const large = process.argv.includes('--large');
const n = Number(process.env.BENCH_N ?? (large ? 1_500_000 : 20_000));
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 30_000);
const root = fileURLToPath(new URL('..', import.meta.url));
const work = await mkdtemp(path.join(tmpdir(), 'riktning-bench-'));
const log = (s) => console.log(`· ${s}`);
const out = {
  startedAt: new Date().toISOString(),
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? '?', node: process.version },
  settings: { large, n, seconds, connections, importRows },
};

try {
  // 1. First start of a fresh data directory, then a restart, each to the first page.
  const dataDir = path.join(work, 'data');
  log('first start of a fresh data directory (migrate, reference and demo data) …');
  let server = await startRiktning({ RIKTNING_DATA_DIR: dataDir });
  out.firstStartMs = server.firstPageMs;
  await stop(server.child);
  log('restart on the same data directory …');
  server = await startRiktning({ RIKTNING_DATA_DIR: dataDir });
  out.restartMs = server.firstPageMs;

  // 2. Cached public pages under load, against the same bytes from a static server.
  try {
    const paths = await portalPages(server.base);
    log(`load test: ${paths.join(', ')} – ${connections} connections, ${seconds} s each …`);
    out.pages = await benchPages(server.base, paths, work, { seconds, connections });
    out.serverPeakRssMiB = await peakRssMiB(server.child.pid);
  } finally {
    await stop(server.child);
  }

  // 3. Search with facets at scale, and 4. the observation import, on one database.
  let database;
  if (large) {
    const url =
      process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/riktning_bench';
    const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    const name = new URL(url).pathname.slice(1);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database "${name.replaceAll('"', '')}"`);
    await admin.end();
    database = await openDatabase(loadConfig({ DATABASE_URL: url }).database);
  } else {
    database = await openDatabase(
      loadConfig({ RIKTNING_DATA_DIR: path.join(work, 'search') }).database,
    );
  }
  out.searchBackend = database.kind;
  try {
    await migrateDatabase(database);
    log(`search: loading ${n} synthetic initiatives into ${database.kind} …`);
    out.syntheticLoad = await loadInitiatives(database, n);
    log('search: timing queries …');
    out.search = await benchSearch(database, { rounds: 5 });
    log(`import: ${importRows} Kolada-shaped rows, writer against raw INSERT …`);
    out.import = await benchImport(database, { rows: importRows });
  } finally {
    await database.close();
  }

  out.report = await (
    await import('./bench/report.mjs')
  ).benchReport(path.join(work, 'report'), log);
  printTable(out);
  const dir = path.join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${out.startedAt.replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(root, file)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
