import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { auditEvents } from '../../src/db/schema/index.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, PASSWORD } from '../../src/web/auth/testSupport.js';
import {
  completeSignIn,
  expectNoViolations,
  launchChromium,
  listenOnLoopback,
  journeyWidths,
} from './support.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const org = await createOrganisation(context(database.db, systemActor('test')), {
    slug: 'torsas-kommun',
    name: 'Torsås kommun',
    kind: 'kommun',
  });
  if (!org.ok) throw new Error('organisation');
  await makeUser(database.db, 'admin@example.se', 'admin');
  await makeUser(database.db, 'medlem@example.se', 'aktor', [org.value.id]);
  await database.db.insert(auditEvents).values({
    actorLabel: 'system:test',
    action: 'user.role_changed',
    entityType: 'user',
    entityId: '1',
    before: { role: 'aktor' },
    after: { role: 'samordnare' },
  });
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function signIn(page: Page) {
  await page.goto(`${base}/logga-in`);
  await page.getByLabel('E-postadress').fill('admin@example.se');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await completeSignIn(page, database.db, 'admin@example.se');
  await page.waitForURL(/\/admin$/);
}

describe('administration of users, organisations and the log', () => {
  for (const viewport of journeyWidths) {
    it(`an administrator manages accounts, in Swedish and English (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await signIn(page);
        await page.getByRole('link', { name: 'Användare', exact: true }).click();
        await page.waitForURL(/\/admin\/anvandare$/);
        await expectNoViolations(page);
        await page.getByRole('link', { name: 'medlem@example.se' }).click();
        await expectNoViolations(page);

        await page.goto(`${base}/admin/organisationer/ny`);
        const name = `Föreningen ${viewport.name}`;
        await page.getByLabel('Namn').fill(name);
        await page.getByLabel('Kortadress').fill(`foreningen-${viewport.name}`);
        await page.getByLabel('Organisationsnummer').fill('556677-8898');
        await page.getByRole('button', { name: 'Skapa' }).click();
        await expect.poll(() => page.locator('#orgNumber-error').count()).toBe(1);
        expect(await page.getByLabel('Namn').inputValue()).toBe(name);
        await expectNoViolations(page);
        await page
          .getByLabel('Organisationsnummer')
          .fill(viewport.name === 'phone' ? '212000-0142' : '802000-0009');
        await page.getByRole('button', { name: 'Skapa' }).click();
        await page.waitForURL(/\/admin\/organisationer\/\d+\?klart=skapad$/);
        await expectNoViolations(page);

        await page.goto(`${base}/admin/logg`);
        await expectNoViolations(page);
        // The step just taken reads in words, the organisation named and linked, within the page.
        const created = page.getByRole('row').filter({ hasText: 'Organisation skapad' }).first();
        await expect.poll(() => created.getByRole('link', { name }).count()).toBe(1);
        const overflow =
          'document.documentElement.scrollWidth - document.documentElement.clientWidth';
        expect(await page.evaluate<number>(overflow)).toBe(0);

        await page.getByRole('link', { name: 'English' }).click();
        await page.waitForURL(/\/admin\/logg$/);
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log');
        await expect
          .poll(() => page.getByRole('row').filter({ hasText: 'Organisation created' }).count())
          .toBeGreaterThan(0);
        await expectNoViolations(page);
        await page.goto(`${base}/admin/organisationer`);
        await expectNoViolations(page);
      } finally {
        await context.close();
      }
    });
  }
});
