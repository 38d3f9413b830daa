import { CsvReadError, readCsv, type CsvLimits } from '../../lib/csvRead.js';
import { readXlsxSparse, XlsxError, type XlsxLimits } from '../../lib/xlsxRead.js';

/** A file's rows of text, each with the line (CSV) or row (XLSX) it started on, header first. */
export interface BulkTable {
  rows: string[][];
  lines: number[];
}

/** What is wrong with a file as a whole, with a stable code the page words in its language. */
export interface BulkFileProblem {
  code: string;
  /** The line (CSV) a problem is on. */
  line?: number;
  /** The bound that was passed. */
  max?: number;
  /** The cell or row reference (XLSX) a problem is about. */
  ref?: string;
}

/** A file that cannot be read; the message is Swedish, `problem` is for the page. */
export class BulkFileError extends Error {
  constructor(
    message: string,
    readonly problem: BulkFileProblem = { code: 'unreadable' },
  ) {
    super(message);
    this.name = 'BulkFileError';
  }
}

/**
 * Bounds of a bulk file, well above the rows an import accepts (MAX_BULK_ROWS) so that the
 * import's own message is shown for a file slightly too long, and far below what would strain
 * the server.
 */
export const BULK_XLSX_LIMITS: Partial<XlsxLimits> = {
  maxBytes: 32 * 1024 * 1024,
  maxCells: 200_000,
  maxColumns: 200,
  maxRows: 100_000,
};

/** Bounds of a bulk CSV file: the upload limit, and rows and columns as for workbooks. */
export const BULK_CSV_LIMITS: Partial<CsvLimits> = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 200,
  maxFieldLength: 100_000,
};

/**
 * Reads delimited text (RFC 4180 quoting; comma or semicolon, whichever the header uses; an
 * optional byte-order mark; `#` comment lines before the header) within `BULK_CSV_LIMITS`. A
 * leading apostrophe that the export put before = + - @ to keep a spreadsheet from reading a
 * formula is taken away again, so an exported file reads back to the same values.
 */
export function readBulkCsv(text: string): BulkTable {
  let records;
  try {
    records = readCsv(text, { delimiter: 'auto', leadingComments: true, limits: BULK_CSV_LIMITS });
  } catch (err) {
    if (err instanceof CsvReadError) {
      throw new BulkFileError(err.message, { code: `csv_${err.code}`, ...err.details });
    }
    throw err;
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const r of records) {
    if (!r.fields.some((c) => c.trim() !== '')) continue;
    rows.push(r.fields.map(unneutralise));
    lines.push(r.line);
  }
  return { rows, lines };
}

function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The first sheet of a workbook, as rows of text. */
export function readBulkXlsx(data: Uint8Array): BulkTable {
  let sheets;
  try {
    sheets = readXlsxSparse(data, BULK_XLSX_LIMITS);
  } catch (err) {
    if (err instanceof XlsxError) {
      throw new BulkFileError(err.message, { code: `xlsx_${err.code}`, ...err.details });
    }
    throw new BulkFileError('Filen kunde inte läsas som kalkylblad.');
  }
  const sheet = sheets[0];
  if (!sheet) throw new BulkFileError('Arbetsboken har inget blad.', { code: 'xlsx_no_sheet' });
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const r of sheet.rows) {
    if (r.cells.some((c) => c.trim() !== '')) {
      rows.push(r.cells);
      lines.push(r.row);
    }
  }
  return { rows, lines };
}
