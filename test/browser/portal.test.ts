import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { expectNoViolations, launchChromium, listenOnLoopback, widths } from './support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { listPublishedInitiatives } from '../../src/domain/initiatives/queries.js';
import { publishFollowUpReport } from '../../src/domain/evaluation/publishFollowUpReport.js';
import { createDemoDatabase, testCtx } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let initiativeId: number;

beforeAll(async () => {
  database = await createDemoDatabase();
  await publishFollowUpReport(testCtx(database.db), { year: 2024 });
  initiativeId = (await listPublishedInitiatives(database.db, { limit: 1 }))[0]!.id;
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/**
 * Every page type is checked with axe at phone width, the harder layout; at desktop width the
 * pages whose layout changes there (filters beside the results, wide tables and charts, the
 * English start page, the error page).
 */
const desktopChecked = new Set([
  '/',
  '/insatser?q=f%C3%B6retagen',
  '/kommuner/0883',
  '/agenda-2030/9',
  '/utvecklingsaret/2024',
  '/en',
  '/finns-inte',
]);

describe('public portal journey', () => {
  for (const viewport of widths) {
    it(`finds and reads an initiative with the keyboard and in English (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport, javaScriptEnabled: false });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await page.goto(`${base}/`);
        await page.keyboard.press('Tab');
        expect(await page.locator(':focus').textContent()).toBe('Hoppa till innehållet');
        await page.getByRole('link', { name: 'Stärkt konkurrenskraft' }).first().click();
        await page.waitForURL(/\/malomraden\/starkt-konkurrenskraft/);
        expect(await page.locator('h1').textContent()).toBe('Stärkt konkurrenskraft');

        await page.goto(`${base}/insatser`);
        await page.locator('#q').fill('företagen');
        await page.locator('#q').press('Enter');
        await page.waitForURL(/q=f%C3%B6retagen/);
        if (viewport.width < 600) await page.locator('summary', { hasText: 'Filtrera' }).click();
        await page.locator('input[name="plats"][value="0880"]').check();
        await page.getByRole('button', { name: 'Visa resultat' }).press('Enter');
        await page.waitForURL(/plats=/);
        await page.locator('.results h3 a').first().click();
        await page.waitForURL(/\/insatser\/\d+/);
        await page.locator('a.language').click();
        await page.waitForURL(/\/en\/insatser\/\d+/);
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
      } finally {
        await context.close();
      }
    });

    it(`has no axe violations on any page type (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        for (const path of [
          '/',
          '/malomraden/god-miljo-for-barn-och-unga',
          '/insatser?q=f%C3%B6retagen',
          '/insatser?plats=0881&status=pagaende',
          '/insatser?q=qqqxxxzzz&plats=0881',
          `/insatser/${initiativeId}`,
          '/kommuner',
          '/kommuner/0883',
          '/aktorer',
          '/aktorer/linneuniversitetet',
          '/agenda-2030',
          '/agenda-2030/9',
          '/handlingsprogram',
          '/tackning',
          '/utvecklingsaret',
          '/utvecklingsaret/2024',
          '/handlingsprogram/digital-agenda',
          '/tillganglighet',
          '/personuppgifter',
          '/en',
          `/en/insatser/${initiativeId}`,
          '/finns-inte',
        ].filter((path) => viewport.width < 600 || desktopChecked.has(path))) {
          await page.goto(`${base}${path}`);
          await expectNoViolations(page);
        }
      } finally {
        await context.close();
      }
    }, 240_000);
  }
});

describe('search by keyboard and on a phone, without JavaScript', () => {
  /**
   * From the results heading: the order, its button, then the first result; focus never leaves
   * the results on the way. Returns how many Tab presses reached the first result.
   */
  async function tabsToFirstResult(page: Page): Promise<number> {
    for (let n = 1; n <= 3; n++) {
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate<boolean>("document.activeElement?.closest('.results') !== null"),
      ).toBe(true);
      if (await page.evaluate<boolean>("document.activeElement?.closest('.results h3') !== null"))
        return n;
    }
    throw new Error('the first result was not reached in three Tab presses');
  }

  for (const [locale, words] of [
    [
      '',
      {
        skip: 'Hoppa till resultaten',
        filter: 'Filtrera',
        apply: 'Visa resultat',
        remove: 'Plats: Nybro (ta bort)',
      },
    ],
    [
      '/en',
      {
        skip: 'Skip to the results',
        filter: 'Filter',
        apply: 'Show results',
        remove: 'Place: Nybro (remove)',
      },
    ],
  ] as const) {
    it(`reaches the first result from a skip link, filters behind a fold, keeps focus at the results (375 px${locale})`, async () => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 740 },
        javaScriptEnabled: false,
      });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await page.goto(`${base}${locale}/insatser`);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        expect(await page.locator(':focus').textContent()).toBe(words.skip);
        await page.keyboard.press('Enter');
        expect(await tabsToFirstResult(page)).toBe(3);

        // The filters are folded: the first result is near the top of the page.
        const checkbox = page.locator('input[name="plats"][value="0881"]');
        expect(await checkbox.isVisible()).toBe(false);
        const firstTop = await page.evaluate<number>(
          "document.querySelector('.results h3').getBoundingClientRect().top + window.scrollY",
        );
        expect(firstTop).toBeLessThan(900);

        await page.locator('summary', { hasText: words.filter }).click();
        await checkbox.check();
        await page.getByRole('button', { name: words.apply }).click();
        await page.waitForURL(/plats=0881.*#resultat$/);
        // After filtering, Tab goes on from the results heading, not from the top of the page.
        expect(await tabsToFirstResult(page)).toBe(3);

        // The chosen filter is listed with a link that removes it.
        const remove = page.getByRole('link', { name: words.remove });
        expect(await remove.count()).toBe(1);
        await remove.click();
        await page.waitForURL((url) => !url.search.includes('plats='));
        expect(await page.locator('.active-filters').count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  }

  it('shows the filters beside the results on a wide screen and keeps a chosen value that matches nothing', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await page.goto(`${base}/insatser`);
      expect(await page.locator('input[name="plats"][value="0881"]').isVisible()).toBe(true);
      expect(await page.locator('summary', { hasText: 'Filtrera' }).isVisible()).toBe(false);
      for (const key of ['Tab', 'Tab', 'Enter']) await page.keyboard.press(key);
      expect(await tabsToFirstResult(page)).toBe(3);

      await page.goto(`${base}/insatser?q=qqqxxxzzz&plats=0881`);
      const kept = page.locator('input[name="plats"][value="0881"]');
      expect(await kept.isChecked()).toBe(true);
      const label = page.locator(`label[for="${await kept.getAttribute('id')}"]`);
      expect(await label.textContent()).toBe('Nybro (0)');
    } finally {
      await context.close();
    }
  });
});
