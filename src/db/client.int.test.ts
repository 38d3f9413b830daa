import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../test/database.js';
import { DatabaseOpenError, migrateDatabase, openDatabase } from './client.js';

describe.runIf(backend === 'pglite')('embedded database directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'riktning-client-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is used by one process at a time and released on close', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await migrateDatabase(first);
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(
      DatabaseOpenError,
    );
    await first.close();
    expect(await readdir(dataDir)).not.toContain('riktning.lock');
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await migrateDatabase(again);
    await again.close();
  });

  it('explains a directory that cannot be created', async () => {
    const file = path.join(dir, 'a-file');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, 'x');
    await expect(
      openDatabase({ kind: 'pglite', dataDir: path.join(file, 'data') }),
    ).rejects.toThrow(/RIKTNING_DATA_DIR/);
  });
});

describe.runIf(backend === 'postgres')('PostgreSQL connection', () => {
  it('explains a server that does not answer', async () => {
    await expect(
      openDatabase({ kind: 'postgres', url: 'postgres://riktning@127.0.0.1:1/none', poolMax: 1 }),
    ).rejects.toThrow(/DATABASE_URL/);
  });
});

describe('a migration that fails', () => {
  it('stops with a clear error and leaves no partial schema', async () => {
    const { cp, readFile, writeFile } = await import('node:fs/promises');
    const { createTestDatabase } = await import('../test/database.js');
    const { migrationsFolder } = await import('./client.js');
    const { sql } = await import('drizzle-orm');
    const folder = await mkdtemp(path.join(tmpdir(), 'riktning-migrations-'));
    await cp(migrationsFolder, folder, { recursive: true });
    await writeFile(
      path.join(folder, '9999_broken.sql'),
      'CREATE TABLE half_done (id integer);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x integer;\n',
    );
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: object[] };
    journal.entries.push({
      idx: journal.entries.length,
      version: '7',
      when: Date.now(),
      tag: '9999_broken',
      breakpoints: true,
    });
    await writeFile(journalFile, JSON.stringify(journal));
    const database = await createTestDatabase();
    try {
      await expect(migrateDatabase(database, folder)).rejects.toBeInstanceOf(DatabaseOpenError);
      const rows = await database.db.execute(sql`select to_regclass('public.half_done') as t`);
      expect((rows as unknown as { rows: { t: unknown }[] }).rows[0]?.t).toBeNull();
      await migrateDatabase(database);
    } finally {
      await database.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
