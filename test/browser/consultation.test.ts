import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { swedishDate } from '../../src/domain/consultation/policies.js';
import { draftOutline } from '../../src/domain/consultation/queries.js';
import { context, systemActor } from '../../src/domain/context.js';
import { startDraftStrategy } from '../../src/domain/drafting/startDraftStrategy.js';
import { currentStrategy } from '../../src/domain/strategy/queries.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { linkIn, makeUser, PASSWORD, startMailCatcher } from '../../src/web/auth/testSupport.js';
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
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
const previousSmtp = process.env.SMTP_URL;
const drafts: Record<string, { id: number; goalId: number }> = {};

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  process.env.SMTP_URL = smtp.url;
  const ctx = context(database.db, systemActor('test'));
  const current = await currentStrategy(database.db);
  for (const viewport of journeyWidths) {
    const draft = await startDraftStrategy(ctx, {
      fromStrategyId: current.id,
      slug: `rus-2040-${viewport.name}`,
      nameSv: `Regional utvecklingsstrategi 2040 (${viewport.name})`,
      nameEn: `Regional development strategy 2040 (${viewport.name})`,
      periodStart: 2027,
      periodEnd: 2040,
    });
    if (!draft.ok) throw new Error('draft');
    const goalId = (await draftOutline(database.db, draft.value.id))[0]!.goals[0]!.id;
    drafts[viewport.name] = { id: draft.value.id, goalId };
  }
  const kalmar = await createOrganisation(ctx, {
    slug: 'kalmar-kommun',
    name: 'Kalmar kommun',
    kind: 'kommun',
  });
  const lnu = await createOrganisation(ctx, {
    slug: 'linneuniversitetet',
    name: 'Linnéuniversitetet',
    kind: 'larosate',
  });
  if (!kalmar.ok || !lnu.ok) throw new Error('organisations');
  await makeUser(database.db, 'kommun@example.se', 'aktor', [kalmar.value.id]);
  await makeUser(database.db, 'redaktor@example.se', 'samordnare');
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

async function signedIn(viewport: (typeof journeyWidths)[number], email: string) {
  const ctx = await browser.newContext({ viewport });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();
  await page.goto(`${base}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await completeSignIn(page, database.db, email);
  await page.waitForURL(/\/admin$/);
  return { ctx, page };
}

async function visit(page: Page, path: string) {
  await page.goto(`${base}${path}`);
  await expectNoViolations(page);
}

describe('consultation journey', () => {
  for (const viewport of journeyWidths) {
    it(`an editor consults on a draft, a kommun responds, a citizen comments, the editor compiles (${viewport.name})`, async () => {
      const draft = drafts[viewport.name]!;
      const title = `Samråd om RUS 2040 (${viewport.name})`;
      const contexts: BrowserContext[] = [];
      try {
        // The editor plans the consultation; a first try with a gap keeps what was typed.
        const editor = await signedIn(viewport, 'redaktor@example.se');
        contexts.push(editor.ctx);
        const e = editor.page;
        await e.getByRole('link', { name: 'Samråd', exact: true }).click();
        await e.waitForURL(/\/admin\/samrad$/);
        await expectNoViolations(e);
        await e.getByRole('link', { name: 'Planera nytt samråd' }).click();
        await e.getByLabel('Strategiutkast').selectOption(String(draft.id));
        await e.getByLabel('Rubrik (svenska)').fill(title);
        await e
          .getByLabel('Rubrik (engelska)')
          .fill(`Consultation on the 2040 strategy (${viewport.name})`);
        await e.getByLabel('Inledning (svenska)').fill('Kort');
        await e.getByLabel('Frågor (svenska), en fråga per rad').fill('Saknas något mål?');
        await e.getByLabel('Frågor (engelska), i samma ordning').fill('Is a goal missing?');
        await e.getByLabel('Första dag (ÅÅÅÅ-MM-DD)').fill(day(7));
        await e.getByLabel('Sista dag för svar (ÅÅÅÅ-MM-DD)').fill(day(30));
        await e.getByRole('button', { name: 'Planera samrådet' }).click();
        expect(await e.locator('#introductionSv-error').textContent()).toContain('tio tecken');
        expect(await e.getByLabel('Rubrik (svenska)').inputValue()).toBe(title);
        await expectNoViolations(e);
        await e
          .getByLabel('Inledning (svenska)')
          .fill('Region Kalmar län vill veta vad ni tycker om utkastet till strategi för 2040.');
        await e.getByRole('button', { name: 'Planera samrådet' }).click();
        await e.waitForURL(/\/admin\/samrad\/\d+\?klart=skapad/);
        const detail = new URL(e.url()).pathname;
        const id = Number(detail.split('/').pop());
        await expectNoViolations(e);

        // Nothing of the draft is public yet.
        const citizenCtx = await browser.newContext({ viewport });
        contexts.push(citizenCtx);
        citizenCtx.setDefaultTimeout(15_000);
        const c = await citizenCtx.newPage();
        const missing = await c.goto(`${base}/strategin-tas-fram/${id}`);
        expect(missing?.status()).toBe(404);

        const mailsBefore = smtp.mails.length;
        await e.getByLabel('Kalmar kommun').check();
        await e.getByRole('button', { name: 'Bjud in och skicka e-post' }).click();
        await e.waitForURL(/klart=inbjudna/);
        expect(smtp.mails.slice(mailsBefore).map((m) => m.to[0])).toContain('kommun@example.se');
        await e.getByRole('button', { name: 'Öppna samrådet nu' }).click();
        await expectNoViolations(e);
        await e.getByRole('button', { name: 'Ja, öppna samrådet' }).click();
        await e.waitForURL(/klart=oppnad/);
        await e.getByLabel('Datum (ÅÅÅÅ-MM-DD)').fill(day(0));
        await e.getByLabel('Plats').fill('Folkets hus, Nybro');
        await e.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Nybro' });
        await e.getByLabel('Kvinnor').fill('14');
        await e.getByLabel('Män', { exact: true }).fill('11');
        await e
          .getByLabel('Anteckningar')
          .fill('Samtal om kollektivtrafik och kompetensförsörjning.');
        await e.getByRole('button', { name: 'Spara mötet' }).click();
        await e.waitForURL(/klart=mote/);
        await expectNoViolations(e);

        // A kommun member writes and submits the remissvar.
        const member = await signedIn(viewport, 'kommun@example.se');
        contexts.push(member.ctx);
        const m = member.page;
        await visit(m, '/admin/samrad');
        await m.getByRole('link', { name: title }).click();
        await m.waitForURL(/\/svar\/\d+$/);
        await expectNoViolations(m);
        await m
          .getByLabel('Sammanfattning av organisationens synpunkter')
          .fill('Kalmar kommun ställer sig bakom utkastet med några tillägg.');
        await m.locator(`#goal-${draft.goalId}`).fill('Målet bör följas upp per kommun.');
        await m.getByRole('button', { name: 'Spara utkast' }).click();
        await m.waitForURL(/klart=sparad/);
        await expectNoViolations(m);
        await m.getByRole('button', { name: 'Skicka in remissvaret' }).click();
        await m.waitForURL(/klart=inskickad/);
        await expectNoViolations(m);

        // A citizen reads the draft, comments and confirms by email.
        await visit(c, '/strategin-tas-fram');
        expect(await c.locator('body').textContent()).toContain('Målet bör följas upp per kommun.');
        const goal = c.locator(`#mal-${draft.goalId}`);
        await goal.getByText('Skriv en kommentar').click();
        await goal.getByLabel('Namn som visas').fill(`Anna i Nybro (${viewport.name})`);
        await goal
          .getByLabel('Kommentar', { exact: true })
          .fill('Bra mål, men glöm inte landsbygdens pendlare.');
        await goal.getByRole('button', { name: 'Skicka kommentar' }).click();
        // A first try without an email address: the error sits at the field, the text stays.
        expect(await c.locator(`#email-${draft.goalId}-error`).textContent()).toContain(
          'e-postadress',
        );
        expect(await goal.getByLabel('Kommentar', { exact: true }).inputValue()).toContain(
          'pendlare',
        );
        await expectNoViolations(c);
        const beforeComment = smtp.mails.length;
        await goal.getByLabel('E-postadress').fill(`anna.${viewport.name}@example.se`);
        await goal.getByRole('button', { name: 'Skicka kommentar' }).click();
        await c.waitForURL(/skickat=verifiera/);
        await expectNoViolations(c);
        await expect.poll(() => smtp.mails.length).toBeGreaterThan(beforeComment);
        const mail = smtp.mails
          .slice(beforeComment)
          .find((x) => x.to[0] === `anna.${viewport.name}@example.se`)!;
        await visit(c, linkIn(mail, '/strategin-tas-fram/bekrafta/'));
        await c.getByRole('button', { name: 'Bekräfta min kommentar' }).click();
        await c.getByRole('heading', { name: 'Kommentaren är bekräftad' }).waitFor();
        await expectNoViolations(c);
        await visit(c, '/strategin-tas-fram/moderering');

        // The editor publishes the comment after moderation.
        await visit(e, detail);
        const comment = e.locator('li[id^="kommentar-"]', {
          hasText: `Anna i Nybro (${viewport.name})`,
        });
        await comment.getByLabel('Publicera').check();
        await comment.getByRole('button', { name: 'Spara beslutet' }).click();
        await e.waitForURL(/klart=modererad/);
        await visit(c, `/strategin-tas-fram/${id}`);
        expect(await c.locator(`#mal-${draft.goalId}`).textContent()).toContain(
          'landsbygdens pendlare',
        );
        await visit(c, `/en/strategin-tas-fram/${id}`);

        // After the period: the editor answers every view and publishes the compilation.
        await visit(e, detail);
        await e.getByRole('button', { name: 'Stäng samrådet nu' }).click();
        await e.getByRole('button', { name: 'Ja, stäng samrådet' }).click();
        await e.waitForURL(/klart=stangd/);
        await e.getByRole('link', { name: 'Sammanställ remissvaren' }).click();
        await e.waitForURL(/\/sammanstallning$/);
        await expectNoViolations(e);
        await e
          .getByLabel('Ställningstagande till synpunkten från Kalmar kommun')
          .selectOption('tillgodosedd');
        await e
          .getByLabel('Regionens svar till Kalmar kommun')
          .fill('Målet följs upp per kommun i den nya strategin.');
        await e
          .getByLabel(`Ställningstagande till synpunkten från Anna i Nybro (${viewport.name})`)
          .selectOption('delvis');
        await e
          .getByLabel(`Regionens svar till Anna i Nybro (${viewport.name})`)
          .fill('Pendlingen tas upp under målet om infrastruktur.');
        await e
          .getByLabel('Inledning till sammanställningen')
          .fill('Region Kalmar län tackar alla som har lämnat synpunkter på utkastet.');
        await e.getByRole('button', { name: 'Publicera sammanställningen' }).click();
        await e.waitForURL(/klart=publicerad/);
        await expectNoViolations(e);

        await visit(c, `/strategin-tas-fram/${id}/sammanstallning`);
        const text = await c.locator('main').textContent();
        expect(text).toContain('Målet följs upp per kommun i den nya strategin.');
        expect(text).toContain('Delvis tillgodosedd');
        await visit(c, `/en/strategin-tas-fram/${id}/sammanstallning`);
        const pdf = await c.request.get(`${base}/strategin-tas-fram/${id}/sammanstallning.pdf`);
        expect(pdf.status()).toBe(200);
        expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

        // The consulted draft is adopted (once: the phone run's draft stays a draft), becomes the
        // current strategy on the portal and the earlier version moves to the archive.
        if (viewport.name === 'desktop') {
          await visit(e, `/admin/strategi/${draft.id}/anta`);
          await e.getByLabel('Beslutsdatum').fill(day(0));
          await e.getByLabel('Diarienummer').fill('RS 2026/512');
          await e.getByRole('button', { name: 'Anta strategin' }).click();
          await e.waitForURL(/\/admin\/strategi\?antagen=/);
          await expectNoViolations(e);
          await visit(c, '/');
          expect(await c.title()).toContain('Regional utvecklingsstrategi 2040 (desktop)');
          await visit(c, '/strategin/arkiv');
          expect(await c.locator('main').textContent()).toContain('RUS för Kalmar län 2030');
          await visit(c, `/strategin-tas-fram/${id}/sammanstallning`);
        }
      } finally {
        for (const ctx of contexts) await ctx.close();
      }
    }, 240_000);
  }
});
