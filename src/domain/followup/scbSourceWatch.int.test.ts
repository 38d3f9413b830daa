import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, indicators } from '../../db/schema/index.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../../web/app.js';
import { as, signedInAs } from '../../web/auth/testSupport.js';
import { context, systemActor } from '../context.js';
import {
  fakeTiming,
  readFixture,
  startFixtureServer,
  type FixtureServer,
} from '../imports/fixtureServer.js';
import { importScbTable } from '../imports/importScbTable.js';
import { scbClient } from '../imports/scb/scbClient.js';
import { defineIndicator } from './defineIndicator.js';
import { sourceNotices } from './sourceWatch.js';

/**
 * The source watch over SCB: at each import of an indicator's own PxWebApi 2.0 table the catalogue
 * is asked for the table (`/tables/{id}`); a table SCB marks as discontinued, or no longer knows,
 * shows for the analysts until one marks it as seen, and a table current again clears it. SCB's
 * answers are recorded responses of the real shapes on loopback.
 */
let database: Database;
let server: FixtureServer;
let app: FastifyInstance;
let analyst: string | null;
let indicatorId: number;
let tableReply: () => Promise<{ status?: number; body: unknown }>;

const at = (iso: string) => context(database.db, systemActor('test'), () => new Date(iso));
const recordedTable = async (discontinued: boolean) => {
  const page = JSON.parse(await readFixture('scb/tables-search-folkmangd.json')) as {
    tables: { id: string; discontinued: boolean }[];
  };
  return { body: { ...page.tables.find((t) => t.id === 'TAB638')!, discontinued } };
};
const importAt = (iso: string) =>
  importScbTable(
    at(iso),
    {
      api: 'v2',
      table: 'TAB638',
      indicator: 'folkmangd-scb',
      places: ['0000', '0008', '0880'],
      years: [2023, 2024],
    },
    { client: scbClient({ v1: server.baseUrl, v2: server.baseUrl }, fakeTiming()) },
  );
const notice = async () =>
  (
    await database.db
      .select({ notice: indicators.sourceNotice, title: indicators.sourceTitle })
      .from(indicators)
      .where(eq(indicators.id, indicatorId))
  )[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  tableReply = () => recordedTable(false);
  server = await startFixtureServer(async (req) => {
    if (req.path === '/tables/TAB638') return await tableReply();
    if (req.path === '/tables/TAB638/data') return { fixture: 'scb/TAB638-v2-json-stat2.json' };
    return { status: 404, body: {} };
  });
  const [goal] = await database.db
    .select({ id: goals.id })
    .from(goals)
    .where(eq(goals.code, '4.2'));
  const defined = await defineIndicator(at('2026-06-01T08:00:00Z'), {
    goalId: goal!.id,
    slug: 'folkmangd-scb',
    nameSv: 'Folkmängd',
    nameEn: 'Population',
    unit: 'antal',
    source: 'scb',
    sourceRef: 'TAB638',
    direction: 'higher',
    genderSplit: true,
  });
  if (!defined.ok) throw new Error(JSON.stringify(defined.issues));
  indicatorId = defined.value.id;
  app = await buildApp({ database });
  analyst = await signedInAs(app, database.db, 'analytiker');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
  await database?.close();
});

const watchList = async (locale: 'sv' | 'en' = 'sv') => {
  const cookie = `${as(analyst).cookie}; riktning_sprak=${locale}`;
  const body = (await app.inject({ url: '/admin/indikatorer', headers: { cookie } })).body;
  const from = body.indexOf('<ul class="source-notices">');
  return from < 0 ? '' : body.slice(from, body.indexOf('</ul>', from));
};

describe('the source watch over SCB', () => {
  it('asks the catalogue for the table, keeps its title and says nothing of a current table', async () => {
    const first = await importAt('2026-06-01T09:00:00Z');
    expect(first.ok).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(['/tables/TAB638', '/tables/TAB638/data']);
    expect(await notice()).toEqual({
      notice: null,
      title: 'Folkmängden efter region, civilstånd, ålder och kön. År 1968 - 2024',
    });
    expect(await watchList()).toBe('');
  });

  it('shows a table SCB has discontinued to the analysts, in both languages, and still imports', async () => {
    tableReply = () => recordedTable(true);
    const second = await importAt('2026-09-01T02:00:00Z');
    expect(second.ok).toBe(true);
    expect((await notice()).notice).toEqual({
      kind: 'discontinued',
      at: '2026-09-01T02:00:00.000Z',
    });
    const [row] = await sourceNotices(database.db);
    expect(row).toMatchObject({ slug: 'folkmangd-scb', source: 'scb', sourceRef: 'TAB638' });
    expect(await watchList()).toContain(
      'SCB uppdaterar inte längre tabellen TAB638 (sedan 1 september 2026); välj en ny tabell för indikatorn.',
    );
    expect(await watchList('en')).toContain(
      'SCB no longer updates table TAB638 (since 1 September 2026); choose a new table for the indicator.',
    );
    // A second night with the same answer keeps the first date.
    await importAt('2026-09-02T02:00:00Z');
    expect((await notice()).notice?.at).toBe('2026-09-01T02:00:00.000Z');
  });

  it('says a table SCB no longer knows is gone, naming SCB, not Kolada', async () => {
    tableReply = async () => ({ status: 404, body: { error: 'not found' } });
    await importAt('2026-10-01T02:00:00Z');
    expect((await notice()).notice).toEqual({ kind: 'removed', at: '2026-10-01T02:00:00.000Z' });
    const list = await watchList();
    expect(list).toContain('SCB känner inte längre till TAB638 (sedan 1 oktober 2026)');
    expect(list).not.toContain('Kolada');
    expect(await watchList('en')).toContain('SCB no longer knows TAB638 (since 1 October 2026)');
  });

  it('clears the notice when the table is current again, and says nothing when the catalogue fails', async () => {
    tableReply = () => recordedTable(false);
    await importAt('2026-11-01T02:00:00Z');
    expect((await notice()).notice).toBeNull();
    tableReply = async () => ({ status: 503, body: {} });
    const outcome = await importAt('2026-11-02T02:00:00Z');
    expect(outcome.ok).toBe(true);
    expect((await notice()).notice).toBeNull();
  });
});
