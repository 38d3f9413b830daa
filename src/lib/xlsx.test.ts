import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnName, readXlsx, toXlsx, XlsxError } from './xlsx.js';

describe('toXlsx and readXlsx', () => {
  it('round-trips text, numbers and empty cells by column', () => {
    const file = toXlsx([
      {
        name: 'Insatser',
        rows: [
          ['id', 'titel', 'budget (kr)'],
          [1, 'Vätgas i Kalmar & Öland <pilot>', 1_250_000],
          [2, null, 0.5],
          ['', 'bara titel', undefined],
        ],
      },
    ]);
    const [sheet] = readXlsx(file);
    expect(sheet!.name).toBe('Insatser');
    expect(sheet!.rows).toEqual([
      ['id', 'titel', 'budget (kr)'],
      ['1', 'Vätgas i Kalmar & Öland <pilot>', '1250000'],
      ['2', '', '0.5'],
      ['', 'bara titel'],
    ]);
  });

  it('writes formula-looking text as text, never as a formula', () => {
    const file = toXlsx([{ name: 'x', rows: [['=HYPERLINK("http://evil")', '+1', '@SUM(A1)']] }]);
    const xml = strFromU8(unzipSync(file)['xl/worksheets/sheet1.xml']!);
    expect(xml).not.toContain('<f>');
    expect(xml).toContain('t="inlineStr"');
    expect(readXlsx(file)[0]!.rows[0]).toEqual(['=HYPERLINK("http://evil")', '+1', '@SUM(A1)']);
  });

  it('makes sheet names valid and unique', () => {
    const file = toXlsx([
      { name: 'Mål/delmål: [2024]', rows: [] },
      { name: 'Mål/delmål: [2024]', rows: [] },
      { name: 'x'.repeat(40), rows: [] },
    ]);
    const names = readXlsx(file).map((s) => s.name);
    expect(names[0]).toBe('Mål delmål 2024');
    expect(names[1]).toBe('Mål delmål 2024 (2)');
    expect(names[2]).toHaveLength(31);
  });

  it('gives the same bytes for the same input', () => {
    const rows = [['a', 1]];
    expect(toXlsx([{ name: 'a', rows }]).equals(toXlsx([{ name: 'a', rows }]))).toBe(true);
  });

  it('reads shared strings, rich text and sparse cells as spreadsheet programs write them', () => {
    const workbook =
      '<workbook xmlns:r="r"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>';
    const sharedStrings =
      '<sst><si><t>Titel</t></si><si><r><t>Rik </t></r><r><rPr><b/></rPr><t xml:space="preserve">text</t></r></si></sst>';
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="b"><v>1</v></c></row>' +
      '<row r="3"><c r="B3" t="s"><v>1</v></c><c r="D3"><v>42</v></c></row></sheetData></worksheet>';
    const file = zipSync({
      'xl/workbook.xml': strToU8(workbook),
      'xl/_rels/workbook.xml.rels': strToU8(rels),
      'xl/sharedStrings.xml': strToU8(sharedStrings),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    });
    expect(readXlsx(file)[0]!.rows).toEqual([
      ['Titel', '', 'TRUE'],
      [],
      ['', 'Rik text', '', '42'],
    ]);
  });

  it('refuses files that are not workbooks, with a Swedish message', () => {
    expect(() => readXlsx(Buffer.from('id;titel\n1;x'))).toThrow(XlsxError);
    expect(() => readXlsx(zipSync({ 'a.txt': strToU8('hej') }))).toThrow(/Excel-arbetsbok/);
  });

  it('refuses a workbook that unpacks to more than the limit', () => {
    const big = toXlsx([{ name: 'a', rows: [['x'.repeat(200_000)]] }]);
    expect(() => readXlsx(big, { maxBytes: 100_000 })).toThrow(/för stor/);
  });

  it('names columns like spreadsheets do', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });

  it('round-trips any text that XML can hold', () => {
    const xmlText = fc
      .string({ unit: 'grapheme', maxLength: 40 })
      // eslint-disable-next-line no-control-regex
      .map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
    fc.assert(
      fc.property(
        fc.array(fc.array(xmlText, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        (rows) => {
          const back = readXlsx(toXlsx([{ name: 's', rows }]))[0]!.rows;
          rows.forEach((row, r) => {
            row.forEach((cell, c) => expect(back[r]?.[c] ?? '').toBe(cell));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
