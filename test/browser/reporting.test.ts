import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { goals } from '../../src/db/schema/index.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { createInitiative } from '../../src/domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../src/domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildInitiative } from '../../src/test/factories.js';
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
let initiativeId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = context(database.db, systemActor('test'));
  const org = await createOrganisation(ctx, {
    slug: 'torsas-kommun',
    name: 'Torsås kommun',
    kind: 'kommun',
  });
  if (!org.ok) throw new Error('organisation');
  const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
  const created = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: org.value.id,
      goalIds: [goal!.id],
      title: 'Digitala lyftet i Torsås',
      // Open-ended, so it overlaps the future periods each width opens.
      endDate: null,
    }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  initiativeId = created.value.id;
  await transitionInitiative(ctx, { initiativeId, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId, action: 'approve' });
  await makeUser(database.db, 'agare@torsas.example', 'aktor', [org.value.id]);
  await makeUser(database.db, 'redaktor@region.example', 'samordnare');
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
  await page.goto(`${base}/logga-in?tillbaka=%2Fadmin`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await completeSignIn(page, database.db, email);
  await page.waitForURL(/\/admin$/);
}

describe('reporting journey', () => {
  for (const [n, viewport] of journeyWidths.entries()) {
    it(`an editor opens a period, the owner reports, the editor publishes (${viewport.name})`, async () => {
      const year = String(2030 + n);
      const narrative = `Kurserna har kommit igång i alla skolor (${viewport.name}).`;
      const editor = await browser.newContext({ viewport });
      const owner = await browser.newContext({ viewport });
      editor.setDefaultTimeout(15_000);
      owner.setDefaultTimeout(15_000);
      const ed = await editor.newPage();
      const ow = await owner.newPage();
      try {
        // The editor creates and opens a reporting period.
        await signIn(ed, 'redaktor@region.example');
        await ed.getByRole('link', { name: 'Uppföljning' }).click();
        await ed.waitForURL(/\/admin\/rapportering$/);
        await expectNoViolations(ed);
        await ed.getByRole('link', { name: 'Rapportperioder' }).click();
        await ed.waitForURL(/\/perioder$/);
        await expectNoViolations(ed);
        await ed.locator('#kind').check();
        await ed.locator('#year').fill(year);
        await ed.locator('#dueDate').fill(`${year}-01-31`);
        await ed.getByRole('button', { name: 'Skapa perioden' }).click();
        await ed.waitForURL(/klart=skapad/);
        await ed
          .getByRole('button', { name: new RegExp(`Öppna för rapportering\\W+År ${year}`) })
          .click();
        await ed.waitForURL(/klart=oppnad/);
        await expectNoViolations(ed);

        // The owner writes the report; a too-short text is refused without losing input.
        await signIn(ow, 'agare@torsas.example');
        await ow.getByRole('link', { name: 'Uppföljning' }).click();
        await expectNoViolations(ow);
        await ow.locator(`a[href$="/${initiativeId}"]`).first().click();
        await ow.waitForURL(new RegExp(`/admin/rapportering/\\d+/${initiativeId}$`));
        await expectNoViolations(ow);
        await ow.getByLabel('Risk', { exact: true }).check();
        await ow.getByLabel('Beskrivning av läget').fill('Kort');
        await ow.getByLabel('Deltagare, kvinnor').fill('14');
        await ow.getByRole('button', { name: 'Skicka in' }).click();
        expect(await ow.locator('#narrative-error').textContent()).toContain('tio tecken');
        expect(await ow.getByLabel('Deltagare, kvinnor').inputValue()).toBe('14');
        await expectNoViolations(ow);
        await ow.getByLabel('Beskrivning av läget').fill(narrative);
        await ow.getByRole('button', { name: 'Skicka in' }).click();
        // A risk needs its explanation before the report goes in.
        expect(await ow.locator('#deviationExplanation-error').textContent()).toContain(
          'Förklara vad som avviker',
        );
        await ow
          .getByLabel('Förklaring vid risk eller avvikelse')
          .fill('Två skolor saknar lärare; vi delar kurserna mellan dem.');
        await ow.getByRole('button', { name: 'Skicka in' }).click();
        await ow.waitForURL(/klart=inskickad/);
        await expectNoViolations(ow);

        // The editor sees it overdue-free, reviews and publishes it.
        await ed.goto(`${base}/admin/uppfoljning/rapporter`);
        await expectNoViolations(ed);
        await ed.goto(`${base}/admin/rapportering/granska`);
        await expectNoViolations(ed);
        await ed.getByRole('link', { name: /Granska\W+Digitala lyftet i Torsås/ }).click();
        await expectNoViolations(ed);
        await ed.getByRole('button', { name: 'Publicera' }).click();
        await ed.waitForURL(/klart=publicerad/);

        // It shows on the initiative's public timeline.
        await ed.goto(`${base}/insatser/${initiativeId}`);
        expect(await ed.locator('.timeline').textContent()).toContain(narrative);
        await expectNoViolations(ed);

        // The other admin pages of the area pass axe too.
        for (const path of [
          '/admin/utvarderingar/ny',
          `/admin/logikmodell/${initiativeId}`,
          `/admin/rapporter/${year}`,
        ]) {
          await ed.goto(`${base}${path}`);
          await expectNoViolations(ed);
        }
      } finally {
        await editor.close();
        await owner.close();
      }
      // A long journey through eleven pages with axe on each: more than the default minute.
    }, 180_000);
  }
});
