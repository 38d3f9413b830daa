import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { listPublishedInitiatives } from '../../src/domain/initiatives/queries.js';
import { createDemoDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { launchChromium, listenOnLoopback } from './support.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let initiativeId: number;

beforeAll(async () => {
  database = await createDemoDatabase();
  initiativeId = (await listPublishedInitiatives(database.db, { limit: 1 }))[0]!.id;
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const pageTypes = () => [
  '/',
  '/strategin',
  '/malomraden/hallbar-samhallsplanering',
  '/malomraden/hallbar-samhallsplanering/mal/3.1',
  '/uppfoljning',
  '/insatser',
  '/insatser?q=v%C3%A4tgas',
  `/insatser/${initiativeId}`,
  '/kommuner',
  '/kommuner/0881',
  '/aktorer',
  '/agenda-2030',
  '/agenda-2030/7',
  '/handlingsprogram',
  '/handlingsprogram/energi-och-klimat',
  '/tackning',
  '/utvecklingsaret',
  '/utvecklingsaret/2025',
  '/oppna-data',
  '/tillganglighet',
  '/personuppgifter',
];

describe('every page fits a phone', () => {
  for (const locale of ['', '/en']) {
    it(`scrolls no page sideways at 375 px and keeps chart text at 12 px or more (${locale || '/'})`, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const wide: string[] = [];
      const small: string[] = [];
      try {
        for (const path of pageTypes()) {
          const url = `${base}${locale}${path === '/' && locale ? '' : path}`;
          const res = await page.goto(url);
          expect(res?.status(), url).toBe(200);
          const width = await page.evaluate<number>('document.documentElement.scrollWidth');
          if (width > 375) {
            const culprits = await page.evaluate<string>(
              `[...document.querySelectorAll('body *')].filter((e) => (e.getBoundingClientRect().right > 376 || e.scrollWidth > e.clientWidth + 1) && !e.closest('.table-scroll')).slice(-4).map((e) => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth).join(' ')`,
            );
            wide.push(`${path}: ${width}px (${culprits})`);
          }
          const smallest = await page.evaluate<number>(
            `Math.min(1000, ...[...document.querySelectorAll('svg text')].map((t) => t.getBoundingClientRect().height ? parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement.getBoundingClientRect().width / (t.ownerSVGElement.viewBox.baseVal.width || t.ownerSVGElement.getBoundingClientRect().width)) : 1000))`,
          );
          if (smallest < 12) small.push(`${path}: ${smallest.toFixed(1)}px`);
        }
      } finally {
        await context.close();
      }
      expect(wide).toEqual([]);
      expect(small).toEqual([]);
    }, 240_000);
  }
});
