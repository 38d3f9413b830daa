import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Config } from '../config.js';
import { queryRows } from './rows.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database or an open transaction: commands accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations in one transaction; a failure leaves the schema as it was. */
  migrate(folder?: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The connection pool's use (PostgreSQL); absent for the embedded database's one connection. */
  poolStats?(): { total: number; idle: number; waiting: number };
}

/** Where a pool's errors are written; serve and worker point it at their structured log. */
export type PoolLog = (message: string) => void;
const defaultPoolLog: PoolLog = (m) => console.error(m);

export const migrationsFolder = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

const pgliteExtensions = { pg_trgm, unaccent };

export function pglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: pgliteExtensions,
  });
}

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: (folder = migrationsFolder) =>
      migratePglite(db as never, { migrationsFolder: folder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

export function wrapPool(pool: pg.Pool, log: PoolLog = defaultPoolLog): Database {
  // An idle connection closed by the server (restart, failover, a dropped database) is replaced
  // on the next query; without a listener the pool would crash the process.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') log(`PostgreSQL pool error: ${err.message}`);
  });
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate(folder = migrationsFolder) {
      // Several processes may start at once: one migrates, the others wait and find nothing to do.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(7262901)');
        await migratePg(db as never, { migrationsFolder: folder });
      } finally {
        await client.query('select pg_advisory_unlock(7262901)').catch(() => undefined);
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
  };
}

export async function openDatabase(
  config: Config['database'],
  log: PoolLog = defaultPoolLog,
): Promise<Database> {
  if (config.kind === 'pglite') {
    try {
      await makeDirectory(config.dataDir);
    } catch (cause) {
      throw new DatabaseOpenError(
        `Kunde inte skapa katalogen ${config.dataDir} för den inbäddade databasen ` +
          `(${(cause as Error).message}). Ange en skrivbar katalog med RIKTNING_DATA_DIR.`,
        { cause },
      );
    }
    const release = await lockDataDir(config.dataDir);
    try {
      const database = wrapPglite(await pglite(config.dataDir));
      return {
        ...database,
        async close() {
          await database.close();
          await release();
        },
      };
    } catch (cause) {
      await release();
      throw new DatabaseOpenError(
        `Kunde inte öppna den inbäddade databasen i ${config.dataDir} ` +
          `(${(cause as Error).message}). Kontrollera att katalogen innehåller en Riktning-databas ` +
          'eller ange en annan med RIKTNING_DATA_DIR.',
        { cause },
      );
    }
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    connectionTimeoutMillis: 10_000,
  });
  try {
    await pool.query('select 1');
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new DatabaseOpenError(
      `Kunde inte ansluta till PostgreSQL (${redactUrl(config.url)}): ${(cause as Error).message}. ` +
        'Kontrollera DATABASE_URL och att servern är igång.',
      { cause },
    );
  }
  return wrapPool(pool, log);
}

/**
 * Opens the pool of a read replica (DATABASE_READ_URL). It is never migrated: a streaming replica
 * follows the primary's schema by itself.
 */
export async function openReadDatabase(read: { url: string; poolMax: number }): Promise<Database> {
  try {
    return await openDatabase({ kind: 'postgres', url: read.url, poolMax: read.poolMax });
  } catch (err) {
    const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
    throw new DatabaseOpenError(
      `Kunde inte ansluta till läsrepliken (${redactUrl(read.url)}): ${reason}. ` +
        'Kontrollera DATABASE_READ_URL och att repliken är igång, eller ta bort variabeln så läser ' +
        'allt från primären.',
      { cause: err },
    );
  }
}

export async function migrateDatabase(database: Database, folder?: string): Promise<void> {
  try {
    if (await migrationsApplied(database, folder)) return;
    await database.migrate(folder);
  } catch (cause) {
    throw new DatabaseOpenError(
      `Databasen kunde inte migreras och lämnades oförändrad: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/**
 * Whether the database already has every migration in the folder, asked the way the migrator
 * decides what to run (the newest migration recorded against the newest in the journal), in one
 * query. A restart with nothing to apply so skips the migrator's schema and table statements, its
 * transaction and its read and hash of every migration file.
 */
async function migrationsApplied(database: Database, folder = migrationsFolder): Promise<boolean> {
  let newest: number;
  try {
    const journal = JSON.parse(
      readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { when: number }[] };
    newest = Math.max(...journal.entries.map((entry) => entry.when));
  } catch {
    return false; // the migrator explains a missing or unreadable journal
  }
  try {
    const [last] = await queryRows<{ createdAt: string | null }>(
      database.db,
      sql`select created_at::text as "createdAt" from drizzle.__drizzle_migrations
          order by created_at desc limit 1`,
    );
    return last?.createdAt != null && Number(last.createdAt) >= newest;
  } catch {
    return false; // no migrations table yet: a new database
  }
}

/**
 * Creates a directory and its missing parents one level at a time. (Node's recursive mkdir can
 * spin forever under pseudo file systems such as /proc; this fails with ENOENT instead.)
 */
async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing) await mkdir(d);
}

/**
 * The embedded database allows one process at a time; a second one would corrupt it. A lock file
 * holds the owner's pid; a lock left by a process that no longer runs is taken over.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'riktning.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseOpenError(
          `Kunde inte skriva i ${dir} (${(err as Error).message}). Ange en skrivbar katalog med RIKTNING_DATA_DIR.`,
        );
      }
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (pid && processRuns(pid)) {
        throw new DatabaseOpenError(
          `Den inbäddade databasen i ${dir} används redan av en annan Riktning-process (pid ${pid}). ` +
            'Stoppa den först, eller använd PostgreSQL (DATABASE_URL) för flera processer.',
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new DatabaseOpenError(`Kunde inte låsa den inbäddade databasen i ${dir}.`);
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(ogiltig URL)';
  }
}
