import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { expectNoViolations, launchChromium, listenOnLoopback, widths } from './support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { demoIndicators } from '../../src/seed/demo/indicators.js';
import { createDemoDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const split = demoIndicators.find((i) => i.genderSplit)!.key;
const total = demoIndicators.find((i) => !i.genderSplit)!.key;

describe('follow-up pages in the browser', () => {
  for (const viewport of widths) {
    it(`has no axe violations and no horizontal scrolling (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        for (const path of [
          '/uppfoljning',
          `/indikatorer/${split}`,
          `/indikatorer/${total}`,
          '/en/uppfoljning',
          `/en/indikatorer/${split}`,
          '/malomraden/delaktighet-halsa-och-valbefinnande',
        ]) {
          const res = await page.goto(`${base}${path}`);
          expect(res?.status(), path).toBe(200);
          await expectNoViolations(page);
          // A string, so the test compiles without the DOM library.
          const overflow = await page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          expect(overflow, path).toBeLessThanOrEqual(0);
        }
      } finally {
        await context.close();
      }
    });

    it(`reaches an indicator from the overview and its CSV by keyboard (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport, javaScriptEnabled: false });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await page.goto(`${base}/uppfoljning`);
        await page.locator(`a[href="/indikatorer/${split}"]`).first().press('Enter');
        await page.waitForURL(new RegExp(`/indikatorer/${split}$`));
        expect(await page.locator('svg[role="img"]').count()).toBe(3);
        const csv = await page.request.get(`${base}/indikatorer/${split}.csv`);
        expect(csv.status()).toBe(200);
      } finally {
        await context.close();
      }
    });
  }
});
