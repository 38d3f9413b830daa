import { CsvReadError, readCsv, type CsvLimits, type CsvRecord } from '../../../lib/csvRead.js';
import type { ImportIssue } from '../importObservations.js';
import type { ParsedRow } from '../parsedRow.js';

/** The documented header, in this order (docs/import-format.md). */
export const CSV_COLUMNS = ['indicator', 'place', 'period', 'gender', 'value', 'status'] as const;

export interface CsvRow extends ParsedRow {
  indicator: string;
  /** The line in the file, the header being line 1. */
  line: number;
}

/** Bounds of an observations file: a few hundred thousand rows of six short fields. */
export const OBSERVATIONS_CSV_LIMITS: Partial<CsvLimits> = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 1_000_000,
  maxColumns: 20,
  maxFieldLength: 1000,
};

/**
 * Splits CSV text (RFC 4180: commas, double quotes, "" inside quotes) into records with lines,
 * within `OBSERVATIONS_CSV_LIMITS`; throws `CsvReadError` beyond them.
 */
export function splitCsv(text: string): CsvRecord[] {
  return readCsv(text, { delimiter: ',', limits: OBSERVATIONS_CSV_LIMITS }).filter(
    (r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''),
  );
}

/**
 * Parses the observations CSV format. Every row is checked; the issues name the line, the
 * column and what is wrong, in Swedish. Places and indicators are checked later against the
 * database by the writer.
 */
export function parseObservationsCsv(text: string): { rows: CsvRow[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  let records: CsvRecord[];
  try {
    records = splitCsv(text);
  } catch (err) {
    if (!(err instanceof CsvReadError)) throw err;
    issues.push({ row: err.details.line ?? 0, field: '_', message: err.message, code: err.code });
    return { rows: [], issues };
  }
  return parseObservationRecords(records);
}

/**
 * Checks records of the observations format, from a CSV file or a spreadsheet's first sheet:
 * the header, then every row, each issue naming the line, the column and what is wrong.
 */
export function parseObservationRecords(records: CsvRecord[]): {
  rows: CsvRow[];
  issues: ImportIssue[];
} {
  const issues: ImportIssue[] = [];
  const header = records[0]?.fields.map((h) => h.trim().toLowerCase());
  if (!header || header.join(',') !== CSV_COLUMNS.join(',')) {
    issues.push({
      row: 1,
      field: '_',
      message: `Första raden ska vara ${CSV_COLUMNS.join(',')}.`,
      code: 'header',
    });
    return { rows: [], issues };
  }
  const rows: CsvRow[] = [];
  for (const { fields, line } of records.slice(1)) {
    const add = (field: string, message: string, code = 'invalid') =>
      issues.push({ row: line, field, message, code });
    if (fields.length !== CSV_COLUMNS.length) {
      add('_', `Raden har ${fields.length} kolumner men ska ha ${CSV_COLUMNS.length}.`, 'columns');
      continue;
    }
    const [indicator, place, periodText, genderText, valueText, statusText] = fields.map((f) =>
      f.trim(),
    ) as [string, string, string, string, string, string];
    const before = issues.length;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(indicator)) add('indicator', 'Ange indikatorns kortnamn.');
    if (!/^\d{4}$/.test(place))
      add('place', 'Områdeskoden ska ha fyra siffror, till exempel 0880.');
    if (!/^\d{4}$/.test(periodText)) add('period', 'Perioden ska vara ett år med fyra siffror.');
    const gender = genderText === '' ? 'T' : genderText.toUpperCase();
    if (gender !== 'T' && gender !== 'K' && gender !== 'M')
      add('gender', 'Kön ska vara T, K eller M.');
    let value: number | null = null;
    if (valueText !== '') {
      const normalised = /^-?\d+,\d+$/.test(valueText) ? valueText.replace(',', '.') : valueText;
      value = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(normalised) ? Number(normalised) : NaN;
      if (!Number.isFinite(value)) add('value', `Värdet "${valueText}" är inte ett tal.`);
    } else if (statusText === '') {
      add('status', 'Ett saknat värde behöver en status, till exempel "Missing".');
    }
    if (statusText.length > 50) add('status', 'Statusen får vara högst 50 tecken.');
    if (issues.length > before) continue;
    rows.push({
      indicator,
      placeCode: place,
      period: Number(periodText),
      gender: gender as CsvRow['gender'],
      value,
      status: statusText,
      line,
    });
  }
  if (records.length <= 1) {
    issues.push({ row: 0, field: '_', message: 'Filen innehåller inga rader.', code: 'empty' });
  }
  return { rows, issues };
}
