import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/seed/seedDemo.js';
import { createTestDatabase, testCtx } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(testCtx(database.db));
  app = await buildApp({ database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Playwright gives every launch a new, empty user data directory of its own.
  browser = await chromium.launch({
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const widths = [
  { name: 'phone', width: 375, height: 740 },
  { name: 'desktop', width: 1280, height: 900 },
];

describe('public portal journey', () => {
  for (const viewport of widths) {
    it(`goes from the start page to a goal area to an initiative without accessibility violations (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await page.goto(`${base}/`);
        expect(await page.locator('h1').textContent()).toContain('RUS för Kalmar län 2030');
        expect(
          (
            await new AxeBuilder({ page })
              .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
              .analyze()
          ).violations,
        ).toEqual([]);

        await page.getByRole('link', { name: 'Stärkt konkurrenskraft' }).click();
        await page.waitForURL(/\/malomraden\/starkt-konkurrenskraft/);
        expect(await page.locator('h1').textContent()).toBe('Stärkt konkurrenskraft');
        expect(
          (
            await new AxeBuilder({ page })
              .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
              .analyze()
          ).violations,
        ).toEqual([]);

        await page.locator('#insatser ~ div a').first().click();
        await page.waitForURL(/\/insatser\/\d+/);
        await expect(page.locator('.notice').textContent()).resolves.toContain('demodata');
        expect(
          (
            await new AxeBuilder({ page })
              .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
              .analyze()
          ).violations,
        ).toEqual([]);

        await page.keyboard.press('Tab');
        expect(await page.locator(':focus').textContent()).toBe('Hoppa till innehållet');
      } finally {
        await context.close();
      }
    });
  }
});
