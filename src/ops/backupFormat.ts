/**
 * The backup file: gzip'd JSON lines. A header, then each table (parents before children) as a
 * `{"table": name}` line followed by its rows as `row_to_json` text, then a trailer with the row
 * count of every table. Version 1 files (counts in the header, no trailer) are still restored.
 */
export const FORMAT = 'riktning-backup';
export const VERSION = 2;

export interface TableCount {
  name: string;
  rows: number;
}

export interface Header {
  format: string;
  version: number;
  createdAt: string;
  migrations: number;
  /** Version 1 only: the counts, written before the rows. */
  tables?: TableCount[];
}

export interface Trailer {
  end: true;
  tables: TableCount[];
}

export interface BackupSummary {
  createdAt: string;
  migrations: number;
  tables: TableCount[];
}

export class BackupFormatError extends Error {}
