import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXlsx, readXlsxSparse, XlsxError } from './xlsxRead.js';

const WORKBOOK =
  '<workbook xmlns:r="r"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>';

/** A workbook whose only sheet holds `sheetData` as given. */
function workbookWith(sheetData: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(RELS),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet><sheetData>${sheetData}</sheetData></worksheet>`,
    ),
  };
  for (const [k, v] of Object.entries(extra)) files[k] = strToU8(v);
  return zipSync(files, { level: 6 });
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    if (err instanceof XlsxError) return err.code;
    throw err;
  }
  return undefined;
}

describe('readXlsx bounds', () => {
  it('refuses a cell reference beyond column XFD, before allocating its row', () => {
    const file = workbookWith(
      '<row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>',
    );
    expect(file.length).toBeLessThan(1000);
    const rss = process.memoryUsage().rss;
    expect(codeOf(() => readXlsx(file))).toBe('bad_reference');
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a row number beyond 1 048 576', () => {
    const file = workbookWith('<row r="1000000000"><c r="A1000000000"><v>1</v></c></row>');
    expect(codeOf(() => readXlsx(file))).toBe('bad_reference');
    expect(codeOf(() => readXlsx(workbookWith('<row r="1048577"/>')))).toBe('bad_reference');
    expect(codeOf(() => readXlsx(workbookWith('<row r="-3"/>')))).toBe('bad_reference');
    expect(codeOf(() => readXlsx(workbookWith('<row r="1e9"/>')))).toBe('bad_reference');
  });

  it('accepts the last cell of the grid and stores it sparsely', () => {
    const file = workbookWith('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>');
    const [sheet] = readXlsxSparse(file, { maxCells: 20_000 });
    expect(sheet!.rows).toHaveLength(1);
    expect(sheet!.rows[0]!.row).toBe(1_048_576);
    expect(sheet!.rows[0]!.cells[16_383]).toBe('7');
  });

  it('counts cell positions against the budget before storing them', () => {
    const cells = Array.from(
      { length: 50 },
      (_, i) => `<row r="${i + 1}"><c r="Z${i + 1}"><v>1</v></c></row>`,
    );
    const file = workbookWith(cells.join(''));
    expect(codeOf(() => readXlsx(file, { maxCells: 26 * 50 - 1 }))).toBe('too_many_cells');
    expect(readXlsx(file, { maxCells: 26 * 50 })[0]!.rows).toHaveLength(50);
  });

  it('holds rows and columns to the caller’s limits', () => {
    expect(
      codeOf(() => readXlsx(workbookWith('<row r="11"><c><v>1</v></c></row>'), { maxRows: 10 })),
    ).toBe('too_many_rows');
    expect(
      codeOf(() => readXlsx(workbookWith('<row><c r="K1"><v>1</v></c></row>'), { maxColumns: 10 })),
    ).toBe('too_many_columns');
  });

  it('refuses too many entries and too many unpacked bytes, from the directory alone', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 20; i++) many[`xl/media/${i}.bin`] = 'x';
    expect(codeOf(() => readXlsx(workbookWith('', many), { maxEntries: 10 }))).toBe('too_large');
    const big = workbookWith(
      `<row><c t="inlineStr"><is><t>${'x'.repeat(200_000)}</t></is></c></row>`,
    );
    expect(codeOf(() => readXlsx(big, { maxBytes: 100_000 }))).toBe('too_large');
  });

  it('refuses an unclosed element as a damaged workbook instead of scanning on', () => {
    expect(codeOf(() => readXlsx(workbookWith('<row r="1"><c r="A1"><v>1</v></row>')))).toBe(
      'malformed',
    );
  });

  it('drops character references XML cannot hold and ignores impossible ones', () => {
    const file = workbookWith(
      '<row><c t="inlineStr"><is><t>a&#1;b&#x110000;c&#xD800;d&#99999999999;</t></is></c></row>',
    );
    expect(readXlsx(file)[0]!.rows[0]).toEqual(['abcd&#99999999999;']);
  });

  it('never throws anything but XlsxError and never stores more than the budget', () => {
    const ref = fc.oneof(
      fc.constantFrom('A1', 'XFD1', 'XFE1', 'ZZZZZZ2', 'A0', 'a1', '', 'A1048577'),
      fc.string({ maxLength: 8 }),
    );
    const row = fc.oneof(
      fc.constantFrom('1', '1048576', '1048577', '1000000000', '0', 'x'),
      fc.nat().map(String),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, fc.array(ref, { maxLength: 4 })), { maxLength: 6 }),
        (rows) => {
          const xml = rows
            .map(
              ([r, refs]) =>
                `<row r="${r}">${refs.map((c) => `<c r="${c}"><v>1</v></c>`).join('')}</row>`,
            )
            .join('');
          try {
            const [sheet] = readXlsxSparse(workbookWith(xml), { maxCells: 1000 });
            const stored = sheet!.rows.reduce((n, r) => n + r.cells.length, 0);
            expect(stored).toBeLessThanOrEqual(1000);
          } catch (err) {
            expect(err).toBeInstanceOf(XlsxError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
