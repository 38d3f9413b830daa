import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { goals, importRuns, indicators } from '../../src/db/schema/index.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { defineIndicator } from '../../src/domain/followup/defineIndicator.js';
import {
  createReportingPeriod,
  openReportingPeriod,
} from '../../src/domain/followup/reportingPeriods.js';
import { createInitiative } from '../../src/domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../src/domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildInitiative } from '../../src/test/factories.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, PASSWORD } from '../../src/web/auth/testSupport.js';
import {
  completeSignIn,
  expectNoViolations,
  journeyWidths,
  launchChromium,
  listenOnLoopback,
} from './support.js';

/**
 * The analyst's and the actor's journeys of issue 19, in Swedish and in English: an indicator
 * made as a draft, values typed into its table, a file with one bad row refused whole with the
 * row and column named, a failed import run again; a red report stopped for its explanation.
 */
let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let initiativeId: number;
let periodId: number;
let failedRunId: number;

const languages = ['sv', 'en'] as const;
const isoDay = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = context(database.db, systemActor('test'));
  const org = await createOrganisation(ctx, { slug: 'emmaboda', name: 'Emmaboda', kind: 'kommun' });
  if (!org.ok) throw new Error('organisation');
  const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
  const created = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: org.value.id,
      goalIds: [goal!.id],
      title: 'Glasriket växer',
      endDate: null,
    }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  initiativeId = created.value.id;
  await transitionInitiative(ctx, { initiativeId, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId, action: 'approve' });
  const period = await createReportingPeriod(ctx, {
    kind: 'annan',
    periodStart: isoDay(-90),
    periodEnd: isoDay(-1),
    nameSv: 'Vårens rapport',
    nameEn: 'The spring report',
    dueDate: isoDay(14),
  });
  if (!period.ok) throw new Error(JSON.stringify(period.issues));
  periodId = period.value.id;
  await openReportingPeriod(ctx, { id: periodId });
  const kolada = await defineIndicator(ctx, {
    goalId: goal!.id,
    slug: 'glas-invanare',
    nameSv: 'Invånare i glasriket',
    nameEn: 'Inhabitants of the kingdom of glass',
    unit: 'antal',
    source: 'kolada',
    sourceRef: 'N01951',
    direction: 'higher',
  });
  if (!kolada.ok) throw new Error('indicator');
  const [run] = await database.db
    .insert(importRuns)
    .values({
      source: 'kolada',
      status: 'failed',
      params: { kpi: 'N01951', indicator: 'glas-invanare', years: [2020, 2021, 2022] },
      errors: [{ row: 0, field: '_', message: 'Kolada svarade inte.', code: 'source' }],
      finishedAt: new Date(),
    })
    .returning({ id: importRuns.id });
  failedRunId = run!.id;
  await makeUser(database.db, 'analytiker@region.example', 'analytiker');
  await makeUser(database.db, 'agare@emmaboda.example', 'aktor', [org.value.id]);
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function signedIn(lang: 'sv' | 'en', email: string): Promise<[BrowserContext, Page]> {
  const c = await browser.newContext({ viewport: journeyWidths[0]! });
  c.setDefaultTimeout(15_000);
  if (lang === 'en') await c.addCookies([{ name: 'riktning_sprak', value: 'en', url: base }]);
  const page = await c.newPage();
  await page.goto(`${base}/logga-in?tillbaka=%2Fadmin`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password').press('Enter');
  await completeSignIn(page, database.db, email);
  await page.waitForURL(/\/admin$/);
  return [c, page];
}

const countValues = async (slug: string) =>
  (
    await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from observations o join indicators i on i.id = o.indicator_id
        where i.slug = ${slug}`,
    )
  )[0]!.n;

describe('an analyst keeps the indicators and their values', () => {
  for (const lang of languages) {
    it(`drafts an indicator, types values, uploads a file with a bad row, retries an import (${lang})`, async () => {
      const slug = `glasbruk-${lang}`;
      const [c, page] = await signedIn(lang, 'analytiker@region.example');
      try {
        await page
          .getByRole('link', { name: lang === 'sv' ? 'Indikatorer' : 'Indicators' })
          .click();
        await page.waitForURL(/\/admin\/indikatorer$/);
        await expectNoViolations(page);
        await page
          .getByRole('link', { name: lang === 'sv' ? 'Ny indikator' : 'New indicator' })
          .click();
        await page.locator('#goalId').selectOption({ index: 1 });
        await page.locator('#nameSv').fill(`Glasbruk i drift (${lang})`);
        await page.locator('#nameEn').fill(`Glassworks in operation (${lang})`);
        await page.locator('#slug').fill(slug);
        await page.locator('#unit').fill('antal');
        await page.locator('input[name="source"][value="manual"]').check();
        await page.locator('input[name="placeCodes"][value="0862"]').check();
        await page.locator('form button[type="submit"]').last().click();
        await page.waitForURL(/\/admin\/indikatorer\/\d+\?klart=skapad$/);
        expect(await page.locator('p.message[role="status"]').first().textContent()).toContain(
          lang === 'sv' ? 'skapad som utkast' : 'created as a draft',
        );
        await expectNoViolations(page);
        const [row] = await database.db.select().from(indicators).where(eq(indicators.slug, slug));
        expect(row!.publishedAt).toBeNull();

        // Values typed into the table.
        await page
          .getByRole('link', { name: lang === 'sv' ? /Egna värden/ : /Own values/ })
          .first()
          .click();
        await page.waitForURL(/\/varden$/);
        await expectNoViolations(page);
        const year = new Date().getUTCFullYear() - 1;
        await page.locator(`#v_0862_${year}_T`).fill('7');
        await page
          .getByRole('button', { name: lang === 'sv' ? 'Spara värdena' : 'Save the values' })
          .click();
        await page.waitForURL(/klart=sparade/);
        expect(await countValues(slug)).toBe(1);

        // A file with one bad row: nothing saved, the row and the column named.
        const csv = [
          'indicator,place,period,gender,value,status',
          `${slug},0862,${year - 1},T,6,`,
          `${slug},0862,${year - 2},T,sex,`,
        ].join('\n');
        await page.locator('#file').setInputFiles({
          name: 'glasbruk.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(csv),
        });
        await page.getByRole('button', { name: lang === 'sv' ? 'Ladda upp' : 'Upload' }).click();
        const errors = page.locator('#fel table tbody tr');
        await expect.poll(() => errors.count()).toBe(1);
        expect((await errors.first().locator('td').allTextContents()).slice(0, 2)).toEqual([
          '3',
          'value',
        ]);
        expect(await countValues(slug)).toBe(1);
        await expectNoViolations(page);

        // A failed import, run again from its page.
        await page.goto(`${base}/admin/importer/${failedRunId}`);
        expect(await page.locator('dl').nth(1).textContent()).toContain(
          lang === 'sv' ? 'Nyckeltal i Kolada' : 'Kolada key figure',
        );
        await expectNoViolations(page);
        await page
          .getByRole('button', { name: lang === 'sv' ? 'Gör om importen' : 'Run the import again' })
          .click();
        await page.waitForURL(/\/admin\/importer$/);
        expect(await page.locator('#koade').textContent()).toBe(
          lang === 'sv' ? 'Köade importer' : 'Queued imports',
        );
        await expectNoViolations(page);
      } finally {
        await c.close();
      }
    }, 180_000);
  }
});

describe('an actor reports', () => {
  for (const lang of languages) {
    it(`is stopped when a red report has no explanation (${lang})`, async () => {
      const [c, page] = await signedIn(lang, 'agare@emmaboda.example');
      try {
        await page.goto(`${base}/admin/rapportering/${periodId}/${initiativeId}`);
        await expectNoViolations(page);
        await page.locator('#trafficLight-avvikelse').check();
        await page.locator('#narrative').fill('Ugnen gick sönder och produktionen stod still.');
        await page.locator('button[name="action"][value="submit"]').click();
        expect(await page.locator('#deviationExplanation-error').textContent()).toContain(
          lang === 'sv' ? 'Förklara vad som avviker' : 'Explain what is off track',
        );
        expect(await page.locator('#narrative').inputValue()).toContain('Ugnen gick sönder');
        await expectNoViolations(page);
        const [n] = await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from progress_reports where initiative_id = ${initiativeId}`,
        );
        expect(n!.n).toBe(0);
      } finally {
        await c.close();
      }
    }, 120_000);
  }
});
