import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { createDemoDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { launchChromium, listenOnLoopback } from './support.js';
import { sql } from 'drizzle-orm';

// Four visitors' tasks on a fresh installation (the demo data as `npm start` loads it), each in
// five steps or fewer from the start page, in Swedish and in English. A step is a page the
// visitor opens: the start page, a click on a link or a download.

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let area: { slug: string; nameSv: string; nameEn: string };

beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
  const [found] = await queryRows<typeof area>(
    database.db,
    sql`select ga.slug, ga.name_sv as "nameSv", ga.name_en as "nameEn" from goal_areas ga
      join strategies s on s.id = ga.strategy_id and s.is_current
      where ga.slug = 'starkt-konkurrenskraft'`,
  );
  area = found!;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const words = {
  sv: {
    start: '/',
    places: 'Kommuner',
    doing: 'Så går det i Nybro',
    initiativesIn: 'Insatser i Nybro',
    coverage: 'Täckning',
    strategy: 'Strategin',
    strategyPdf: 'Strategin som PDF',
    reports: 'Regionala utvecklingsåret',
    report: 'Regionala utvecklingsåret 2025',
    reportPdf: 'Ladda ner rapporten som PDF',
    goal: 'Mål 4.1',
    count: /^\d+ insats(er)?/,
  },
  en: {
    start: '/en',
    places: 'Municipalities',
    doing: 'How Nybro is doing',
    initiativesIn: 'Initiatives in Nybro',
    coverage: 'Coverage',
    strategy: 'The strategy',
    strategyPdf: 'The strategy as PDF',
    reports: 'The regional development year',
    report: 'The regional development year 2025',
    reportPdf: 'Download the report as PDF',
    goal: 'Goal 4.1',
    count: /^\d+ initiatives?/,
  },
} as const;

/** Runs `fn` on a new page of a fresh browser context of the given width. */
async function onPage(width: number, timeout: number, fn: (page: Page) => Promise<void>) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 740 : 900 },
  });
  context.setDefaultTimeout(timeout);
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** A visitor: counts the pages they open. */
function visitor(page: Page) {
  let steps = 0;
  return {
    get steps() {
      return steps;
    },
    async open(path: string) {
      steps++;
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
    },
    async click(name: string | RegExp, within = 'body') {
      steps++;
      const before = page.url();
      await page.locator(within).getByRole('link', { name, exact: true }).first().click();
      await page.waitForURL((u) => u.toString() !== before);
    },
    /** Follows a download link and returns what it served. */
    async download(name: string) {
      steps++;
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
      const res = await page.request.get(new URL(href!, page.url()).toString());
      expect(res.status(), href!).toBe(200);
      return res;
    },
  };
}

describe("four visitors' tasks, each in five steps or fewer", () => {
  for (const lang of ['sv', 'en'] as const) {
    const w = words[lang];

    it(`a resident sees how Nybro is doing and what is done there (${lang})`, async () => {
      await onPage(375, 20_000, async (page) => {
        const v = visitor(page);
        await v.open(w.start);
        await v.click(w.places, 'header nav');
        await v.click('Nybro', 'main');
        expect(await page.locator('h1').textContent()).toBe('Nybro');
        const doing = page.locator('section', {
          has: page.getByRole('heading', { name: w.doing }),
        });
        // Every indicator of the strategy beside the county and riket, in tables per goal area.
        expect(await doing.locator('tbody tr').count()).toBeGreaterThan(10);
        expect(await page.getByRole('heading', { name: w.initiativesIn }).count()).toBe(1);
        expect(await page.locator('.initiative-card').count()).toBeGreaterThan(0);
        expect(v.steps).toBeLessThanOrEqual(5);
      });
    });

    it(`a journalist follows the money of a goal area to its initiatives (${lang})`, async () => {
      await onPage(1280, 20_000, async (page) => {
        const v = visitor(page);
        await v.open(w.start);
        await v.click(w.coverage, 'header nav');
        // The goal-area table: each area's money, the area linking to its initiatives.
        const name = lang === 'sv' ? area.nameSv : area.nameEn;
        const row = page.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
        const money = (await row.first().locator('td').first().textContent())!.trim();
        expect(money).toMatch(/^[\d\s\u00a0,]+ kr$/);
        await v.click(name, 'main table');
        expect(page.url()).toContain(`omrade=${area.slug}`);
        expect(page.url()).toMatch(/#resultat$/);
        expect((await page.locator('#resultat').textContent())!.trim()).toMatch(w.count);
        expect(await page.locator('.results h3 a').count()).toBeGreaterThan(0);
        expect(v.steps).toBeLessThanOrEqual(5);
      });
    });

    it(`a politician reads and downloads the strategy and the latest annual report (${lang})`, async () => {
      await onPage(1280, 30_000, async (page) => {
        const v = visitor(page);
        await v.open(w.start);
        await v.click(w.strategy, 'header nav');
        expect(await page.locator('nav.publication-contents a').count()).toBeGreaterThan(5);
        const strategyPdf = await v.download(w.strategyPdf);
        expect(strategyPdf.headers()['content-type']).toBe('application/pdf');
        expect(v.steps).toBeLessThanOrEqual(5);

        const r = visitor(page);
        await r.open(w.start);
        await r.click(w.reports, 'main');
        await r.click(w.report, 'main');
        expect(await page.locator('h1').textContent()).toContain('2025');
        const reportPdf = await r.download(w.reportPdf);
        expect(reportPdf.headers()['content-type']).toBe('application/pdf');
        expect(r.steps).toBeLessThanOrEqual(5);
      });
    }, 120_000);

    it(`an investor reads a goal of competitiveness, its indicators, money and initiatives (${lang})`, async () => {
      await onPage(1280, 20_000, async (page) => {
        const v = visitor(page);
        await v.open(w.start);
        await v.click(lang === 'sv' ? area.nameSv : area.nameEn, 'main');
        await v.click(new RegExp(`^${w.goal.replace('.', '\\.')}\\b|^4\\.1\\b`), 'main');
        expect(await page.title()).toContain(w.goal);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.locator('.initiative-card').count()).toBeGreaterThan(0);
        await v.click(
          (await page.locator('.initiative-card h3 a').first().textContent())!.trim(),
          'main',
        );
        expect(page.url()).toMatch(lang === 'en' ? /\/en\/insatser\/\d+$/ : /\/insatser\/\d+$/);
        expect(v.steps).toBeLessThanOrEqual(5);
      });
    });
  }
});
