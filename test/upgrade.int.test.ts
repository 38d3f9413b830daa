import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import {
  migrateDatabase,
  migrationsFolder,
  openDatabase,
  type Database,
} from '../src/db/client.js';
import { queryRows } from '../src/db/rows.js';
import { getPublishedInitiative } from '../src/domain/initiatives/queries.js';
import { searchInitiatives } from '../src/domain/initiatives/searchInitiatives.js';
import { parseSearchQuery } from '../src/domain/initiatives/searchQuery.js';
import { emptyDatabaseEnv } from '../src/test/database.js';

/**
 * An upgrade from the oldest released schema: a database migrated to 0000_init only and holding
 * that schema's data (test/fixtures/upgrade/schema-0000.sql) is migrated to the newest schema.
 * Every row survives, and what the later migrations add is filled in.
 */
const fixture = new URL('./fixtures/upgrade/schema-0000.sql', import.meta.url);

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A migrations folder that holds only the first migration, as the first release shipped it. */
async function firstReleaseFolder(dir: string): Promise<string> {
  const folder = path.join(dir, 'migrations');
  await cp(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as Journal;
  journal.entries = journal.entries.filter((e) => e.idx === 0);
  await writeFile(journalFile, JSON.stringify(journal));
  return folder;
}

/** The fixture's statements, one at a time (each is one INSERT or SELECT ending a line with `;`). */
async function fixtureStatements(): Promise<string[]> {
  const text = (await readFile(fixture, 'utf8'))
    .split('\n')
    .filter((l) => !l.startsWith('--'))
    .join('\n');
  return text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

let database: Database;
let drop: () => Promise<void>;
let dir: string;
let before: Map<string, { columns: string[]; digest: string }>;
const oldTables = [
  'strategies',
  'goal_areas',
  'goals',
  'places',
  'organisations',
  'users',
  'memberships',
  'initiative_goals',
  'initiative_places',
  'initiative_partners',
  'initiative_sdg_targets',
  'funding_lines',
  'initiative_versions',
  'indicators',
  'observations',
];

/** A digest of the given columns of a table: what was stored before the upgrade, compared after. */
async function digestOf(db: Database['db'], table: string, columns: string[]): Promise<string> {
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  const [row] = await queryRows<{ d: string }>(
    db,
    sql`select md5(coalesce(string_agg(j, E'\\n' order by j), '')) as d
      from (select row_to_json(x)::text as j from (select ${list} from ${sql.raw(`"${table}"`)}) x) s`,
  );
  return row!.d;
}

async function columnsOf(db: Database['db'], table: string): Promise<string[]> {
  const rows = await queryRows<{ c: string }>(
    db,
    sql`select column_name as c from information_schema.columns
      where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
  );
  return rows.map((r) => r.c);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'riktning-upgrade-'));
  const empty = await emptyDatabaseEnv();
  drop = empty.drop;
  database = await openDatabase(loadConfig({ ...empty.env, RIKTNING_DATA_DIR: dir }).database);
  await database.migrate(await firstReleaseFolder(dir));
  for (const statement of await fixtureStatements()) await database.db.execute(sql.raw(statement));
  before = new Map();
  for (const table of oldTables) {
    const columns = await columnsOf(database.db, table);
    before.set(table, { columns, digest: await digestOf(database.db, table, columns) });
  }
  await migrateDatabase(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
  await drop?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('upgrading from the first released schema', () => {
  it('applies every later migration', async () => {
    const journal = JSON.parse(
      await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
    ) as Journal;
    const [{ n }] = (await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as [{ n: number }];
    expect(n).toBe(journal.entries.length);
  });

  it('keeps every row and every value the first schema held', async () => {
    for (const table of oldTables) {
      const { columns, digest } = before.get(table)!;
      const [{ n }] = (await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from ${sql.raw(`"${table}"`)}`,
      )) as [{ n: number }];
      expect(n, table).toBeGreaterThan(0);
      expect(await digestOf(database.db, table, columns), table).toBe(digest);
    }
  });

  it('fills what later migrations add: facet keys, funding totals, the search vocabulary', async () => {
    const [row] = await queryRows<{ facets: string[]; funding: string; title: string }>(
      database.db,
      sql`select facet_keys as facets, funding_sek::text as funding, title from initiatives where id = 1`,
    );
    expect(row!.title).toBe('Solceller på regionens tak');
    expect(row!.facets).toEqual(
      expect.arrayContaining(['goal:1', 'goal:2', 'area:1', 'place:K1', 'sdg:7', 'src:eruf']),
    );
    expect(row!.funding).toBe('4000000');
    const words = await queryRows<{ word: string }>(
      database.db,
      sql`select word from search_words where word like 'solcell%'`,
    );
    expect(words.length).toBeGreaterThan(0);
  });

  it('reads the upgraded records through the product: the published initiative and its search', async () => {
    const detail = await getPublishedInitiative(database.db, 1);
    expect(detail.initiative.title).toBe('Solceller på regionens tak');
    const found = await searchInitiatives(database.db, parseSearchQuery({ q: 'solceller' }));
    expect(found.total).toBe(1);
    const draft = await searchInitiatives(database.db, parseSearchQuery({ q: 'vätgas' }));
    expect(draft.total).toBe(0);
  });
});
