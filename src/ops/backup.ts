import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { recordAuditEvent } from '../domain/audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../domain/context.js';

/**
 * Logical backups that work the same on PGlite and PostgreSQL: gzip'd JSON lines, one header,
 * then each table (parents before children) as `row_to_json` text straight from the database,
 * read in one repeatable-read transaction so the snapshot is consistent while serving.
 */
const FORMAT = 'riktning-backup';
const VERSION = 1;

interface Header {
  format: string;
  version: number;
  createdAt: string;
  migrations: number;
  tables: { name: string; rows: number }[];
}

/** User tables ordered so that every table comes after the tables it references. */
export async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).map((t) => t.name);
  const deps = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select distinct tc.relname as child, tp.relname as parent from pg_constraint c
      join pg_class tc on tc.oid = c.conrelid join pg_class tp on tp.oid = c.confrelid
      join pg_namespace n on n.oid = tc.relnamespace
      where c.contype = 'f' and n.nspname = 'public' and tc.relname <> tp.relname`,
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const d of deps.filter((x) => x.child === t)) visit(d.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  // Tables that triggers fill from others come first: their rows are restored before the rows
  // whose triggers would add them (the triggers skip what exists).
  return [
    ...ordered.filter((t) => filledByTriggers.includes(t)),
    ...ordered.filter((t) => !filledByTriggers.includes(t)),
  ];
}

/** search_words: the vocabulary a trigger on initiatives keeps (migration 0008). */
const filledByTriggers = ['search_words'];

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

async function migrationCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

export async function backupToFile(db: Db, file: string): Promise<Header> {
  const lines: string[] = [];
  const header = await db.transaction(
    async (tx) => {
      const t = tx as unknown as Db;
      const tables = await tablesInOrder(t);
      const h: Header = {
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        migrations: await migrationCount(t),
        tables: [],
      };
      for (const name of tables) {
        const rows = await queryRows<{ j: string }>(
          t,
          sql`select row_to_json(x)::text as j from ${ident(name)} x`,
        );
        h.tables.push({ name, rows: rows.length });
        lines.push(JSON.stringify({ table: name }));
        for (const r of rows) lines.push(r.j);
      }
      return h;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await pipeline(
    Readable.from([JSON.stringify(header) + '\n', ...lines.map((l) => l + '\n')]),
    createGzip(),
    createWriteStream(file),
  );
  return header;
}

export class BackupFormatError extends Error {}

async function readBackup(
  file: string,
): Promise<{ header: Header; tables: Map<string, string[]> }> {
  await stat(file).catch(() => {
    throw new BackupFormatError(`Filen ${file} finns inte eller går inte att läsa.`);
  });
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  const rl = createInterface({ input: gunzip, crlfDelay: Infinity });
  let header: Header | undefined;
  const tables = new Map<string, string[]>();
  let current: string[] | undefined;
  try {
    for await (const line of rl) {
      if (!header) {
        header = JSON.parse(line) as Header;
        if (header.format !== FORMAT || header.version !== VERSION) {
          throw new BackupFormatError(
            'Filen är inte en säkerhetskopia från Riktning (okänt format).',
          );
        }
        continue;
      }
      if (line.startsWith('{"table":')) {
        current = [];
        tables.set((JSON.parse(line) as { table: string }).table, current);
      } else if (line) current?.push(line);
    }
  } catch (err) {
    if (err instanceof BackupFormatError) throw err;
    throw new BackupFormatError(`Säkerhetskopian kunde inte läsas: ${(err as Error).message}`);
  }
  if (!header) throw new BackupFormatError('Säkerhetskopian är tom.');
  for (const t of header.tables) {
    if ((tables.get(t.name)?.length ?? 0) !== t.rows) {
      throw new BackupFormatError(
        `Säkerhetskopian är ofullständig: tabellen ${t.name} saknar rader.`,
      );
    }
  }
  return { header, tables };
}

/**
 * Replaces all data with the backup's, in one transaction: a broken or partial file changes
 * nothing. The database must be migrated to the same schema version as the backup.
 */
export async function restoreFromFile(ctx: Ctx, file: string): Promise<Header> {
  const { header, tables } = await readBackup(file);
  return inTransaction(ctx, async (tx) => {
    const migrations = await migrationCount(tx.db);
    if (migrations !== header.migrations) {
      throw new BackupFormatError(
        `Säkerhetskopian har ${header.migrations} migreringar men databasen ${migrations}. Återställ till samma version av Riktning.`,
      );
    }
    const order = await tablesInOrder(tx.db);
    await tx.db.execute(
      sql.raw(`truncate ${order.map((t) => `"${t}"`).join(', ')} restart identity cascade`),
    );
    for (const name of order) {
      const rows = tables.get(name) ?? [];
      if (rows.length === 0) continue;
      const columns = await queryRows<{ c: string }>(
        tx.db,
        sql`select column_name as c from information_schema.columns where table_schema = 'public'
          and table_name = ${name} and is_generated = 'NEVER' order by ordinal_position`,
      );
      const list = sql.raw(columns.map((c) => `"${c.c}"`).join(', '));
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = `[${rows.slice(i, i + 2000).join(',')}]`;
        await tx.db.execute(
          sql`insert into ${ident(name)} (${list}) overriding system value
            select ${list} from json_populate_recordset(null::${ident(name)}, ${chunk}::json)`,
        );
      }
      const [identity] = await queryRows<{ c: string }>(
        tx.db,
        sql`select column_name as c from information_schema.columns where table_schema = 'public'
          and table_name = ${name} and column_name = 'id' and is_identity = 'YES'`,
      );
      if (identity) {
        await tx.db.execute(
          sql`select setval(pg_get_serial_sequence(${`"${name}"`}, 'id'), greatest(1, (select coalesce(max(id), 0) from ${ident(name)})))`,
        );
      }
    }
    await recordAuditEvent(tx, {
      action: 'database.restored',
      entityType: 'database',
      entityId: 'all',
      after: { createdAt: header.createdAt, tables: header.tables },
    });
    return header;
  });
}

/** A digest of every table's content, to compare two databases. */
export async function contentDigest(
  db: Db,
  except: string[] = [],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await tablesInOrder(db)) {
    if (except.includes(name)) continue;
    const [row] = await queryRows<{ d: string | null }>(
      db,
      sql`select md5(coalesce(string_agg(j, E'\\n' order by j), '')) as d from (select row_to_json(x)::text as j from ${ident(name)} x) s`,
    );
    out[name] = row?.d ?? '';
  }
  return out;
}
