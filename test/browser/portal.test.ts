import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { expectNoViolations, launchChromium, listenOnLoopback, widths } from './support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { listPublishedInitiatives } from '../../src/domain/initiatives/queries.js';
import { seedDemo } from '../../src/seed/seedDemo.js';
import { publishFollowUpReport } from '../../src/domain/evaluation/publishFollowUpReport.js';
import { createTestDatabase, testCtx } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let initiativeId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(testCtx(database.db));
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
        ]) {
          await page.goto(`${base}${path}`);
          await expectNoViolations(page);
        }
      } finally {
        await context.close();
      }
    });
  }
});
