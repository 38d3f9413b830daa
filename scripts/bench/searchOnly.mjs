#!/usr/bin/env node
// The search part of the bench alone, on a data directory kept between runs so the synthetic
// initiatives load once:  npm run build && node scripts/bench/searchOnly.mjs
// Environment: BENCH_N (100000), BENCH_ROUNDS (5), BENCH_DATA_DIR (default under the temp
// directory, named by N), BENCH_DATABASE_URL (PostgreSQL instead of PGlite), and
// BENCH_SEARCH_MODULE (another build of searchInitiatives to compare, e.g. a previous version).
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../dist/config.js';
import { migrateDatabase, openDatabase } from '../../dist/db/client.js';
import { benchSearch, loadInitiatives } from './search.mjs';

const n = Number(process.env.BENCH_N ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const config = process.env.BENCH_DATABASE_URL
  ? loadConfig({ DATABASE_URL: process.env.BENCH_DATABASE_URL })
  : loadConfig({
      RIKTNING_DATA_DIR: process.env.BENCH_DATA_DIR ?? path.join(tmpdir(), `riktning-search-${n}`),
    });
const search = process.env.BENCH_SEARCH_MODULE
  ? (await import(pathToFileURL(path.resolve(process.env.BENCH_SEARCH_MODULE)).href))
      .searchInitiatives
  : undefined;
const database = await openDatabase(config.database);
try {
  await migrateDatabase(database);
  const load = await loadInitiatives(database, n);
  console.log(
    `${database.kind}: ${load.n} initiatives` +
      (load.loaded ? ` (${load.loaded} loaded in ${(load.ms / 1000).toFixed(1)} s)` : ''),
  );
  const result = await benchSearch(database, { rounds, search });
  console.log(
    `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (${result.samples} samples)`,
  );
  for (const q of result.perQuery)
    console.log(
      `${q.p50.toFixed(1).padStart(9)} ${String(q.total).padStart(9)}  ${q.query || '(no query)'}`,
    );
} finally {
  await database.close();
}
