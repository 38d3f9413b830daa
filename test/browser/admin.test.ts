import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { expectNoViolations, launchChromium, listenOnLoopback, widths } from './support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, PASSWORD } from '../../src/web/auth/testSupport.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = context(database.db, systemActor('test'));
  const org = await createOrganisation(ctx, {
    slug: 'emmaboda-kommun',
    name: 'Emmaboda kommun',
    kind: 'kommun',
  });
  if (!org.ok) throw new Error('organisation');
  await makeUser(database.db, 'aktor@example.se', 'aktor', [org.value.id]);
  await makeUser(database.db, 'samordnare@example.se', 'samordnare');
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/admin`);
  await page.waitForURL(/\/logga-in\?tillbaka=%2Fadmin/);
  await expectNoViolations(page);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(/\/admin$/);
}

describe('admin journey', () => {
  for (const viewport of widths) {
    it(`an actor registers and submits, an editor publishes (${viewport.name})`, async () => {
      const title = `Cykelvägar i Emmaboda (${viewport.name})`;
      const actor = await browser.newContext({ viewport });
      actor.setDefaultTimeout(15_000);
      const page = await actor.newPage();
      let path = '';
      try {
        await signIn(page, 'aktor@example.se');
        await expectNoViolations(page);
        await page.getByRole('link', { name: 'Registrera insats' }).click();
        await page.waitForURL(/\/admin\/insatser\/ny$/);
        await expectNoViolations(page);

        // A first try with gaps: errors beside the fields, nothing typed is lost.
        await page.getByLabel('Rubrik', { exact: true }).fill(title);
        await page.getByRole('button', { name: 'Spara utkast' }).click();
        expect(await page.locator('#summary-error').textContent()).toContain('tio tecken');
        expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe(title);
        await expectNoViolations(page);

        await page
          .getByLabel('Sammanfattning', { exact: true })
          .fill('Nya cykelvägar mellan tätorterna i kommunen.');
        await page.getByLabel('Status').selectOption('planerad');
        await page.getByLabel('Startdatum (ÅÅÅÅ-MM-DD)').fill('2026-03-01');
        await page.getByLabel('Ägande organisation').selectOption({ label: 'Emmaboda kommun' });
        await page.getByLabel('Emmaboda', { exact: true }).check();
        await page.locator('input[name="goalIds"]').first().check();
        await page.getByLabel('Rad 1: källa').selectOption('kommun');
        await page.getByLabel('Rad 1: belopp i kronor').fill('500000');
        await page.getByLabel('Rad 1: år').fill('2026');
        await page.getByRole('button', { name: 'Spara utkast' }).click();
        await page.waitForURL(/\/admin\/insatser\/\d+\?klart=skapad/);
        path = new URL(page.url()).pathname;
        await expectNoViolations(page);

        // Edit it again (the form prefilled, the version kept), then read its history.
        await page.getByRole('link', { name: 'Redigera' }).click();
        await page.waitForURL(/\/redigera$/);
        await expectNoViolations(page);
        expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe(title);
        await page
          .getByLabel('Beskrivning', { exact: true })
          .fill('Cykelvägarna byggs i två etapper.');
        await page.getByRole('button', { name: 'Spara ändringarna' }).click();
        await page.waitForURL(/klart=sparad/);
        await page.getByRole('link', { name: 'Historik' }).click();
        await page.waitForURL(/\/historik$/);
        await expectNoViolations(page);
        expect(await page.locator('#v2 ins').first().textContent()).toContain('två etapper');
        await page.getByRole('link', { name: 'Tillbaka till insatsen' }).click();
        await page.waitForURL(new RegExp(`${path}$`));
        await page.getByRole('button', { name: 'Skicka in för godkännande' }).click();
        await page.waitForURL(/klart=inskickad/);
        await page.goto(`${base}/admin/konto`);
        await expectNoViolations(page);
        await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
        await page.waitForURL(/\/logga-in\?utloggad=1/);
      } finally {
        await actor.close();
      }

      const editor = await browser.newContext({ viewport });
      editor.setDefaultTimeout(15_000);
      const review = await editor.newPage();
      try {
        await signIn(review, 'samordnare@example.se');
        await review.getByRole('link', { name: title }).click();
        await review.waitForURL(new RegExp(`${path}$`));
        await expectNoViolations(review);
        await review.getByRole('button', { name: 'Godkänn och publicera' }).click();
        await review.waitForURL(/klart=publicerad/);
        await review.getByRole('link', { name: 'Visa på den publika webbplatsen' }).click();
        await review.waitForURL(/\/insatser\/\d+$/);
        expect(await review.locator('h1').textContent()).toContain(title);
      } finally {
        await editor.close();
      }
    });
  }
});
