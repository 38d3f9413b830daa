/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads å, ä, ö), comment rows
 * with source and licence, comma or semicolon as delimiter. With semicolons (Swedish Excel)
 * decimals are written with a comma. Text cells that a spreadsheet would read as a formula
 * (= + - @, tab, carriage return) get a leading single quote; numbers are written as numbers.
 */
export type CsvDelimiter = 'comma' | 'semicolon';
export type CsvCell = string | number | boolean | null;

const BOM = '\uFEFF';

export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: CsvCell, delimiter: string): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    const s = Number.isFinite(value) ? String(value) : '';
    return delimiter === ';' ? s.replace('.', ',') : s;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(options: {
  delimiter: CsvDelimiter;
  comments: string[];
  header: string[];
  rows: CsvCell[][];
}): string {
  const d = options.delimiter === 'semicolon' ? ';' : ',';
  const line = (cells: CsvCell[]) => cells.map((c) => cell(c, d)).join(d);
  // Comment rows are our own words, written as they are (not quoted) after a '#'.
  const comments = options.comments.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`);
  return BOM + [...comments, line(options.header), ...options.rows.map(line)].join('\r\n') + '\r\n';
}
