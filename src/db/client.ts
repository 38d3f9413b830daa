import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Config } from '../config.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database or an open transaction: commands accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations in one transaction; a failure leaves the schema as it was. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

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
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

export function wrapPool(pool: pg.Pool): Database {
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // Several processes may start at once: one migrates, the others wait and find nothing to do.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(7262901)');
        await migratePg(db as never, { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(7262901)').catch(() => undefined);
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

export async function openDatabase(config: Config['database']): Promise<Database> {
  if (config.kind === 'pglite') {
    try {
      await mkdir(config.dataDir, { recursive: true });
      return wrapPglite(await pglite(config.dataDir));
    } catch (cause) {
      throw new DatabaseOpenError(
        `Kunde inte öppna den inbäddade databasen i ${config.dataDir}. ` +
          'Kontrollera att katalogen är skrivbar och inte används av en annan process, ' +
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
  pool.on('error', (err) => console.error('PostgreSQL pool error:', err.message));
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
  return wrapPool(pool);
}

export async function migrateDatabase(database: Database): Promise<void> {
  try {
    await database.migrate();
  } catch (cause) {
    throw new DatabaseOpenError(
      `Databasen kunde inte migreras och lämnades oförändrad: ${(cause as Error).message}`,
      { cause },
    );
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
