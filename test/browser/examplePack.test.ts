import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import {
  readFixture,
  startFixtureServer,
  type FixtureServer,
} from '../../src/domain/imports/fixtureServer.js';
import { refreshIndicator } from '../../src/jobs/refreshIndicators.js';
import { useRegionPack } from '../../src/region/activeRegion.js';
import { requireRegionPack } from '../../src/region/loadPack.js';
import { seedPackIndicators } from '../../src/region/seedPackIndicators.js';
import { seedReference } from '../../src/seed/seedReference.js';
import { emptyDatabaseEnv, testCtx } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import * as mails from '../../src/mail/templates.js';
import * as consultationMails from '../../src/mail/consultationTemplates.js';
import { expectNoViolations, launchChromium, listenOnLoopback, widths } from './support.js';

/**
 * The portal of the second pack shipped in the repository (regions/exempel-uppsala: a plainly
 * made-up strategy on Uppsala län's real places) in a browser: every page type without axe
 * violations at both widths, its own county among the län from recorded Kolada responses, and
 * nothing that names the default region.
 */
const PACK = path.resolve(import.meta.dirname, '../../regions/exempel-uppsala');
const DEFAULT_REGION = /kalmar/i;

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let kolada: FixtureServer;
let drop: () => Promise<void>;
let work: string;

beforeAll(async () => {
  useRegionPack(requireRegionPack(PACK));
  const empty = await emptyDatabaseEnv();
  drop = empty.drop;
  work = mkdtempSync(path.join(tmpdir(), 'riktning-example-'));
  database = await openDatabase(loadConfig({ ...empty.env, RIKTNING_REGION: PACK }).database);
  await database.migrate();
  const ctx = testCtx(database.db);
  await seedReference(ctx);
  await seedPackIndicators(ctx);
  const recorded = JSON.parse(await readFixture('kolada/data-N00914-comparison.json')) as {
    values: { municipality: string }[];
  };
  kolada = await startFixtureServer((req) => {
    if (req.path === '/kpi/N00914') return { fixture: 'kolada/kpi-search-forvarvsarbetande.json' };
    const m = /^\/data\/kpi\/N00914\/municipality\/([\d,]+)\//.exec(req.path);
    if (!m) return { status: 404, body: { error: 'not found' } };
    const ids = new Set(m[1]!.split(','));
    const values = recorded.values.filter((r) => ids.has(r.municipality));
    return { body: { count: values.length, values, next_url: null } };
  });
  const outcome = await refreshIndicator(
    ctx,
    { slug: 'forvarvsarbetande-20-64' },
    {
      koladaBaseUrl: kolada.baseUrl,
      scbV1BaseUrl: '',
      scbV2BaseUrl: '',
    },
  );
  if (!outcome?.ok) throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await kolada?.close();
  await database?.close();
  await drop?.();
  rmSync(work, { recursive: true, force: true });
});

const pages = [
  '/',
  '/strategin',
  '/malomraden/arbete-och-kompetens',
  '/insatser',
  '/kommuner',
  '/kommuner/0380',
  '/uppfoljning',
  '/indikatorer/forvarvsarbetande-20-64',
  '/agenda-2030',
  '/tackning',
  '/tillganglighet',
  '/personuppgifter',
  '/en',
  '/en/indikatorer/forvarvsarbetande-20-64',
];

/**
 * Every page type at the narrow width, where the layout differs most from the default pack's
 * checked pages; at the wide width the pages whose content is most the pack's own (the default
 * pack's own portal test runs every page type at both widths).
 */
const wide = new Set(['/', '/kommuner/0380', '/indikatorer/forvarvsarbetande-20-64', '/en']);

describe('the example pack in a browser', () => {
  for (const viewport of widths) {
    it(`has no axe violations and names only its own region (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        for (const p of viewport === widths[0] ? pages : pages.filter((q) => wide.has(q))) {
          const res = await page.goto(`${base}${p}`);
          expect(res?.status(), p).toBe(200);
          // The comparison of all län names every county, the default one too, as data.
          const own = await page.evaluate<string>(`(() => {
            const copy = document.documentElement.cloneNode(true);
            for (const c of copy.querySelectorAll('.comparison')) c.remove();
            return copy.outerHTML;
          })()`);
          expect(own.match(DEFAULT_REGION)?.[0], p).toBeUndefined();
          await expectNoViolations(page);
        }
      } finally {
        await context.close();
      }
    }, 240_000);
  }

  it('names only its own region in its feeds, exports and mails', async () => {
    // The open-data package and the places API list every county as a comparison area; the
    // rest speaks of the installation's own region only.
    for (const p of [
      '/flode.atom',
      '/malomraden/arbete-och-kompetens/flode.atom',
      '/insatser.csv',
      '/dcat',
      '/api/v1/iati/activities.xml',
      '/api/v1/strategies',
      '/api/v1/goal-areas',
      '/api/v1/indicators',
      '/api/v1/openapi.json',
      '/api/v1/initiatives.csv',
    ]) {
      const res = await fetch(`${base}${p}`);
      expect(res.status, p).toBe(200);
      const body = await res.text();
      expect(body.length, p).toBeGreaterThan(0);
      expect(body.match(DEFAULT_REGION)?.[0], p).toBeUndefined();
    }
    const link = `${base}/x`;
    const written = [
      mails.invitationMail({ link, role: 'samordnare', organisation: 'Heby kommun', days: 7 }),
      mails.passwordResetMail({ link, minutes: 60 }),
      mails.initiativeSubmittedMail({ title: 'T', organisation: 'Heby kommun', link }),
      mails.initiativeReturnedMail({ title: 'T', comment: 'C', link }),
      mails.initiativePublishedMail({ title: 'T', link }),
      mails.proposalRebasedMail({ title: 'T', link }),
      mails.reportReminderMail({
        title: 'T',
        periodSv: '2025',
        periodEn: '2025',
        dueDate: '2026-01-31',
        daysLate: 0,
        link,
      }),
      mails.progressReportReturnedMail({ title: 'T', comment: 'C', link }),
      consultationMails.consultationInvitationMail({
        organisation: 'Heby kommun',
        titleSv: 'T',
        titleEn: 'T',
        opensOn: '2026-01-01',
        closesOn: '2026-02-01',
        link,
      }),
      consultationMails.commentVerificationMail({ displayName: 'A', titleSv: 'T', link, days: 2 }),
    ];
    for (const m of written) {
      expect(m.text).toContain('Exempelregionen i Uppsala län');
      expect(`${m.subject}\n${m.text}`.match(DEFAULT_REGION)?.[0], m.subject).toBeUndefined();
    }
  });

  it('shows its county among the län, its municipalities and the numbers in words', async () => {
    const context = await browser.newContext({ viewport: widths[1] });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/indikatorer/forvarvsarbetande-20-64`);
      const rank = await page.locator('.comparison .rank').textContent();
      const place = /^plats (\d+) av 21$/.exec(rank ?? '')?.[1];
      expect(place).toBeDefined();
      const words = await page.locator('#i-ord + p.summary').textContent();
      expect(words).toContain(
        `Bland de 21 län som har ett värde 2023 har Uppsala län plats ${place}; riket hade 80,4 %.`,
      );
      await page.goto(`${base}/kommuner`);
      for (const name of ['Uppsala', 'Enköping', 'Östhammar', 'Heby'])
        await expect(page.locator('svg').getByText(name, { exact: true }).count()).resolves.toBe(1);
      await page.goto(`${base}/strategin`);
      expect(await page.locator('h1').textContent()).toContain('Exempelstrategi för Uppsala län');
    } finally {
      await context.close();
    }
  });
});
