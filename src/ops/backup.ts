import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { FORMAT, VERSION, type BackupSummary, type Header, type Trailer } from './backupFormat.js';
import { ident, migrationCount, tablesInOrder } from './tables.js';

export { BackupFormatError } from './backupFormat.js';
export { restoreFromFile } from './restore.js';
export { contentDigest } from './tables.js';

/** Rows read per query: memory stays flat whatever the size of a table. */
export const BACKUP_PAGE_ROWS = 2000;

/**
 * Writes a logical backup that works the same on PGlite and PostgreSQL, read in one
 * repeatable-read transaction so the snapshot is consistent while serving. Rows are read a page
 * at a time in physical order (a `ctid` range, stable inside the snapshot) and streamed through
 * gzip to the file, so memory does not grow with the database.
 */
export async function backupToFile(
  db: Db,
  file: string,
  pageRows = BACKUP_PAGE_ROWS,
): Promise<BackupSummary> {
  return db.transaction(
    async (tx) => {
      const t = tx as unknown as Db;
      const header: Header = {
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        migrations: await migrationCount(t),
      };
      const trailer: Trailer = { end: true, tables: [] };
      async function* lines(): AsyncGenerator<string> {
        yield JSON.stringify(header) + '\n';
        for (const name of await tablesInOrder(t)) {
          yield JSON.stringify({ table: name }) + '\n';
          let rows = 0;
          let after = '(0,0)';
          for (;;) {
            const page = await queryRows<{ t: string; j: string }>(
              t,
              sql`select x.ctid::text as t, row_to_json(x)::text as j from ${ident(name)} x
                where x.ctid > ${after}::tid order by x.ctid limit ${pageRows}`,
            );
            if (page.length === 0) break;
            rows += page.length;
            after = page[page.length - 1]!.t;
            yield page.map((r) => r.j + '\n').join('');
            if (page.length < pageRows) break;
          }
          trailer.tables.push({ name, rows });
        }
        yield JSON.stringify(trailer) + '\n';
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
      return { createdAt: header.createdAt, migrations: header.migrations, tables: trailer.tables };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
