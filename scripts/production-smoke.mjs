#!/usr/bin/env node
// Checks a production install (scripts/install-production.sh) the way an IT technician would use
// it: on a fresh PostgreSQL database it migrates, seeds the demo data, publishes an annual report,
// starts `riktning serve` with NODE_ENV=production and asks for pages, the API and the PDF.
//
//   node scripts/production-smoke.mjs <installed checkout> [--node <path to node>]
//
// The PostgreSQL server is TEST_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/postgres);
// a database of its own is created and dropped. CI runs this on a clean checkout (.ci/run).
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { clearTimeout } from 'node:timers';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values, positionals } = parseArgs({
  options: { node: { type: 'string' } },
  allowPositionals: true,
});
const dir = path.resolve(positionals[0] ?? '.');
const node = values.node ?? process.execPath;
const cli = path.join(dir, 'bin/riktning.js');
const log = (msg) => console.log(`[smoke] ${msg}`);

const adminUrl = new URL(
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);
const name = `riktning_smoke_${process.pid}`;
const metricsToken = `smoke-${process.pid}-metrics-token-0123456789`;
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${name}`;

async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

function run(args, env, { timeoutMs = 180_000 } = {}) {
  const child = spawn(node, [cli, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`riktning ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

async function expectOk(base, pathname, check, headers = {}) {
  const res = await fetch(new URL(pathname, base), { redirect: 'manual', headers });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) {
    throw new Error(`GET ${pathname} answered ${res.status}: ${body.toString().slice(0, 500)}`);
  }
  const problem = check(body, res);
  if (problem) throw new Error(`GET ${pathname}: ${problem}`);
  log(`GET ${pathname} → 200 (${body.length} bytes)`);
}

const admin = new pg.Client({ connectionString: adminUrl.href });
await admin.connect();
await admin.query(`drop database if exists ${name} with (force)`);
await admin.query(`create database ${name}`);
let server;
let failed = false;
try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.href,
    HOST: '127.0.0.1',
    PORT: String(port),
    RIKTNING_PUBLIC_URL: base,
    RIKTNING_DEMO_DATA: 'false',
    METRICS_TOKEN: metricsToken,
    ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
  };
  const version = await run(['--version'], env);
  log(`riktning ${version.trim()} on Node ${execFileSync(node, ['--version']).toString().trim()}`);
  await run(['migrate'], env);
  await run(['seed', '--demo'], env);
  // The demo publishes last year's report itself; the smoke publishes the year before it.
  const year = new Date().getUTCFullYear() - 2;
  await run(['report', String(year), '--publish'], env);
  log(`migrated, seeded the demo data and published the annual report ${year}`);

  server = spawn(node, [cli, 'serve'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverOutput = '';
  server.stdout.on('data', (d) => (serverOutput += d));
  server.stderr.on('data', (d) => (serverOutput += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`serve exited:\n${serverOutput}`);
    const ready = await fetch(`${base}/readyz`).catch(() => null);
    if (ready?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`serve was not ready in 120 s:\n${serverOutput}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  log('serve is ready');
  const html = (b, res) =>
    res.headers.get('content-type')?.startsWith('text/html') ? null : 'not HTML';
  await expectOk(base, '/', html);
  await expectOk(base, '/en', html);
  await expectOk(base, '/insatser', html);
  await expectOk(base, '/api/v1/initiatives', (b) =>
    Array.isArray(JSON.parse(b.toString()).initiatives) ? null : 'no initiatives array',
  );
  await expectOk(base, `/utvecklingsaret/${year}/rapport.pdf`, (b) =>
    b.subarray(0, 5).toString() === '%PDF-' ? null : 'not a PDF',
  );
  await expectOk(
    base,
    '/metrics',
    (b) => (b.toString().includes('riktning_http_requests_total') ? null : 'no request metrics'),
    { authorization: `Bearer ${metricsToken}` },
  );
  server.kill('SIGTERM');
  const [code] = await once(server, 'exit');
  if (code !== 0) throw new Error(`serve stopped with ${code} on SIGTERM:\n${serverOutput}`);
  server = undefined;
  log('serve stopped cleanly on SIGTERM');
} catch (err) {
  failed = true;
  console.error(`[smoke] FAILED: ${err.message}`);
} finally {
  server?.kill('SIGKILL');
  await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
  await admin.end();
}
process.exit(failed ? 1 : 0);
