#!/usr/bin/env node
// Performance figures for Riktning on the embedded database. Prints what it measured; it does
// not fail on numbers (targets are read by people, not asserted by tests).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../dist/config.js';
import { migrateDatabase, openDatabase } from '../dist/db/client.js';
import { context, systemActor } from '../dist/domain/context.js';
import { listPublishedInitiatives } from '../dist/domain/initiatives/queries.js';
import { seedDemo } from '../dist/seed/seedDemo.js';
import { seedReference } from '../dist/seed/seedReference.js';
import { buildApp } from '../dist/web/app.js';

const ms = (t) => `${t.toFixed(0)} ms`;
const dir = await mkdtemp(path.join(tmpdir(), 'riktning-bench-'));
const config = loadConfig({ RIKTNING_DATA_DIR: dir });

let t = performance.now();
let database = await openDatabase(config.database);
await migrateDatabase(database);
const ctx = context(database.db, systemActor('seed'));
await seedReference(ctx);
const tRef = performance.now() - t;
t = performance.now();
const demo = await seedDemo(ctx);
const tDemo = performance.now() - t;
await database.close();

t = performance.now();
database = await openDatabase(config.database);
await migrateDatabase(database);
await seedReference(context(database.db, systemActor('seed')));
const tRestart = performance.now() - t;

const app = await buildApp({ database });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address();
const [initiative] = await listPublishedInitiatives(database.db, { limit: 1 });
const pages = ['/', '/malomraden/starkt-konkurrenskraft', `/insatser/${initiative.id}`];

async function load(url, total, concurrency) {
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const s = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}${url}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        times.push(performance.now() - s);
      }
    }),
  );
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: q(0.5), p95: q(0.95), rps: (times.length / elapsed) * 1000 };
}

console.log('Riktning bench (embedded PGlite, one process)');
console.log(`  first start: migrate + reference data   ${ms(tRef)}`);
console.log(
  `  first start: demo data (${demo.initiatives} initiatives, ${demo.observations} observations)  ${ms(tDemo)}`,
);
console.log(`  restart on the same data directory       ${ms(tRestart)}`);
for (const url of pages) {
  await load(url, 20, 2); // warm up
  const r = await load(url, 300, 10);
  console.log(
    `  GET ${url.padEnd(38)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  ${r.rps.toFixed(0)} req/s`,
  );
}
const mem = process.memoryUsage();
console.log(
  `  memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
await app.close();
await database.close();
await rm(dir, { recursive: true, force: true });
