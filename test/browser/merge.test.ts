import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { goals } from '../../src/db/schema/index.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { createInitiative } from '../../src/domain/initiatives/createInitiative.js';
import { loadInitiativeData } from '../../src/domain/initiatives/initiativeData.js';
import { transitionInitiative } from '../../src/domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildInitiative } from '../../src/test/factories.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, PASSWORD } from '../../src/web/auth/testSupport.js';
import { completeSignIn, expectNoViolations, launchChromium, listenOnLoopback } from './support.js';

/**
 * Two signed-in people edit the same initiative in two browsers: no saved value is lost or
 * reverted without the person choosing it.
 */
let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let orgId: number;
let goalId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = context(database.db, systemActor('test'));
  const org = await createOrganisation(ctx, {
    slug: 'torsas',
    name: 'Torsås kommun',
    kind: 'kommun',
  });
  if (!org.ok) throw new Error('organisation');
  orgId = org.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  await makeUser(database.db, 'anna@example.se', 'aktor', [orgId]);
  await makeUser(database.db, 'bertil@example.se', 'aktor', [orgId]);
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

async function session(email: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();
  await page.goto(`${base}/admin`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await completeSignIn(page, database.db, email);
  return { ctx, page };
}

async function initiative(published: boolean) {
  const ctx = context(database.db, systemActor('test'));
  const r = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: orgId,
      goalIds: [goalId],
      title: 'Gemensam insats',
      diarienummer: 'KS 2026/1',
    }),
  );
  if (!r.ok) throw new Error('initiative');
  if (published) {
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'approve' });
  }
  return r.value.id;
}
const stored = async (id: number) => (await loadInitiativeData(database.db, id))!;
const edit = (page: Page, id: number) => page.goto(`${base}/admin/insatser/${id}/redigera`);
const title = (page: Page) => page.getByLabel('Rubrik', { exact: true });
const diarienummer = (page: Page) => page.getByLabel('Diarienummer', { exact: true });
const saveButton = (page: Page) => page.getByRole('button', { name: 'Spara ändringarna' });

describe('two people edit one initiative', () => {
  it('merges disjoint fields, asks about the same field, and meets proposals without loss', async () => {
    const anna = await session('anna@example.se');
    const bertil = await session('bertil@example.se');
    const editor = await session('samordnare@example.se');
    try {
      // Disjoint fields: both kept.
      const a = await initiative(false);
      await edit(anna.page, a);
      await edit(bertil.page, a);
      await title(bertil.page).fill('Bertils rubrik');
      await saveButton(bertil.page).click();
      await bertil.page.waitForURL(/klart=sparad/);
      await diarienummer(anna.page).fill('KS 2026/2');
      await saveButton(anna.page).click();
      await anna.page.waitForURL(/klart=sparad/);
      let s = await stored(a);
      expect([s.data.title, s.data.diarienummer]).toEqual(['Bertils rubrik', 'KS 2026/2']);

      // The same field: side by side, nothing saved until chosen.
      await edit(anna.page, a);
      await edit(bertil.page, a);
      await title(bertil.page).fill('Bertil igen');
      await saveButton(bertil.page).click();
      await bertil.page.waitForURL(/klart=sparad/);
      await title(anna.page).fill('Anna igen');
      await saveButton(anna.page).click();
      await anna.page
        .getByRole('heading', { name: 'Någon annan har ändrat samma fält under tiden' })
        .waitFor();
      await expectNoViolations(anna.page);
      expect((await stored(a)).data.title).toBe('Bertil igen');
      await anna.page.getByLabel('Använd min ändring').check();
      await saveButton(anna.page).click();
      await anna.page.waitForURL(/klart=sparad/);
      expect((await stored(a)).data.title).toBe('Anna igen');

      // A proposal against a curator's edit, then the stale proposal approved.
      const p = await initiative(true);
      await edit(anna.page, p);
      await title(anna.page).fill('Föreslagen rubrik');
      await anna.page.getByRole('button', { name: /Spara/ }).last().click();
      await anna.page.waitForURL(/klart=foreslagen/);
      await edit(editor.page, p);
      await editor.page.getByRole('heading', { name: 'Ett ändringsförslag är öppet' }).waitFor();
      await expectNoViolations(editor.page);
      await diarienummer(editor.page).fill('KS 2026/777');
      await saveButton(editor.page).click();
      await editor.page.waitForURL(/klart=sparad/);
      await anna.page.goto(`${base}/admin/insatser/${p}`);
      await anna.page.getByText('Förslaget bygger nu på den nya versionen').waitFor();
      await anna.page.getByRole('button', { name: 'Skicka in ändringsförslaget' }).click();
      await anna.page.waitForURL(/klart=inskickad/);
      await editor.page.goto(`${base}/admin/insatser/${p}`);
      await editor.page.getByRole('button', { name: 'Godkänn ändringsförslaget' }).click();
      await editor.page.getByRole('button', { name: 'Ja, godkänn förslaget' }).click();
      await editor.page.waitForURL(/klart=publicerad/);
      s = await stored(p);
      expect([s.data.title, s.data.diarienummer, s.pending]).toEqual([
        'Föreslagen rubrik',
        'KS 2026/777',
        null,
      ]);
    } finally {
      await anna.ctx.close();
      await bertil.ctx.close();
      await editor.ctx.close();
    }
  });
});
