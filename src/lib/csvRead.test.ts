import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../domain/opendata/csv.js';
import { CsvReadError, readCsv } from './csvRead.js';

function errorOf(f: () => unknown): CsvReadError {
  try {
    f();
  } catch (err) {
    if (err instanceof CsvReadError) return err;
    throw err;
  }
  throw new Error('expected a CsvReadError');
}

describe('readCsv', () => {
  it('reads RFC 4180 quoting, a byte-order mark and mixed line ends, with the line each record starts on', () => {
    expect(readCsv('\uFEFFa,"b,c"\r\n\n"d ""e""","f\ng"\rh,i\n')).toEqual([
      { fields: ['a', 'b,c'], line: 1 },
      { fields: ['d "e"', 'f\ng'], line: 3 },
      { fields: ['h', 'i'], line: 5 },
    ]);
  });

  it('takes the delimiter the first line uses and skips leading comments when asked', () => {
    const text = '# Riktning, export\n# rad två\nid;titel\n1;"a;b"\n# inte en kommentar\n';
    expect(readCsv(text, { delimiter: 'auto', leadingComments: true })).toEqual([
      { fields: ['id', 'titel'], line: 3 },
      { fields: ['1', 'a;b'], line: 4 },
      { fields: ['# inte en kommentar'], line: 5 },
    ]);
  });

  it('reports an unclosed quote with the line its record starts on', () => {
    const err = errorOf(() => readCsv('id,titel\n1,"ok"\n\n2,"aldrig stängd\nmer\ntext\n'));
    expect(err.code).toBe('unclosed_quote');
    expect(err.details.line).toBe(4);
    expect(err.message).toContain('rad 4');
  });

  it('holds bytes, rows, columns and field length to the limits, naming the line', () => {
    expect(errorOf(() => readCsv('a,b\n', { limits: { maxBytes: 3 } })).code).toBe('too_large');
    const rows = errorOf(() => readCsv('a\nb\nc\nd\n', { limits: { maxRows: 3 } }));
    expect([rows.code, rows.details.line]).toEqual(['too_many_rows', 4]);
    const cols = errorOf(() => readCsv('a,b\n1,2,3\n', { limits: { maxColumns: 2 } }));
    expect([cols.code, cols.details.line]).toEqual(['too_many_columns', 2]);
    const field = errorOf(() => readCsv('a\n"12345"\n', { limits: { maxFieldLength: 4 } }));
    expect([field.code, field.details.line]).toEqual(['field_too_long', 2]);
    const row = errorOf(() =>
      readCsv(`a\n${'x,'.repeat(50)}\n`, { limits: { maxFieldLength: 10 } }),
    );
    expect([row.code, row.details.line]).toEqual(['row_too_long', 2]);
  });

  it('refuses a stray quote as malformed, with the line, instead of guessing', () => {
    for (const text of ['a,b\n1,2\nsa "hej",2\n', 'a,b\n1,2\n"x"y,2\n']) {
      const err = errorOf(() => readCsv(text));
      expect([err.code, err.details.line]).toEqual(['malformed', 3]);
    }
  });

  it('reads back what the CSV writer writes, and never throws anything but CsvReadError', () => {
    const cell = fc
      .string({ unit: 'grapheme', maxLength: 12 })
      .filter((s) => !/^[=+\-@\t\r']/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const header = rows[0]!.map((_, i) => `k${i}`);
          const text = toCsv({ delimiter: 'comma', comments: ['källa, licens'], header, rows });
          const back = readCsv(text, { leadingComments: true });
          const data = back.slice(1).map((r) => r.fields.map((c) => c));
          expect(data.filter((r) => r.some((c) => c !== ''))).toEqual(
            rows.filter((r) => r.some((c) => c !== '')),
          );
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          readCsv(text, { limits: { maxColumns: 5, maxFieldLength: 10, maxRows: 5 } });
        } catch (err) {
          expect(err).toBeInstanceOf(CsvReadError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
