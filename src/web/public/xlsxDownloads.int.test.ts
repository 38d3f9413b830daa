import { strFromU8, unzipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { readXlsx, XLSX_CONTENT_TYPE } from '../../lib/xlsx.js';
import { demoIndicators } from '../../seed/demo/indicators.js';
import { createTestDatabase } from '../../test/database.js';
import { hostileTitle, seedOpenDataFixtures } from '../api/testFixtures.js';
import { buildApp } from '../app.js';

let database: Database;
let app: FastifyInstance;
let hostileId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  hostileId = (await seedOpenDataFixtures(database.db)).hostileId;
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A CSV download split into its comment rows, header and data lines (first cells only). */
function csvParts(body: string) {
  const lines = body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  const comments = lines.filter((l) => l.startsWith('# ')).map((l) => l.slice(2));
  const [header, ...data] = lines.filter((l) => !l.startsWith('# '));
  return { comments, header: header!.split(','), data };
}

/** A workbook download: its one sheet split the same way, and the sheet's XML. */
function xlsxParts(payload: Buffer, commentRows: number) {
  const [sheet, ...others] = readXlsx(payload);
  expect(others).toEqual([]);
  const xml = strFromU8(unzipSync(payload)['xl/worksheets/sheet1.xml']!);
  return {
    name: sheet!.name,
    comments: sheet!.rows.slice(0, commentRows).map((r) => r[0]),
    header: sheet!.rows[commentRows]!,
    data: sheet!.rows.slice(commentRows + 1),
    xml,
  };
}

const indicator = demoIndicators.find((i) => i.genderSplit)!.key;

describe('XLSX beside every CSV download of the portal', () => {
  it('links the search result as XLSX with the same query as the CSV, in Swedish and English', async () => {
    const sv = await app.inject('/insatser?q=bredband&plats=0880');
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain(
      'href="/insatser.xlsx?q=bredband&amp;plats=0880" download>Ladda ner resultatet som Excel (XLSX)</a>',
    );
    expect(sv.body).toContain('href="/insatser.csv?q=bredband&amp;plats=0880" download>');
    const en = await app.inject('/en/insatser?q=bredband');
    expect(en.body).toContain(
      'href="/en/insatser.xlsx?q=bredband" download>Download the result as Excel (XLSX)</a>',
    );
  });

  it('downloads the search result as a workbook with the CSV columns, comment rows and rows', async () => {
    const csv = await app.inject('/insatser.csv');
    const xlsx = await app.inject('/insatser.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="insatser.xlsx"');
    const c = csvParts(csv.body);
    const x = xlsxParts(xlsx.rawPayload, c.comments.length);
    expect(x.name).toBe('Insatser');
    expect(x.comments.slice(0, 2)).toEqual(c.comments.slice(0, 2));
    expect(x.comments[2]).toBe('Sökning: /insatser.xlsx');
    expect(x.header).toEqual(c.header);
    expect(x.data.length).toBeGreaterThan(1);
    expect(x.data.map((r) => r[0])).toEqual(c.data.map((l) => l.split(',')[0]));
    // A formula-looking title is neutralised: quoted in the CSV, plain text (never a formula) in
    // the workbook.
    expect(c.data.find((l) => l.startsWith(`${hostileId},`))).toContain(`"'=HYPERLINK(`);
    const hostile = x.data.find((r) => r[0] === String(hostileId))!;
    expect(hostile[1]).toBe(hostileTitle);
    expect(x.xml).not.toContain('<f>');
    expect(x.xml).toContain('t="inlineStr"><is><t>=HYPERLINK(');

    const filtered = await app.inject('/en/insatser.xlsx?plats=0880&sort=titel');
    expect(filtered.statusCode).toBe(200);
    const csvFiltered = csvParts((await app.inject('/en/insatser.csv?plats=0880&sort=titel')).body);
    const xlsxFiltered = xlsxParts(filtered.rawPayload, csvFiltered.comments.length);
    expect(xlsxFiltered.data.map((r) => r[0])).toEqual(
      csvFiltered.data.map((l) => l.split(',')[0]),
    );
  });

  it('links every chart of an indicator to its data as XLSX too', async () => {
    for (const [prefix, label] of [
      ['', 'Ladda ner data (Excel)'],
      ['/en', 'Download the data (Excel)'],
    ] as const) {
      const page = await app.inject(`${prefix}/indikatorer/${indicator}`);
      expect(page.statusCode).toBe(200);
      const link = `href="${prefix}/indikatorer/${indicator}.xlsx" download>${label}</a>`;
      expect(page.body.split(link)).toHaveLength(4);
    }
  });

  it('downloads an indicator as a workbook with the unit and source rows of its CSV', async () => {
    const csv = await app.inject(`/indikatorer/${indicator}.csv`);
    const xlsx = await app.inject(`/indikatorer/${indicator}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="${indicator}.xlsx"`);
    const c = csvParts(csv.body);
    const x = xlsxParts(xlsx.rawPayload, c.comments.length);
    expect(x.name).toBe('Utfall');
    expect(x.comments).toEqual(c.comments);
    expect(x.comments.some((l) => l?.startsWith('Enhet: '))).toBe(true);
    expect(x.comments.some((l) => l?.startsWith('Källa: '))).toBe(true);
    expect(x.header).toEqual([
      'indikator',
      'omrade',
      'ar',
      'kon',
      'varde',
      'enhet',
      'status',
      'kalla',
      'demodata',
    ]);
    expect(x.header).toEqual(c.header);
    expect(x.data).toHaveLength(c.data.length);
    expect(x.data.map((r) => r.slice(0, 4).join(','))).toEqual(
      c.data.map((l) => l.split(',').slice(0, 4).join(',')),
    );
    expect((await app.inject(`/en/indikatorer/${indicator}.xlsx`)).statusCode).toBe(200);
    for (const path of [
      '/indikatorer/finns-inte.xlsx',
      '/en/indikatorer/finns-inte.xlsx',
      `/indikatorer/${indicator}.xls`,
      `/indikatorer/${indicator}.csv.xlsx`,
    ]) {
      expect((await app.inject(path)).statusCode, path).toBe(404);
    }
  });
});
