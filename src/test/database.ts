import { fixedNow } from './clock.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { pglite, wrapPglite, wrapPool, type Database, type Db } from '../db/client.js';
import { context, systemActor, type Actor, type Ctx } from '../domain/context.js';

export const backend = (process.env.TEST_BACKEND ?? 'pglite') as 'pglite' | 'postgres';

/** A fresh copy of the migrated template with reference data, for one test file. */
export function createTestDatabase(): Promise<Database> {
  return copyTemplate('templateDatabase', 'templatePath');
}

/**
 * A fresh copy of the template with the demo data loaded as `seedDemo(testCtx(db))` loads it
 * (globalSetup seeds it once per run instead of once per file).
 */
export function createDemoDatabase(): Promise<Database> {
  return copyTemplate('demoTemplateDatabase', 'demoTemplatePath');
}

async function copyTemplate(
  databaseKey: 'templateDatabase' | 'demoTemplateDatabase',
  pathKey: 'templatePath' | 'demoTemplatePath',
): Promise<Database> {
  if (backend === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `riktning_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${inject(databaseKey)}`);
    } finally {
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = wrapPool(new pg.Pool({ connectionString: u.toString(), max: 4 }));
    return {
      ...database,
      async close() {
        await database.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
        await c.end();
      },
    };
  }
  const dump = await readFile(inject(pathKey));
  return wrapPglite(await pglite(undefined, new Blob([dump])));
}

class Rollback extends Error {}

/** Runs fn inside a transaction that is always rolled back, so a test leaves nothing behind. */
export async function withRollback(db: Db, fn: (tx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await fn(tx as unknown as Db);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
}

export { fixedNow };

export function testCtx(db: Db, actor: Actor = systemActor('test')): Ctx {
  return context(db, actor, fixedNow);
}

/** Configuration environment pointing at a new, empty database (a data directory or a PostgreSQL database). */
export async function emptyDatabaseEnv(): Promise<{
  env: Record<string, string>;
  drop(): Promise<void>;
}> {
  if (backend === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `riktning_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: u.toString() },
      async drop() {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'riktning-data-'));
  return {
    env: { RIKTNING_DATA_DIR: dir },
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}
