import type { ImportIssue } from '../importObservations.js';
import type { ParsedRow } from '../parsedRow.js';

/** The documented header, in this order (docs/import-format.md). */
export const CSV_COLUMNS = ['indicator', 'place', 'period', 'gender', 'value', 'status'] as const;

export interface CsvRow extends ParsedRow {
  indicator: string;
  /** The line in the file, the header being line 1. */
  line: number;
}

/** Splits CSV text (RFC 4180: commas, double quotes, "" inside quotes) into records with lines. */
export function splitCsv(text: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line += 1;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i += 1;
      fields.push(field);
      records.push({ fields, line: start });
      fields = [];
      field = '';
      line += 1;
      start = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ fields, line: start });
  }
  return records.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
}

/**
 * Parses the observations CSV format. Every row is checked; the issues name the line, the
 * column and what is wrong, in Swedish. Places and indicators are checked later against the
 * database by the writer.
 */
export function parseObservationsCsv(text: string): { rows: CsvRow[]; issues: ImportIssue[] } {
  const records = splitCsv(text);
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
