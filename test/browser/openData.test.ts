import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { goalAreas, organisations } from '../../src/db/schema/index.js';
import { createDemoDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, PASSWORD } from '../../src/web/auth/testSupport.js';
import { expectNoViolations, launchChromium, listenOnLoopback, widths } from './support.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let areaSlug: string;

beforeAll(async () => {
  database = await createDemoDatabase();
  const [org] = await database.db.select().from(organisations).limit(1);
  await makeUser(database.db, 'system.agare@example.se', 'aktor', [org!.id]);
  areaSlug = (await database.db.select().from(goalAreas).limit(1))[0]!.slug;
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function withPage(viewport: (typeof widths)[number], fn: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  try {
    await fn(page);
  } finally {
    await context.close();
  }
}

describe('open data, embedding and API keys', () => {
  for (const viewport of widths) {
    it(`a web editor finds the embed code and the widget shows in a frame (${viewport.name})`, async () => {
      await withPage(viewport, async (page) => {
        await page.goto(`${base}/oppna-data`);
        await expectNoViolations(page);
        await page.getByRole('link', { name: 'Bädda in på er webbplats' }).click();
        await page.waitForURL(/\/badda-in$/);
        await expectNoViolations(page);
        await page.getByLabel('Målområde').selectOption(areaSlug);
        await page.getByRole('button', { name: 'Visa kod' }).click();
        await page.waitForURL(/malomrade=/);
        const snippet = await page.getByLabel('HTML-kod för inbäddning').inputValue();
        expect(snippet).toContain(`/inbaddning/malomraden/${areaSlug}`);
        expect(snippet).toContain('<figcaption><a href=');
        const frame = page.frameLocator('iframe.embed-preview');
        await expect.poll(() => frame.locator('h1').textContent()).toMatch(/^Insatser inom /);
        await expectNoViolations(page);
        await page.goto(`${base}/en/inbaddning/malomraden/${areaSlug}`);
        await expectNoViolations(page);
      });
    });
  }

  it('a member creates an API key, sees it once, and revokes it', async () => {
    await withPage(widths[1]!, async (page) => {
      await page.goto(`${base}/admin/api-nycklar`);
      await page.getByLabel('E-postadress').fill('system.agare@example.se');
      await page.getByLabel('Lösenord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(/\/admin\/api-nycklar$/);
      await expectNoViolations(page);
      await page.getByRole('button', { name: 'Skapa nyckel' }).click();
      expect(await page.locator('#name-error').textContent()).toContain('minst två tecken');
      await expectNoViolations(page);
      await page.getByLabel('Namn', { exact: true }).fill('Ärendesystemet');
      await page.getByRole('button', { name: 'Skapa nyckel' }).click();
      const token = await page.getByLabel('API-nyckel', { exact: true }).inputValue();
      expect(token).toMatch(/^rkt_[A-Za-z0-9_-]{43}$/);
      await expectNoViolations(page);
      await page.getByRole('button', { name: 'Återkalla nyckeln Ärendesystemet' }).click();
      await page.getByRole('button', { name: 'Ja, återkalla nyckeln' }).click();
      await page.waitForURL(/klart=aterkallad/);
      expect(await page.content()).not.toContain(token);
      await expectNoViolations(page);
    });
  });
});
