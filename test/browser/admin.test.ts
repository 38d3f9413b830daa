import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import {
  completeSignIn,
  expectNoViolations,
  launchChromium,
  listenOnLoopback,
  journeyWidths,
} from './support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, PASSWORD, startMailCatcher } from '../../src/web/auth/testSupport.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
const previousSmtp = process.env.SMTP_URL;

beforeAll(async () => {
  smtp = await startMailCatcher();
  process.env.SMTP_URL = smtp.url;
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
  if (previousSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = previousSmtp;
  await browser?.close();
  await app?.close();
  await smtp?.close();
  await database?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/admin`);
  await page.waitForURL(/\/logga-in\?tillbaka=%2Fadmin/);
  await expectNoViolations(page);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await completeSignIn(page, database.db, email, { checkAccessibility: true });
  await page.waitForURL(/\/admin$/);
}

describe('admin journey', () => {
  for (const viewport of journeyWidths) {
    it(`an actor registers and submits, an editor returns it, the actor fixes it, the editor publishes (${viewport.name})`, async () => {
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

        // A first try with a wrong value: a plain message beside the field, nothing typed is
        // lost. (Gaps are fine in a draft; they are named when it is submitted.)
        await page.getByLabel('Rubrik', { exact: true }).fill(title);
        await page.getByLabel('Rad 1: källa').selectOption('kommun');
        await page.getByLabel('Rad 1: belopp i kronor').fill('500000');
        await page.getByLabel('Rad 1: år').fill('3000');
        await page.getByRole('button', { name: 'Spara utkast' }).click();
        expect(await page.locator('#funding-0-year-error').textContent()).toContain(
          'Ange ett år mellan 1990 och 2100',
        );
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
        const mailsBeforeSubmit = smtp.mails.length;
        await page.getByRole('button', { name: 'Skicka in för godkännande' }).click();
        await page.waitForURL(/klart=inskickad/);
        // The Region's editors are told by email.
        const toEditors = smtp.mails.slice(mailsBeforeSubmit);
        expect(toEditors.flatMap((m) => m.to)).toContain('samordnare@example.se');
        expect(toEditors.map((m) => m.raw).join('')).toContain('Cykelv');
        await page.goto(`${base}/admin/konto`);
        await expectNoViolations(page);
        await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
        await page.waitForURL(/\/logga-in\?utloggad=1/);
      } finally {
        await actor.close();
      }

      // The editor returns it with a comment; the owner is told by email.
      const editor = await browser.newContext({ viewport });
      editor.setDefaultTimeout(15_000);
      const review = await editor.newPage();
      try {
        await signIn(review, 'samordnare@example.se');
        await review.getByRole('link', { name: title }).first().click();
        await review.waitForURL(new RegExp(`${path}$`));
        await expectNoViolations(review);
        const mailsBeforeReturn = smtp.mails.length;
        await review
          .getByLabel('Kommentar till organisationen')
          .fill('Ange också Nybro, där sträckan slutar.');
        await review.getByRole('button', { name: 'Returnera', exact: true }).click();
        await expectNoViolations(review);
        await review.getByRole('button', { name: 'Ja, returnera' }).click();
        await review.waitForURL(/klart=returnerad/);
        const toOwner = smtp.mails.slice(mailsBeforeReturn);
        expect(toOwner.flatMap((m) => m.to)).toContain('aktor@example.se');
        expect(toOwner.map((m) => m.raw).join('')).toContain('Nybro');
      } finally {
        await editor.close();
      }

      // The owner reads the comment, fixes the initiative and submits it again.
      const again = await browser.newContext({ viewport });
      again.setDefaultTimeout(15_000);
      const fix = await again.newPage();
      try {
        await signIn(fix, 'aktor@example.se');
        await fix.goto(`${base}${path}`);
        expect(await fix.locator('main').textContent()).toContain(
          'Ange också Nybro, där sträckan slutar.',
        );
        await expectNoViolations(fix);
        await fix.getByRole('link', { name: 'Redigera' }).click();
        await fix.waitForURL(/\/redigera$/);
        await fix.getByLabel('Nybro', { exact: true }).check();
        await fix.getByRole('button', { name: 'Spara ändringarna' }).click();
        await fix.waitForURL(/klart=sparad/);
        await fix.getByRole('button', { name: 'Skicka in för godkännande' }).click();
        await fix.waitForURL(/klart=inskickad/);
      } finally {
        await again.close();
      }

      // The editor publishes; it is on the portal and in the feed; the history has every step.
      const publisher = await browser.newContext({ viewport });
      publisher.setDefaultTimeout(15_000);
      const publish = await publisher.newPage();
      try {
        await signIn(publish, 'samordnare@example.se');
        // The editor finds it in the list: waiting for them, searched by a word of its name.
        await publish
          .getByRole('navigation', { name: 'Administration' })
          .getByRole('link', { name: 'Insatser', exact: true })
          .click();
        await publish.getByLabel('Läge').selectOption({ label: 'Väntar på mig' });
        await publish.getByLabel('Sök på namn eller organisation').fill(title.split(' ')[0]!);
        await publish.getByRole('button', { name: 'Visa', exact: true }).click();
        await publish.waitForURL(/\/admin\/insatser\?q=.+&lage=vantar&/);
        await expectNoViolations(publish);
        await expect.poll(() => publish.locator('#traffar').textContent()).toBe('1 insats');
        await publish.getByRole('link', { name: title }).click();
        await publish.waitForURL(new RegExp(`${path}$`));
        // The review shows the page as the portal will: the place the owner added included.
        const preview = publish.getByRole('region', {
          name: 'Förhandsvisning av den publika sidan',
        });
        expect(await preview.getByRole('heading', { level: 3 }).first().textContent()).toBe(title);
        expect(await preview.textContent()).toContain('Nybro');
        await publish.getByRole('button', { name: 'Godkänn och publicera' }).click();
        await publish.getByRole('button', { name: 'Ja, godkänn och publicera' }).click();
        await publish.waitForURL(/klart=publicerad/);
        await publish.getByRole('link', { name: 'Historik' }).click();
        await publish.waitForURL(/\/historik$/);
        await expectNoViolations(publish);
        const history = (await publish.locator('main').textContent()) ?? '';
        for (const step of [
          'Registrerad',
          'Ändrad',
          'Inskickad',
          'Returnerad',
          'Godkänd och publicerad',
        ]) {
          expect(history, step).toContain(step);
        }
        await publish.goto(`${base}${path}`);
        await publish.getByRole('link', { name: 'Visa på den publika webbplatsen' }).click();
        await publish.waitForURL(/\/insatser\/\d+$/);
        expect(await publish.locator('h1').textContent()).toContain(title);
        expect(await publish.locator('main').textContent()).toContain('Nybro');
        await expectNoViolations(publish);
        const feed = await publish.request.get(`${base}/flode.atom`);
        expect(feed.status()).toBe(200);
        expect(await feed.text()).toContain(title);
      } finally {
        await publisher.close();
      }
    }, 180_000);
  }
});
