import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { recordAuditEvent } from '../domain/audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import {
  BackupFormatError,
  FORMAT,
  type BackupSummary,
  type Header,
  type TableCount,
  type Trailer,
} from './backupFormat.js';
import { ident, migrationCount, tablesInOrder } from './tables.js';

/** Rows, or bytes of row text, inserted per statement. */
const CHUNK_ROWS = 2000;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** The lines of a gzip'd backup, one at a time; a damaged file is a BackupFormatError. */
async function* backupLines(file: string): AsyncGenerator<string> {
  await stat(file).catch(() => {
    throw new BackupFormatError(`Filen ${file} finns inte eller går inte att läsa.`);
  });
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  try {
    for await (const line of createInterface({ input: gunzip, crlfDelay: Infinity })) {
      if (line) yield line;
    }
  } catch (err) {
    throw new BackupFormatError(`Säkerhetskopian kunde inte läsas: ${(err as Error).message}`);
  } finally {
    source.destroy();
  }
}

function parse<T>(line: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new BackupFormatError('Säkerhetskopian kunde inte läsas: en rad är inte JSON.');
  }
}

/** Inserts the rows of one table as they are read, a chunk per statement. */
class TableWriter {
  private chunk: string[] = [];
  private bytes = 0;
  rows = 0;
  private constructor(
    private readonly db: Db,
    readonly name: string,
    private readonly columns: ReturnType<typeof sql.raw>,
  ) {}

  static async open(db: Db, name: string): Promise<TableWriter> {
    const columns = await queryRows<{ c: string }>(
      db,
      sql`select column_name as c from information_schema.columns where table_schema = 'public'
        and table_name = ${name} and is_generated = 'NEVER' order by ordinal_position`,
    );
    if (columns.length === 0) {
      throw new BackupFormatError(`Säkerhetskopian har en okänd tabell: ${name}.`);
    }
    return new TableWriter(db, name, sql.raw(columns.map((c) => `"${c.c}"`).join(', ')));
  }

  async add(row: string): Promise<void> {
    this.chunk.push(row);
    this.bytes += row.length;
    this.rows++;
    if (this.chunk.length >= CHUNK_ROWS || this.bytes >= CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const json = `[${this.chunk.join(',')}]`;
    this.chunk = [];
    this.bytes = 0;
    const list = this.columns;
    await this.db.execute(
      sql`insert into ${ident(this.name)} (${list}) overriding system value
        select ${list} from json_populate_recordset(null::${ident(this.name)}, ${json}::json)`,
    );
  }

  /** Moves an identity sequence past the restored ids. */
  async finish(): Promise<TableCount> {
    await this.flush();
    const [identity] = await queryRows<{ c: string }>(
      this.db,
      sql`select column_name as c from information_schema.columns where table_schema = 'public'
        and table_name = ${this.name} and column_name = 'id' and is_identity = 'YES'`,
    );
    if (identity) {
      await this.db.execute(
        sql`select setval(pg_get_serial_sequence(${`"${this.name}"`}, 'id'), greatest(1, (select coalesce(max(id), 0) from ${ident(this.name)})))`,
      );
    }
    return { name: this.name, rows: this.rows };
  }
}

function sameCounts(expected: TableCount[], seen: TableCount[]): boolean {
  const got = new Map(seen.map((t) => [t.name, t.rows]));
  return expected.every((t) => (got.get(t.name) ?? 0) === t.rows);
}

/**
 * Replaces all data with the backup's, in one transaction, reading the file as it inserts (memory
 * stays flat whatever its size). A broken, partial or foreign file changes nothing. The database
 * must be migrated to the same schema version as the backup.
 */
export async function restoreFromFile(ctx: Ctx, file: string): Promise<BackupSummary> {
  const lines = backupLines(file);
  const first = await lines.next();
  if (first.done) throw new BackupFormatError('Säkerhetskopian är tom.');
  const header = parse<Header>(first.value);
  if (header.format !== FORMAT || (header.version !== 1 && header.version !== 2)) {
    throw new BackupFormatError('Filen är inte en säkerhetskopia från Riktning (okänt format).');
  }
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
    const seen: TableCount[] = [];
    let writer: TableWriter | undefined;
    let trailer: Trailer | undefined;
    for await (const line of lines) {
      if (trailer) throw new BackupFormatError('Säkerhetskopian har rader efter sitt slut.');
      if (line.startsWith('{"table":')) {
        if (writer) seen.push(await writer.finish());
        writer = await TableWriter.open(tx.db, parse<{ table: string }>(line).table);
      } else if (line.startsWith('{"end":')) {
        if (writer) seen.push(await writer.finish());
        writer = undefined;
        trailer = parse<Trailer>(line);
      } else if (writer) {
        await writer.add(line);
      }
    }
    if (writer) seen.push(await writer.finish());
    const expected = header.version === 1 ? header.tables : trailer?.tables;
    if (!expected || !sameCounts(expected, seen)) {
      throw new BackupFormatError(
        'Säkerhetskopian är ofullständig: rader saknas. Ingenting har ändrats.',
      );
    }
    const summary = { createdAt: header.createdAt, migrations, tables: expected };
    await recordAuditEvent(tx, {
      action: 'database.restored',
      entityType: 'database',
      entityId: 'all',
      after: { createdAt: header.createdAt, tables: expected },
    });
    return summary;
  });
}
