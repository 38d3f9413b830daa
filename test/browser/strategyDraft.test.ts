import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
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
import { completeSignIn, expectNoViolations, launchChromium, listenOnLoopback } from './support.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const initiativeTitle = 'Trygga mötesplatser i Nybro';
const newGoalName = 'Hög delaktighet, tillit och upplevd trygghet i hela länet.';

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = context(database.db, systemActor('test'));
  const org = await createOrganisation(ctx, {
    slug: 'nybro-kommun',
    name: 'Nybro kommun',
    kind: 'kommun',
  });
  if (!org.ok) throw new Error('organisation');
  const [goal] = await database.db.select().from(goals).where(eq(goals.code, '1.1'));
  const made = await createInitiative(
    ctx,
    buildInitiative({
      title: initiativeTitle,
      ownerOrganisationId: org.value.id,
      goalIds: [goal!.id],
    }),
  );
  if (!made.ok) throw new Error(JSON.stringify(made.issues));
  await transitionInitiative(ctx, { initiativeId: made.value.id, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId: made.value.id, action: 'approve' });
  await makeUser(database.db, 'redaktor@example.se', 'samordnare');
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
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await completeSignIn(page, database.db, email);
  await page.waitForURL(/\/admin$/);
}

describe('drafting and adopting a strategy version', () => {
  // A long journey with an axe check on every page: more time than the default on a busy machine.
  it(
    'an editor drafts 2040, changes a goal, compares and adopts; the portal follows',
    { timeout: 180_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await signIn(page, 'redaktor@example.se');
        await page
          .getByRole('navigation', { name: 'Administration' })
          .getByRole('link', { name: 'Strategin' })
          .click();
        await page.waitForURL(/\/admin\/strategi$/);
        await expectNoViolations(page);

        // A first try with a bad address: the error sits by the field and nothing typed is lost.
        await page.getByLabel('Kortadress').fill('RUS 2040');
        await page.getByLabel('Namn på svenska').fill('Regional utvecklingsstrategi 2040');
        await page.getByLabel('Namn på engelska').fill('Regional development strategy 2040');
        await page.getByLabel('Periodens första år').fill('2027');
        await page.getByLabel('Periodens sista år').fill('2040');
        await page.getByRole('button', { name: 'Starta utkast' }).click();
        expect(await page.locator('#slug-error').textContent()).toContain('små bokstäver');
        expect(await page.getByLabel('Namn på svenska').inputValue()).toBe(
          'Regional utvecklingsstrategi 2040',
        );
        await expectNoViolations(page);
        await page.getByLabel('Kortadress').fill('rus-2040');
        await page.getByRole('button', { name: 'Starta utkast' }).click();
        await page.waitForURL(/\/admin\/strategi\/\d+\?startat$/);
        const draftPath = new URL(page.url()).pathname;
        await expectNoViolations(page);

        // Drafts never show on the portal.
        const hidden = await page.request.get(`${base}/strategin/arkiv/rus-2040`);
        expect(hidden.status()).toBe(404);

        await page
          .getByRole('link', {
            name: 'Ändra 1.1 Hög delaktighet och upplevd trygghet i hela länet.',
          })
          .click();
        await page.waitForURL(/\/mal\/\d+$/);
        await expectNoViolations(page);
        await page.getByLabel('Namn på svenska').fill('');
        await page.getByRole('button', { name: 'Spara' }).click();
        expect(await page.locator('#nameSv-error').textContent()).toContain('tomt');
        await expectNoViolations(page);
        await page.getByLabel('Namn på svenska').fill(newGoalName);
        await page.getByRole('button', { name: 'Spara' }).click();
        await page.waitForURL(/\?sparat$/);
        await expect.poll(() => page.getByRole('status').textContent()).toContain('sparad');

        await page.getByRole('link', { name: 'Jämför med den gällande strategin' }).click();
        await page.waitForURL(/\/jamforelse$/);
        await expectNoViolations(page);
        expect(await page.locator('ins').first().textContent()).toContain('tillit');
        const summary = page.getByRole('table', { name: 'Sammanfattning av ändringarna' });
        expect(await summary.getByRole('row', { name: /^Ändrat/ }).textContent()).toBe('Ändrat1');

        await page.goto(`${base}${draftPath}`);
        await page.getByRole('link', { name: 'Anta utkastet' }).click();
        await page.waitForURL(/\/anta$/);
        await expectNoViolations(page);
        const mapping = page.getByLabel('Nya mål: 1.1');
        expect(await mapping.locator('option:checked').allTextContents()).toEqual([
          `1.1 ${newGoalName}`,
        ]);
        await mapping.selectOption([
          { label: `1.1 ${newGoalName}` },
          { label: '1.2 Hög självskattad hälsa i hela länet.' },
        ]);
        // Missing decision fields: errors, and the chosen mapping is kept.
        await page.getByRole('button', { name: 'Anta strategin' }).click();
        expect(await page.locator('#decisionDate-error').textContent()).toContain('ÅÅÅÅ-MM-DD');
        expect(
          await page.getByLabel('Nya mål: 1.1').locator('option:checked').allTextContents(),
        ).toHaveLength(2);
        await expectNoViolations(page);
        await page.getByLabel('Beslutsdatum').fill('2026-11-20');
        await page.getByLabel('Diarienummer').fill('RS 2026/412');
        await page.getByRole('button', { name: 'Anta strategin' }).click();
        await page.waitForURL(/\/admin\/strategi\?antagen=/);
        expect(await page.getByRole('status').textContent()).toContain('1 insatser fördes över');
        await expectNoViolations(page);

        // The portal shows the adopted version; the archive keeps the old one with its initiative.
        await page.goto(`${base}/`);
        expect(await page.title()).toContain('Regional utvecklingsstrategi 2040');
        await expectNoViolations(page);
        await page.goto(`${base}/strategin/arkiv`);
        await expectNoViolations(page);
        await page.getByRole('link', { name: /RUS för Kalmar län 2030/ }).click();
        await page.waitForURL(/\/strategin\/arkiv\/rus-2030$/);
        await expectNoViolations(page);
        const oldGoal = page.getByRole('region', {
          name: '1.1 Hög delaktighet och upplevd trygghet i hela länet.',
        });
        expect(await oldGoal.getByRole('link', { name: initiativeTitle }).count()).toBe(1);
        await page.goto(`${base}/en/strategin/arkiv/rus-2030`);
        await expectNoViolations(page);
        expect(await page.getByRole('note').textContent()).toContain(
          'This is an archived version of the strategy.',
        );

        // The initiative now stands under the new goal on the portal's goal area page.
        await page.goto(`${base}/malomraden/delaktighet-halsa-och-valbefinnande`);
        expect(await page.getByRole('link', { name: initiativeTitle }).count()).toBeGreaterThan(0);
        expect(await page.content()).toContain('tillit');
        await expectNoViolations(page);
      } finally {
        await context.close();
      }
    },
  );
});
