import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { demoIndicators } from '../../seed/demo/indicators.js';
import { createDemoDatabase } from '../../test/database.js';
import { htmlValidator } from '../../test/html.js';
import { buildApp } from '../app.js';

let database: Database;
let app: FastifyInstance;
const validator = htmlValidator;

beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const split = demoIndicators.find((i) => i.genderSplit)!.key;
const total = demoIndicators.find((i) => !i.genderSplit)!.key;

async function validHtml(path: string) {
  const res = await app.inject(path);
  expect(res.statusCode, path).toBe(200);
  expect(res.headers['content-type']).toContain('text/html');
  const report = await validator.validateString(res.body);
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`),
  );
  expect(problems, path).toEqual([]);
  expect(res.body).not.toMatch(/NaN|undefined|\bstyle=/);
  return res.body;
}

describe('follow-up pages', () => {
  it('renders "Så går det för Kalmar län" in Swedish and English with valid HTML', async () => {
    const sv = await validHtml('/uppfoljning');
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toContain('Så går det för Kalmar län');
    expect(sv).toContain(`href="/indikatorer/${split}"`);
    const en = await validHtml('/en/uppfoljning');
    expect(en).toContain('<html lang="en">');
    // Units read in English on the English site.
    expect(en).toContain('per inhabitant');
    expect(en).not.toContain('per invånare');
    expect(sv).toContain('per invånare');
    expect(en).toContain(`href="/en/indikatorer/${split}"`);
  });

  it('renders an indicator page with three charts, their tables, the demo notice and example marks', async () => {
    for (const slug of [split, total]) {
      for (const prefix of ['', '/en']) {
        const body = await validHtml(`${prefix}/indikatorer/${slug}`);
        expect(body.match(/role="img"/g)?.length, slug).toBe(3);
        // The map's figures are the bar chart's: one table, linked from the map.
        expect(body.match(/<caption>/g)?.length, slug).toBe(2);
        expect(body).toContain(`<div class="chart-table" id="kommuner-${slug}-table">`);
        expect(body).toContain(`<p class="chart-table-link"><a href="#kommuner-${slug}-table">`);
        expect(body).toContain(`href="${prefix}/indikatorer/${slug}.csv"`);
        expect(body).toContain('class="demo-notice"');
        expect(body).not.toContain('tag-demo');
        expect(body).toContain(prefix ? 'example target value' : 'exempel på målvärde');
      }
    }
    const sv = await validHtml(`/indikatorer/${split}`);
    expect(sv).toContain('Kvinnor');
    expect(sv).toContain('Män');
  });

  it('names a unit once in every chart title and caption, also where the name ends with it', async () => {
    const list = await app.inject('/uppfoljning');
    const slugs = [
      ...new Set([...list.body.matchAll(/href="\/indikatorer\/([a-z0-9-]+)"/g)].map((m) => m[1]!)),
    ];
    expect(slugs.length).toBeGreaterThan(10);
    const repeated: string[] = [];
    for (const path of slugs.flatMap((s) => [`/indikatorer/${s}`, `/en/indikatorer/${s}`])) {
      const body = (await app.inject(path)).body;
      for (const m of body.matchAll(/<(?:figcaption|caption|title)[^>]*>([^<]*)</g))
        if (/(\([^()]+\))\s*\1/.test(m[1]!)) repeated.push(`${path}: ${m[1]}`);
    }
    expect(repeated).toEqual([]);
  });

  it('shows headline values and status on the goal area page', async () => {
    const body = await validHtml('/malomraden/hallbar-samhallsplanering');
    expect(body).toMatch(/href="\/indikatorer\/[a-z0-9-]+"/);
    expect(body).toMatch(/Målet nått|framsteg|Försämring|För lite data/);
  });

  it('downloads the observations as CSV with unit and source', async () => {
    const res = await app.inject(`/indikatorer/${split}.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`${split}.csv`);
    expect(res.body).toContain('# Enhet: ');
    expect(res.body).toContain('# Källa: ');
    expect(res.body).toContain('indikator,omrade,ar,kon,varde,enhet,status,kalla,demodata');
    expect(res.body).toContain(`${split},0008,`);
    const en = await app.inject(`/en/indikatorer/${split}.csv`);
    expect(en.statusCode).toBe(200);
  });

  it('answers 404 for an unknown or hostile slug', async () => {
    for (const path of [
      '/indikatorer/finns-inte',
      '/en/indikatorer/finns-inte',
      '/indikatorer/finns-inte.csv',
      '/indikatorer/%27%3B%20drop%20table%20indicators%3B--',
      '/indikatorer/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      `/indikatorer/${'a'.repeat(500)}`,
      '/indikatorer/..%2F..%2Fetc%2Fpasswd',
    ]) {
      const res = await app.inject(path);
      expect([404, 414], path).toContain(res.statusCode);
      expect(res.body).not.toContain('<script>alert');
    }
  });
});
