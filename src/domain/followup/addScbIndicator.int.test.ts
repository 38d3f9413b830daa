import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { refreshIndicator } from '../../jobs/refreshIndicators.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { fakeTiming, startFixtureServer, type FixtureServer } from '../imports/fixtureServer.js';
import { scbClient } from '../imports/scb/scbClient.js';
import { SourceError } from '../imports/sourceHttp.js';
import { addScbIndicator, choosableVariables } from './addScbIndicator.js';
import { indicatorBySlug } from './indicatorQueries.js';
import { queryRows } from '../../db/rows.js';
import { sql } from 'drizzle-orm';

/**
 * SCB's table catalogue (PxWebApi 2.0) from recorded responses of the real shapes on loopback:
 * tables found by words, a table's variables read from its metadata, one added on a goal with a
 * chosen value per variable, and the nightly import asking the table with that selection.
 */
let database: Database;
let server: FixtureServer;
let failSearch = false;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFixtureServer((req) => {
    if (req.path === '/tables' && failSearch) return { status: 400, body: { title: 'Bad' } };
    if (req.path === '/tables') return { fixture: 'scb/tables-search-folkmangd.json' };
    if (req.path === '/tables/TAB638/metadata') return { fixture: 'scb/TAB638-metadata.json' };
    if (req.path === '/tables/TAB638/data') return { fixture: 'scb/TAB638-v2-json-stat2.json' };
    return { status: 404, body: { title: 'Not found' } };
  });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

const client = () =>
  scbClient({ v1: server.baseUrl, v2: server.baseUrl }, { ...fakeTiming(), retries: 0 });

describe("SCB's table catalogue", () => {
  it('finds tables by words with their periods and variables', async () => {
    const found = await client().searchTables('folkmängd');
    expect(server.requests.at(-1)?.query.get('query')).toBe('folkmängd');
    expect(found.total).toBe(2);
    expect(found.tables[0]).toMatchObject({
      id: 'TAB638',
      firstPeriod: '1968',
      lastPeriod: '2024',
      variableNames: ['region', 'civilstånd', 'ålder', 'kön', 'tabellinnehåll', 'år'],
    });
  });

  it('reads a table’s variables and values; region, time and gender are the import’s own', async () => {
    const meta = await client().metadata('TAB638');
    expect(meta.variables.map((v) => [v.code, v.role, v.eliminable])).toEqual([
      ['Region', 'geo', true],
      ['Civilstand', null, true],
      ['Alder', null, true],
      ['Kon', null, true],
      ['ContentsCode', 'metric', false],
      ['Tid', 'time', false],
    ]);
    expect(choosableVariables(meta).map((v) => v.code)).toEqual([
      'Civilstand',
      'Alder',
      'ContentsCode',
    ]);
    expect(meta.variables[4]!.units.BE0101N1).toEqual({ base: 'antal', decimals: 0 });
  });

  it('says why a search failed', async () => {
    failSearch = true;
    try {
      await expect(client().searchTables('x')).rejects.toBeInstanceOf(SourceError);
    } finally {
      failSearch = false;
    }
    await expect(client().metadata('TAB999')).rejects.toMatchObject({ code: 'unknown_table' });
  });

  it('adds a table on a goal with the chosen content, and the import asks for that selection', async () => {
    await withRollback(database.db, async (db) => {
      const ctx = testCtx(db);
      const added = await addScbIndicator(
        ctx,
        { table: 'TAB638', goalCode: '4.2', values: { ContentsCode: 'BE0101N1' } },
        client(),
      );
      if (!added.ok) throw new Error(JSON.stringify(added.issues));
      const i = await indicatorBySlug(db, added.value.slug);
      expect(i).toMatchObject({
        source: 'scb',
        sourceRef: 'TAB638',
        unit: 'antal',
        decimals: 0,
        genderSplit: false,
      });
      expect(i.nameSv).toBe(
        'Folkmängden efter region, civilstånd, ålder, kön, tabellinnehåll och år, Folkmängd',
      );
      const [stored] = await queryRows<{ selection: unknown }>(
        db,
        sql`select source_selection as selection from indicators where id = ${added.value.id}`,
      );
      expect(stored!.selection).toEqual({ ContentsCode: ['BE0101N1'] });
      const sources = {
        koladaBaseUrl: '',
        scbV1BaseUrl: server.baseUrl,
        scbV2BaseUrl: server.baseUrl,
      };
      const outcome = await refreshIndicator(ctx, { slug: added.value.slug }, sources);
      expect(outcome?.ok).toBe(true);
      const asked = server.requests.filter((r) => r.path === '/tables/TAB638/data').at(-1)!;
      expect(asked.query.get('valueCodes[ContentsCode]')).toBe('BE0101N1');
      expect(asked.query.get('valueCodes[Region]')).toContain('08');
    });
  });

  it('refuses a missing or unknown value, a variable the table lacks, and a bad table id', async () => {
    await withRollback(database.db, async (db) => {
      const ctx = testCtx(db);
      const missing = await addScbIndicator(
        ctx,
        { table: 'TAB638', goalCode: '4.2', values: { Alder: '200', Farg: 'röd' } },
        client(),
      );
      expect(missing.ok || missing.issues.map((i) => [i.field, i.message])).toEqual([
        ['values.Alder', 'ålder har inget värde 200.'],
        ['values.ContentsCode', 'Välj ett värde för tabellinnehåll.'],
        ['values.Farg', 'Tabellen har ingen variabel Farg att välja.'],
      ]);
      const bad = await addScbIndicator(
        ctx,
        { table: '../x', goalCode: '4.2', values: {} },
        client(),
      );
      expect(bad.ok || bad.issues[0]?.field).toBe('table');
    });
  });
});
