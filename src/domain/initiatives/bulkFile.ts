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

/**
 * Reads delimited text (RFC 4180 quoting; comma or semicolon, whichever the header uses; an
 * optional byte-order mark; `#` comment lines before the header). A leading apostrophe that
 * the export put before = + - @ to keep a spreadsheet from reading a formula is taken away
 * again, so an exported file reads back to the same values.
 */
export function readBulkCsv(text: string): BulkTable {
  const body = text.replace(/^\uFEFF/, '');
  const firstData = body.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const delimiter = count(firstData, ';') > count(firstData, ',') ? ';' : ',';
  const rows: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endField = () => {
    record.push(unneutralise(field));
    field = '';
  };
  const endRecord = () => {
    endField();
    const headerSeen = rows.length > 0;
    const comment = !headerSeen && record.length >= 1 && record[0]!.startsWith('#');
    if (!comment && record.some((c) => c.trim() !== '')) {
      rows.push(record);
      lines.push(start);
    }
    record = [];
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || record.length > 0) endRecord();
  return { rows, lines };
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
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
