import { CsvError as ParseError, parse } from 'csv-parse/sync';

/**
 * The one CSV reader (RFC 4180 through `csv-parse`), with explicit bounds: the file's bytes are
 * checked before parsing, a record's size while it is read, and the count of rows, columns and
 * each field's length as each record is completed, so nothing beyond the bounds is kept. Every
 * refusal is a `CsvReadError` with a stable code, the line it concerns and a Swedish message.
 */

export interface CsvLimits {
  /** Bytes of the file, in UTF-8. */
  maxBytes: number;
  /** Records, the header included. */
  maxRows: number;
  /** Fields of one record. */
  maxColumns: number;
  /** Characters of one field. */
  maxFieldLength: number;
}

export const CSV_LIMITS: CsvLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 1_000_000,
  maxColumns: 100,
  maxFieldLength: 100_000,
};

export type CsvErrorCode =
  | 'too_large'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'field_too_long'
  | 'row_too_long'
  | 'unclosed_quote'
  | 'malformed';

export class CsvReadError extends Error {
  constructor(
    message: string,
    readonly code: CsvErrorCode,
    readonly details: { line?: number; max?: number } = {},
  ) {
    super(message);
    this.name = 'CsvReadError';
  }
}

export interface CsvRecord {
  fields: string[];
  /** The line the record starts on, the first line being 1. */
  line: number;
}

export interface CsvOptions {
  /** The field separator; `auto` takes `;` when the first line that is not a comment has more of them than of `,`. */
  delimiter?: ',' | ';' | 'auto';
  /** Lines starting with `#` before the first record are skipped. */
  leadingComments?: boolean;
  limits?: Partial<CsvLimits>;
}

/** Counts the lines before byte offsets of a buffer, moving forward only. */
function lineCounter(buf: Buffer) {
  let pos = 0;
  let line = 1;
  return {
    /** The line of the first byte at or after `from` that does not end a line. */
    startAt(from: number): number {
      let at = from;
      while (at < buf.length && (buf[at] === 0x0a || buf[at] === 0x0d)) at++;
      for (; pos < at; pos++) {
        const b = buf[pos];
        if (b === 0x0a || (b === 0x0d && buf[pos + 1] !== 0x0a)) line++;
      }
      return line;
    },
  };
}

function pickDelimiter(text: string, leadingComments: boolean): ',' | ';' {
  const first =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1000)
      .find((l) => l.trim() !== '' && !(leadingComments && l.startsWith('#'))) ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** The records of CSV text, blank lines skipped, within `limits` (defaults: `CSV_LIMITS`). */
export function readCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const limits: CsvLimits = { ...CSV_LIMITS, ...options.limits };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new CsvReadError(`Filen är större än ${limits.maxBytes} byte.`, 'too_large', {
      max: limits.maxBytes,
    });
  }
  const leadingComments = options.leadingComments ?? false;
  const delimiter =
    options.delimiter === undefined || options.delimiter === 'auto'
      ? pickDelimiter(text, leadingComments)
      : options.delimiter;
  const buf = Buffer.from(text, 'utf8');
  const lines = lineCounter(buf);
  const records: CsvRecord[] = [];
  let consumed = 0;
  let rows = 0;
  try {
    parse(buf, {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      // A record's buffer is bounded (in bytes) while it is read; each field's length below.
      max_record_size: limits.maxFieldLength * 4,
      on_record: (fields: string[], info) => {
        const line = lines.startAt(consumed);
        consumed = info.bytes;
        if (leadingComments && records.length === 0 && fields[0]?.startsWith('#')) return null;
        rows += 1;
        if (rows > limits.maxRows) {
          throw new CsvReadError(`Filen har fler än ${limits.maxRows} rader.`, 'too_many_rows', {
            line,
            max: limits.maxRows,
          });
        }
        if (fields.length > limits.maxColumns) {
          throw new CsvReadError(
            `Rad ${line} har fler än ${limits.maxColumns} kolumner.`,
            'too_many_columns',
            { line, max: limits.maxColumns },
          );
        }
        if (fields.some((f) => f.length > limits.maxFieldLength)) {
          throw fieldTooLong(line, limits);
        }
        records.push({ fields, line });
        return null;
      },
    });
  } catch (err) {
    if (err instanceof CsvReadError) throw err;
    if (!(err instanceof ParseError)) throw err;
    const line = lines.startAt(consumed);
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new CsvReadError(
        `Ett citattecken stängs aldrig: raden som börjar på rad ${line} har ett " utan slut.`,
        'unclosed_quote',
        { line },
      );
    }
    if (err.code === 'CSV_MAX_RECORD_SIZE') {
      const max = limits.maxFieldLength * 4;
      throw new CsvReadError(
        `Raden som börjar på rad ${line} är längre än ${max} byte.`,
        'row_too_long',
        {
          line,
          max,
        },
      );
    }
    throw new CsvReadError(`Filen är inte giltig CSV (rad ${line}).`, 'malformed', { line });
  }
  return records;
}

function fieldTooLong(line: number, limits: CsvLimits): CsvReadError {
  return new CsvReadError(
    `Ett fält på rad ${line} är längre än ${limits.maxFieldLength} tecken.`,
    'field_too_long',
    { line, max: limits.maxFieldLength },
  );
}
