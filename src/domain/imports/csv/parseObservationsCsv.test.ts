import { describe, expect, it } from 'vitest';
import { readFixture } from '../fixtureServer.js';
import { parseObservationsCsv, splitCsv } from './parseObservationsCsv.js';

describe('parseObservationsCsv', () => {
  it('reads the documented format with quoted decimal commas and missing values', async () => {
    const { rows, issues } = parseObservationsCsv(await readFixture('csv/observations-ok.csv'));
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.line, r.placeCode, r.period, r.gender, r.value, r.status])).toEqual([
      [2, '0880', 2022, 'T', 71309, ''],
      [3, '0880', 2023, 'T', 71520, ''],
      [4, '0008', 2023, 'T', 246641, ''],
      [5, '0008', 2024, 'T', null, 'Missing'],
    ]);
  });

  it('names the line and the column of every bad row, in Swedish', async () => {
    const { issues } = parseObservationsCsv(await readFixture('csv/observations-bad.csv'));
    expect(issues.map((i) => `${i.row}:${i.field}`)).toEqual([
      '3:place',
      '4:period',
      '4:gender',
      '4:value',
      '5:status',
    ]);
    expect(issues[0]!.message).toContain('fyra siffror');
  });

  it('refuses a wrong header and an empty file', () => {
    expect(parseObservationsCsv('a,b\n1,2').issues[0]).toMatchObject({ row: 1, code: 'header' });
    expect(
      parseObservationsCsv(`indicator,place,period,gender,value,status\n`).issues[0],
    ).toMatchObject({
      code: 'empty',
    });
  });

  it('reports an unclosed quote or an overlong field as an issue on its line', () => {
    const header = 'indicator,place,period,gender,value,status\n';
    expect(parseObservationsCsv(`${header}a,0880,2024,T,1,\nb,"0880,2024,T,1,\n`).issues).toEqual([
      expect.objectContaining({ row: 3, code: 'unclosed_quote' }),
    ]);
    expect(parseObservationsCsv(`${header}a,0880,2024,T,1,${'x'.repeat(2000)}\n`).issues).toEqual([
      expect.objectContaining({ row: 2, code: 'field_too_long' }),
    ]);
  });

  it('splits quoted fields with commas, quotes and line breaks, and CRLF', () => {
    expect(splitCsv('\uFEFFa,"b,c"\r\n"d ""e""","f\ng"\n')).toEqual([
      { fields: ['a', 'b,c'], line: 1 },
      { fields: ['d "e"', 'f\ng'], line: 2 },
    ]);
  });
});
