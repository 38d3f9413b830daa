import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv.js';

describe('toCsv', () => {
  it('starts with a BOM, writes comments, header and rows with CRLF', () => {
    const csv = toCsv({
      delimiter: 'comma',
      comments: ['Källa: Riktning, Kalmar'],
      header: ['id', 'title'],
      rows: [[1, 'Å, "citat"']],
    });
    expect(csv.startsWith('\uFEFF# Källa: Riktning, Kalmar\r\n')).toBe(true);
    expect(csv).toContain('id,title\r\n1,"Å, ""citat"""\r\n');
  });

  it('uses semicolons and decimal commas for Swedish Excel', () => {
    const csv = toCsv({
      delimiter: 'semicolon',
      comments: [],
      header: ['a', 'b'],
      rows: [[1.5, 'x;y']],
    });
    expect(csv).toContain('1,5;"x;y"');
  });

  it('neutralises text that a spreadsheet would run as a formula, not negative numbers', () => {
    for (const s of ['=1+1', '+46', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    }
    expect(neutraliseFormula('Kalmar')).toBe('Kalmar');
    const csv = toCsv({
      delimiter: 'comma',
      comments: [],
      header: ['v', 't'],
      rows: [[-2, '=HYPERLINK("x")']],
    });
    expect(csv).toContain(`-2,"'=HYPERLINK(""x"")"`);
  });

  it('writes nulls as empty cells and booleans as words', () => {
    const csv = toCsv({
      delimiter: 'comma',
      comments: [],
      header: ['a', 'b'],
      rows: [[null, true]],
    });
    expect(csv).toContain('\r\n,true\r\n');
  });
});
