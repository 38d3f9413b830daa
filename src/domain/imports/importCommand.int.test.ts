import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT, main } from '../../cli/main.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { goals } from '../../db/schema/index.js';
import { emptyDatabaseEnv } from '../../test/database.js';
import { context, systemActor } from '../context.js';
import { defineIndicator } from '../followup/defineIndicator.js';
import { readFixture, startFixtureServer, type FixtureServer } from './fixtureServer.js';

/** The `riktning import …` commands end to end: CLI → database, sources on loopback. */
let env: Awaited<ReturnType<typeof emptyDatabaseEnv>>;
let server: FixtureServer;
const saved = { ...process.env };
let out: string[] = [];
let err: string[] = [];

beforeAll(async () => {
  env = await emptyDatabaseEnv();
  server = await startFixtureServer((req) => {
    if (req.path === '/kpi/N01951') return { fixture: 'kolada/kpi-N01951.json' };
    if (req.path.startsWith('/kpi/')) return { fixture: 'kolada/kpi-unknown.json' };
    if (req.path.startsWith('/data/')) {
      return { fixture: `kolada/data-N01951-page${req.query.get('page') ?? '1'}.json` };
    }
    if (req.path === '/tables/TAB638/data') return { fixture: 'scb/TAB638-v2-json-stat2.json' };
    if (req.path === '/tables/TRASIG/data') return { body: '<html>underhåll</html>' };
    return { status: 404, body: {} };
  });
  Object.assign(process.env, env.env, { LOG_LEVEL: 'silent' });
  expect(await main(['seed'])).toBe(EXIT.ok);
  const database = await openDatabase(loadConfig(process.env).database);
  try {
    const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
    const r = await defineIndicator(context(database.db, systemActor('test')), {
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
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  process.env = { ...saved };
  await server?.close();
  await env?.drop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function run(...argv: string[]) {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  Object.assign(process.env, env.env, {
    LOG_LEVEL: 'silent',
    KOLADA_BASE_URL: server.baseUrl,
    SCB_PXWEB_V1_BASE_URL: server.baseUrl,
    SCB_PXWEB_V2_BASE_URL: server.baseUrl,
  });
  const code = await main(argv);
  vi.restoreAllMocks();
  return code;
}

const kolada = ['import', 'kolada', '--kpi', 'N01951', '--indicator', 'test-invanare'];

describe('riktning import', () => {
  it('lists the import commands and explains each in Swedish', async () => {
    expect(await run('--help')).toBe(EXIT.ok);
    for (const c of ['import kolada', 'import scb', 'import csv'])
      expect(out.join('\n')).toContain(c);
    expect(await run('import', 'kolada', '--help')).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('--kpi');
    expect(await run('import', 'scb', '--help')).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('JSON-stat 2.0');
  });

  it('imports from Kolada with a line per batch and a summary, then finds nothing new', async () => {
    const args = [...kolada, '--places', '0008,0880', '--years', '2022-2024'];
    expect(await run(...args)).toBe(EXIT.ok);
    expect(out[0]).toBe('Omgång 1/1 (0008,0880): 8 värden på 3 sidor.');
    expect(out.at(-1)).toMatch(
      /^Klart: 8 nya, 0 ändrade, 0 oförändrade, 1 saknade värden av 8 lästa/,
    );
    expect(await run(...args)).toBe(EXIT.ok);
    expect(out.at(-1)).toMatch(/^Klart: 0 nya, 0 ändrade, 8 oförändrade/);
  });

  it('exits 2 on bad arguments and an unknown KPI', async () => {
    expect(await run(...kolada, '--places', '8', '--years', '2022')).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('--places');
    expect(await run(...kolada, '--places', '0880', '--years', 'förra året')).toBe(EXIT.usage);
    expect(
      await run(
        'import',
        'kolada',
        '--kpi',
        'N99999',
        '--indicator',
        'test-invanare',
        '--places',
        '0880',
        '--years',
        '2023',
      ),
    ).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Nyckeltalet N99999 finns inte i Kolada.');
  });

  it('exits 1 when the source fails, and 2 for an unknown table', async () => {
    const scb = (table: string) =>
      run(
        'import',
        'scb',
        '--table',
        table,
        '--indicator',
        'test-invanare',
        '--places',
        '0880',
        '--years',
        '2023',
      );
    expect(await scb('TRASIG')).toBe(EXIT.failure);
    expect(err.join('\n')).toContain('ogiltig JSON');
    expect(await scb('TAB0')).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Tabellen TAB0 finns inte hos SCB.');
  });

  it('imports an SCB table', async () => {
    expect(
      await run(
        'import',
        'scb',
        '--table',
        'TAB638',
        '--indicator',
        'test-invanare',
        '--places',
        '0000,0008,0880',
        '--years',
        '2023,2024',
      ),
    ).toBe(EXIT.ok);
    expect(out.at(-1)).toMatch(/^Klart: \d+ nya, \d+ ändrade/);
  });

  it('imports a CSV file, and reports bad rows with exit 2', async () => {
    const dir = tmpdir();
    const good = path.join(dir, `riktning-ok-${process.pid}.csv`);
    const bad = path.join(dir, `riktning-bad-${process.pid}.csv`);
    await writeFile(good, await readFixture('csv/observations-ok.csv'));
    await writeFile(bad, await readFixture('csv/observations-bad.csv'));
    expect(await run('import', 'csv', '--file', good)).toBe(EXIT.ok);
    expect(await run('import', 'csv', '--file', bad)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('rad 3, place: Områdeskoden ska ha fyra siffror');
    expect(await run('import', 'csv', '--file', path.join(dir, 'finns-inte.csv'))).toBe(EXIT.usage);
  });
});
