import type { AddressInfo } from 'node:net';
import { strToU8, zipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { auditEvents, initiatives, organisations } from '../../src/db/schema/index.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { as, makeUser, signIn, CSRF } from '../../src/web/auth/testSupport.js';

/**
 * Uploads shaped to exhaust memory, sent to the bulk import over a real socket: each is refused
 * with a 4xx that says why, nothing is written, the process stays small and keeps serving.
 */
let database: Database;
let app: FastifyInstance;
let origin: string;
let session: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const [org] = await database.db.select({ id: organisations.id }).from(organisations).limit(1);
  await makeUser(database.db, 'gransprov@example.se', 'aktor', org ? [org.id] : []);
  session = (await signIn(app, 'gransprov@example.se')).session!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A minimal workbook as a spreadsheet program writes it, its one sheet holding `sheetData`. */
function workbook(sheetData: string): Buffer {
  const xml = (s: string) =>
    strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  return Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': xml(
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        ),
        'xl/workbook.xml': xml(
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        'xl/_rels/workbook.xml.rels': xml(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        'xl/worksheets/sheet1.xml': xml(
          `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`,
        ),
      },
      { level: 9 },
    ),
  );
}

const HEADER =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>title</t></is></c></row>';

const BOUNDARY = '----riktning-gransprov';
function multipart(file: { name: string; type: string; content: Buffer }): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${CSRF}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

async function upload(
  file: { name: string; type: string; content: Buffer },
  lang: 'sv' | 'en' = 'sv',
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${origin}/admin/insatser/fil`, {
    method: 'POST',
    headers: {
      cookie: `${as(session).cookie}${lang === 'en' ? '; riktning_sprak=en' : ''}`,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    },
    body: multipart(file),
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
}

const xlsx = (content: Buffer) => ({
  name: 'insatser.xlsx',
  type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  content,
});

const csv = (text: string) => ({
  name: 'insatser.csv',
  type: 'text/csv',
  content: Buffer.from(text),
});

async function written() {
  const [i, a] = await Promise.all([
    database.db.select({ id: initiatives.id }).from(initiatives),
    database.db.select({ id: auditEvents.id }).from(auditEvents),
  ]);
  return { initiatives: i.length, audit: a.length };
}

const MB = 1024 * 1024;

describe('bulk import of hostile spreadsheets (issue 15, row 1)', () => {
  it('refuses a workbook with a cell at column ZZZZZZ, with a clear message and nothing written', async () => {
    const file = workbook(
      `${HEADER}<row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>`,
    );
    expect(file.length).toBeLessThan(2000);
    const before = await written();
    const rss = process.memoryUsage().rss;
    const res = await upload(xlsx(file));
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * MB);
    expect(res.status).toBe(400);
    expect(res.body).toContain('ZZZZZZ2');
    expect(res.body).toContain('utanför Excels rutnät');
    expect(await written()).toEqual(before);
    const en = await upload(xlsx(file), 'en');
    expect(en.status).toBe(400);
    expect(en.body).toContain('outside Excel&#39;s grid');
  });

  it('refuses a workbook with row 1 000 000 000, and keeps serving others', async () => {
    const file = workbook(`${HEADER}<row r="1000000000"><c r="B1000000000"><v>1</v></c></row>`);
    const before = await written();
    const rss = process.memoryUsage().rss;
    const res = await upload(xlsx(file));
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * MB);
    expect(res.status).toBe(400);
    expect(res.body).toContain('1000000000');
    expect(await written()).toEqual(before);
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });

  it('refuses a workbook whose cells, though each in the grid, pass the cell budget', async () => {
    const rows = Array.from(
      { length: 1100 },
      (_, i) => `<row r="${i + 2}"><c r="GR${i + 2}"><v>1</v></c></row>`,
    ).join('');
    const res = await upload(xlsx(workbook(`${HEADER}${rows}`)));
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/fler än \d+ (kolumner|celler)/);
  });

  it('refuses a ZIP whose directory promises more than can be read', async () => {
    const sheet = `${HEADER}<row r="2"><c r="B2" t="inlineStr"><is><t>${'a'.repeat(40 * MB)}</t></is></c></row>`;
    const file = workbook(sheet);
    expect(file.length).toBeLessThan(5 * MB);
    const rss = process.memoryUsage().rss;
    const res = await upload(xlsx(file));
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * MB);
    expect(res.status).toBe(400);
    expect(res.body).toContain('packas upp till mer');
  });
});

describe('bulk import of hostile CSV (issue 15, row 1)', () => {
  it('reports an unclosed quote with the line it starts on, nothing written', async () => {
    const before = await written();
    const res = await upload(csv('id,title\n,Första\n,"Andra utan slut\n,Tredje\n'));
    expect(res.status).toBe(400);
    expect(res.body).toContain('börjar på rad 3');
    expect(res.body).toContain('citattecken stängs aldrig');
    expect(await written()).toEqual(before);
    const en = await upload(csv('id,title\n,"never closed\n'), 'en');
    expect(en.body).toContain('line 2');
  });

  it('refuses a field or a row beyond the bounds, with the line', async () => {
    const long = await upload(csv(`id,title\n,${'x'.repeat(200_000)}\n`));
    expect(long.status).toBe(400);
    expect(long.body).toMatch(/rad 2/);
    const wide = await upload(csv(`id,title\n${',x'.repeat(1000)}\n`));
    expect(wide.status).toBe(400);
    expect(wide.body).toMatch(/fler än \d+ kolumner/);
  });
});
