import { strFromU8, unzipSync } from 'fflate';
import { attribute, elements, nextElement, unescapeXml, XmlScanError } from './xmlScan.js';

/**
 * Reading Office Open XML spreadsheets (.xlsx) with explicit bounds, so an upload of a few
 * hundred bytes cannot make the process commit gigabytes: the ZIP's entries and unpacked bytes
 * are capped before anything is inflated, cell references are held to Excel's own grid (column
 * XFD, row 1 048 576), and cells are stored sparsely against a budget counted before each
 * allocation. Every refusal is an `XlsxError` with a stable code and a Swedish message.
 */

export interface Sheet {
  name: string;
  rows: string[][];
}

/** A sheet as stored: only rows that hold cells, each with its 1-based row number. */
export interface SparseSheet {
  name: string;
  rows: { row: number; cells: string[] }[];
}

export type XlsxErrorCode =
  | 'not_workbook'
  | 'too_large'
  | 'too_many_cells'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'bad_reference'
  | 'malformed'
  | 'missing_sheet';

export class XlsxError extends Error {
  constructor(
    message: string,
    readonly code: XlsxErrorCode = 'not_workbook',
    /** The cell or row reference of a `bad_reference`, the bound passed of a `too_many_…`. */
    readonly details: { ref?: string; max?: number } = {},
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

/** Excel's grid: columns A…XFD, rows 1…1 048 576. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;

export interface XlsxLimits {
  /** Unpacked bytes of the parts that are read (workbook, relations, strings, sheets). */
  maxBytes: number;
  /** Entries in the ZIP directory. */
  maxEntries: number;
  /** Cell positions stored over all sheets (a row holds positions up to its last cell). */
  maxCells: number;
  /** Highest row number accepted; at most Excel's. */
  maxRows: number;
  /** Highest column count accepted; at most Excel's. */
  maxColumns: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxBytes: 32 * 1024 * 1024,
  maxEntries: 1000,
  maxCells: 1_000_000,
  maxRows: EXCEL_MAX_ROWS,
  maxColumns: EXCEL_MAX_COLUMNS,
};

const NOT_WORKBOOK = 'Filen är inte en Excel-arbetsbok (.xlsx).';
const TOO_LARGE = 'Filen är för stor för att läsas som kalkylblad.';

function isRead(name: string): boolean {
  return (
    name === 'xl/workbook.xml' ||
    name === 'xl/_rels/workbook.xml.rels' ||
    name === 'xl/sharedStrings.xml' ||
    /^xl\/worksheets\/[^/]+\.xml$/.test(name)
  );
}

function unpack(data: Uint8Array, limits: XlsxLimits): Record<string, Uint8Array> {
  let total = 0;
  let count = 0;
  try {
    // fflate inflates each entry into a buffer of its declared size, so checking the declared
    // sizes here bounds what is allocated, whatever the compressed stream claims.
    return unzipSync(data, {
      filter: (file) => {
        count++;
        if (count > limits.maxEntries) throw new XlsxError(TOO_LARGE, 'too_large');
        if (!isRead(file.name)) return false;
        total += file.originalSize;
        if (total > limits.maxBytes) throw new XlsxError(TOO_LARGE, 'too_large');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof XlsxError) throw err;
    throw new XlsxError(NOT_WORKBOOK, 'not_workbook');
  }
}

/** The text of every <t> inside a fragment (rich text runs are joined; phonetic runs skipped). */
function textOf(fragment: string): string {
  let visible = '';
  let from = 0;
  for (let ph = nextElement(fragment, 'rPh', 0); ph; ph = nextElement(fragment, 'rPh', ph.end)) {
    visible += fragment.slice(from, ph.start);
    from = ph.end;
  }
  visible += fragment.slice(from);
  let out = '';
  for (const t of elements(visible, 't')) out += unescapeXml(t.inner ?? '');
  return out;
}

/** A column's letters (A…XFD) as a 0-based index, or -1 when it is not a column. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Cells stored so far, over all sheets, against the budget. */
class Budget {
  used = 0;
  constructor(private readonly limits: XlsxLimits) {}
  take(n: number) {
    this.used += n;
    if (this.used > this.limits.maxCells) {
      throw new XlsxError(
        `Kalkylbladet har fler än ${this.limits.maxCells} celler.`,
        'too_many_cells',
        { max: this.limits.maxCells },
      );
    }
  }
}

function badReference(ref: string): XlsxError {
  return new XlsxError(
    `Cellreferensen "${ref.slice(0, 20)}" ligger utanför kalkylbladets rutnät (högst kolumn XFD, rad 1048576).`,
    'bad_reference',
    { ref: ref.slice(0, 20) },
  );
}

function rowNumberOf(raw: string | undefined, previous: number): number {
  if (raw === undefined) return previous + 1;
  if (!/^[1-9][0-9]{0,6}$/.test(raw) || Number(raw) > EXCEL_MAX_ROWS) throw badReference(raw);
  return Number(raw);
}

function checkRow(row: number, limits: XlsxLimits): void {
  if (row > EXCEL_MAX_ROWS) throw badReference(String(row));
  if (row > limits.maxRows) {
    throw new XlsxError(`Kalkylbladet har fler än ${limits.maxRows} rader.`, 'too_many_rows', {
      max: limits.maxRows,
    });
  }
}

function columnOf(ref: string | undefined, next: number, limits: XlsxLimits): number {
  let col = next;
  if (ref !== undefined) {
    const m = /^([A-Z]{1,3})([1-9][0-9]{0,6})?$/.exec(ref);
    if (!m) throw badReference(ref);
    col = columnIndex(m[1]!);
    if (m[2] !== undefined && Number(m[2]) > EXCEL_MAX_ROWS) throw badReference(ref);
  }
  if (col >= EXCEL_MAX_COLUMNS) throw badReference(ref ?? `#${col + 1}`);
  if (col >= limits.maxColumns) {
    throw new XlsxError(
      `Kalkylbladet har fler än ${limits.maxColumns} kolumner.`,
      'too_many_columns',
      { max: limits.maxColumns },
    );
  }
  return col;
}

function cellValue(attrs: string, inner: string, shared: string[]): string {
  const type = attribute(attrs, 't');
  const v = nextElement(inner, 'v', 0)?.inner;
  if (type === 's') return shared[Number(v)] ?? '';
  if (type === 'inlineStr') return textOf(inner);
  if (type === 'b') return v === '1' ? 'TRUE' : 'FALSE';
  return v === undefined ? '' : unescapeXml(v);
}

function readSheet(xml: string, shared: string[], limits: XlsxLimits, budget: Budget) {
  const byRow = new Map<number, string[]>();
  let previous = 0;
  for (const rowEl of elements(xml, 'row')) {
    const rowNumber = rowNumberOf(attribute(rowEl.attrs, 'r'), previous);
    checkRow(rowNumber, limits);
    previous = rowNumber;
    const cells = byRow.get(rowNumber) ?? [];
    let next = 0;
    for (const c of elements(rowEl.inner ?? '', 'c')) {
      const col = columnOf(attribute(c.attrs, 'r'), next, limits);
      next = col + 1;
      const value = cellValue(c.attrs, c.inner ?? '', shared);
      if (value === '') continue;
      if (col >= cells.length) {
        budget.take(col + 1 - cells.length);
        while (cells.length < col) cells.push('');
      }
      cells[col] = value;
    }
    if (cells.length > 0) byRow.set(rowNumber, cells);
  }
  return [...byRow.entries()].sort(([a], [b]) => a - b).map(([row, cells]) => ({ row, cells }));
}

/**
 * The sheets of a workbook, stored sparsely. Throws `XlsxError` when the file is not a readable
 * workbook or goes beyond `limits` (defaults: `XLSX_LIMITS`), before memory is committed.
 */
export function readXlsxSparse(data: Uint8Array, options: Partial<XlsxLimits> = {}): SparseSheet[] {
  const limits: XlsxLimits = { ...XLSX_LIMITS, ...options };
  const entries = unpack(data, limits);
  const text = (name: string) => (entries[name] ? strFromU8(entries[name]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new XlsxError(NOT_WORKBOOK, 'not_workbook');
  try {
    const targets = new Map<string, string>();
    for (const r of elements(text('xl/_rels/workbook.xml.rels') ?? '', 'Relationship')) {
      const id = attribute(r.attrs, 'Id');
      const target = attribute(r.attrs, 'Target');
      if (id && target) targets.set(id, `xl/${target.replace(/^\/?xl\//, '').replace(/^\//, '')}`);
    }
    const strings = new Budget(limits);
    const shared: string[] = [];
    for (const si of elements(text('xl/sharedStrings.xml') ?? '', 'si')) {
      strings.take(1);
      shared.push(textOf(si.inner ?? ''));
    }
    const budget = new Budget(limits);
    const sheets: SparseSheet[] = [];
    for (const s of elements(workbook, 'sheet')) {
      const name = attribute(s.attrs, 'name') ?? `Blad${sheets.length + 1}`;
      const rid = attribute(s.attrs, 'r:id');
      const xml = rid ? text(targets.get(rid) ?? '') : undefined;
      if (xml === undefined) {
        throw new XlsxError(`Bladet "${name}" saknas i arbetsboken.`, 'missing_sheet');
      }
      sheets.push({ name, rows: readSheet(xml, shared, limits, budget) });
    }
    return sheets;
  } catch (err) {
    if (err instanceof XmlScanError) {
      throw new XlsxError('Arbetsboken är skadad och kunde inte läsas.', 'malformed');
    }
    throw err;
  }
}

/** A row shared by every gap in a dense grid; never written to. */
const NO_CELLS: string[] = Object.freeze([]) as unknown as string[];

/**
 * The sheets of a workbook, each a grid of text: `rows[i]` is row i + 1, empty rows in between
 * are empty arrays. Same bounds and errors as `readXlsxSparse`.
 */
export function readXlsx(data: Uint8Array, options: Partial<XlsxLimits> = {}): Sheet[] {
  return readXlsxSparse(data, options).map((s) => {
    const last = s.rows.at(-1)?.row ?? 0;
    const rows = new Array<string[]>(last).fill(NO_CELLS);
    for (const r of s.rows) rows[r.row - 1] = r.cells;
    return { name: s.name, rows };
  });
}
