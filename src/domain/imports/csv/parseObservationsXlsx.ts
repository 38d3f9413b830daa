import { readXlsxSparse, XlsxError } from '../../../lib/xlsxRead.js';
import type { ImportIssue } from '../importObservations.js';
import { parseObservationRecords, type CsvRow } from './parseObservationsCsv.js';

/** Bounds of an observations workbook: the same rows as a CSV file, six columns. */
const OBSERVATIONS_XLSX_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxCells: 2_000_000,
  maxRows: 300_000,
  maxColumns: 20,
};

/**
 * Parses the first sheet of a workbook in the observations format (the same header and columns
 * as the CSV file, docs/import-format.md); a row number is the spreadsheet's own.
 */
export function parseObservationsXlsx(data: Uint8Array): { rows: CsvRow[]; issues: ImportIssue[] } {
  try {
    const [sheet] = readXlsxSparse(data, OBSERVATIONS_XLSX_LIMITS);
    const records = (sheet?.rows ?? [])
      .filter((r) => r.cells.some((c) => c.trim() !== ''))
      .map((r) => ({ fields: sixColumns(r.cells), line: r.row }));
    return parseObservationRecords(records);
  } catch (err) {
    if (!(err instanceof XlsxError)) throw err;
    return { rows: [], issues: [{ row: 0, field: '_', message: err.message, code: err.code }] };
  }
}

/** A sheet row as six cells: an empty cell at the end is not written in the file, but is there. */
function sixColumns(cells: string[]): string[] {
  let end = cells.length;
  while (end > 6 && (cells[end - 1] ?? '').trim() === '') end -= 1;
  return Array.from({ length: Math.max(end, 6) }, (_, i) => cells[i] ?? '');
}
