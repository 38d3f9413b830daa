import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { strategies } from '../../db/schema/index.js';
import { publishedReport } from '../../domain/evaluation/publishFollowUpReport.js';
import { strategyDocument } from '../../domain/strategy/strategyDocument.js';
import { createDemoDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { escapeHtml } from '../html.js';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createDemoDatabase();
  // The page reads the database, never the seed: a chapter changed here shows on the page.
  await database.db
    .update(strategies)
    .set({ followUpEn: 'Followed up every year, as the database says.' })
    .where(eq(strategies.isCurrent, true));
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the strategy as a document', () => {
  it('has contents with anchors, every chapter, goal area and goal, and the decision, in Swedish', async () => {
    const d = await strategyDocument(database.db);
    const res = await app.inject('/strategin');
    expect(res.statusCode).toBe(200);
    expect(await htmlProblems(res.body)).toEqual([]);
    expect(Buffer.byteLength(res.body)).toBeLessThan(60_000);
    for (const id of [
      'inledning',
      'malbild',
      'utvecklingsomraden',
      'perspektiv',
      'agenda-2030',
      'nationell-strategi',
      'handlingsprogram',
      'uppfoljning',
      'beslut',
    ]) {
      expect(res.body, id).toContain(`href="#${id}"`);
      expect(res.body, id).toContain(`id="${id}"`);
    }
    expect(d.strategy.introductionSv).not.toBe('');
    expect(res.body).toContain(escapeHtml(d.strategy.introductionSv.slice(0, 60)));
    for (const a of d.areas) {
      expect(res.body).toContain(`href="#omrade-${a.slug}"`);
      for (const g of a.goals) {
        expect(res.body).toContain(g.nameSv);
        expect(res.body).toContain(`href="/malomraden/${a.slug}/mal/${g.code}"`);
      }
    }
    for (const p of d.perspectives) expect(res.body).toContain(escapeHtml(p.descriptionSv));
    for (const p of d.programmes) expect(res.body).toContain(`/handlingsprogram/${p.slug}`);
    expect(res.body).toMatch(/Diarienummer|Beslutsdatum och diarienummer är inte registrerade/);
    expect(res.body).toContain('<a href="/strategin" aria-current="page">Strategin</a>');
  });

  it('is complete in English: no Swedish text on the English page unless marked', async () => {
    const d = await strategyDocument(database.db);
    const res = await app.inject('/en/strategin');
    expect(res.statusCode).toBe(200);
    expect(await htmlProblems(res.body)).toEqual([]);
    expect(res.body).toContain('Followed up every year, as the database says.');
    expect(res.body).not.toContain(' lang="sv">');
    for (const a of d.areas) {
      expect(res.body).toContain(a.nameEn);
      for (const g of a.goals) {
        expect(res.body).toContain(g.nameEn);
        expect(res.body).not.toContain(g.nameSv);
      }
    }
    for (const p of d.perspectives) expect(res.body).toContain(escapeHtml(p.descriptionEn));
    for (const p of d.programmes) expect(res.body).toContain(escapeHtml(p.descriptionEn));
    expect(res.body).toContain(escapeHtml(d.strategy.agenda2030En.slice(0, 60)));
    expect(res.body).toContain('The strategy</a>');
  });

  it('has a print version, and the main menu leads to the strategy, the follow-up and the open data', async () => {
    const print = await app.inject('/strategin/utskrift');
    expect(print.statusCode).toBe(200);
    expect(await htmlProblems(print.body)).toEqual([]);
    const start = await app.inject('/en');
    const menu = /<nav aria-label="[^"]+"><ul>([\s\S]*?)<\/ul><\/nav>/.exec(start.body)![1]!;
    expect(menu).toContain('href="/en/strategin"');
    expect(menu).toContain('href="/en/uppfoljning"');
    expect(menu).toContain('href="/en/oppna-data"');
  });
});

describe('every goal has a page', () => {
  it('shows status, indicators, money and initiatives, and the area anchors every goal', async () => {
    const d = await strategyDocument(database.db);
    for (const a of d.areas) {
      const area = await app.inject(`/malomraden/${a.slug}`);
      for (const g of a.goals) {
        const anchor = `mal-${g.code.replace('.', '-')}`;
        expect(area.body).toContain(`id="${anchor}"`);
        expect(area.body).toContain(`href="/malomraden/${a.slug}/mal/${g.code}"`);
        for (const locale of ['', '/en']) {
          const res = await app.inject(`${locale}/malomraden/${a.slug}/mal/${g.code}`);
          expect(res.statusCode, g.code).toBe(200);
          expect(await htmlProblems(res.body), g.code).toEqual([]);
          expect(Buffer.byteLength(res.body), g.code).toBeLessThan(60_000);
          expect(res.body).toContain(escapeHtml(locale ? g.nameEn : g.nameSv));
          expect(res.body).toContain('id="indikatorer"');
          expect(res.body).toContain('id="pengar"');
          expect(res.body).toMatch(/\d kr/);
          expect(res.body).toContain(`#${anchor}"`);
        }
      }
    }
    expect((await app.inject(`/malomraden/${d.areas[0]!.slug}/mal/9.9`)).statusCode).toBe(404);
    expect((await app.inject('/malomraden/finns-inte/mal/1.1')).statusCode).toBe(404);
  });

  it('links goals from the follow-up overview and an initiative to the goal page', async () => {
    const followUp = await app.inject('/uppfoljning');
    expect(followUp.body).toMatch(/href="\/malomraden\/[a-z-]+\/mal\/\d\.\d"/);
    const search = await app.inject('/insatser');
    const id = /href="\/insatser\/(\d+)"/.exec(search.body)![1];
    const initiative = await app.inject(`/en/insatser/${id}`);
    expect(initiative.body).toMatch(/href="\/en\/malomraden\/[a-z-]+\/mal\/\d\.\d"/);
  });

  it('says a year has no examples instead of showing another year', async () => {
    const res = await app.inject('/malomraden/hallbar-samhallsplanering?ar=1999');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Inga insatser är utvalda som exempel för 1999');
    const en = await app.inject('/en/malomraden/hallbar-samhallsplanering?ar=1999');
    expect(en.body).toContain('No initiatives are chosen as examples for 1999');
  });
});

describe('the year’s report is there from the first start', () => {
  it('publishes the latest year with contents, a chart and 3–5 examples per goal area', async () => {
    const list = await app.inject('/utvecklingsaret');
    expect(list.body).toContain('href="/utvecklingsaret/2025"');
    const { data } = await publishedReport(database.db, 2025);
    for (const a of data.areas) {
      expect(a.examples.length, a.slug).toBeGreaterThanOrEqual(3);
      expect(a.examples.length, a.slug).toBeLessThanOrEqual(5);
    }
    for (const path of ['/utvecklingsaret/2025', '/en/utvecklingsaret/2025']) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      expect(await htmlProblems(res.body), path).toEqual([]);
      expect(Buffer.byteLength(res.body), path).toBeLessThan(60_000);
      for (const id of ['i-siffror', 'startade', 'avslutade', 'luckor', 'utvarderingar']) {
        expect(res.body, id).toContain(`href="#${id}"`);
        expect(res.body, id).toContain(`id="${id}"`);
      }
      expect(res.body).toContain('class="chart report-chart"');
    }
  });
});
