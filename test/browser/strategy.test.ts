import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createDemoDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { expectNoViolations, launchChromium, listenOnLoopback, widths } from './support.js';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let dir: string;

beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  browser = await launchChromium();
  dir = await mkdtemp(path.join(tmpdir(), 'riktning-strategy-'));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

const languages = [
  { locale: 'sv', start: '/', menu: 'Strategin', pdf: 'Strategin som PDF', contents: 'Innehåll' },
  {
    locale: 'en',
    start: '/en',
    menu: 'The strategy',
    pdf: 'The strategy as PDF',
    contents: 'Contents',
  },
] as const;

describe('a politician prints the strategy', () => {
  for (const l of languages) {
    for (const viewport of widths) {
      it(`reaches the strategy from the menu and follows its contents (${l.locale}, ${viewport.name})`, async () => {
        const context = await browser.newContext({ viewport });
        context.setDefaultTimeout(15_000);
        const page = await context.newPage();
        try {
          await page.goto(`${base}${l.start}`);
          await page
            .getByRole('navigation')
            .getByRole('link', { name: l.menu, exact: true })
            .click();
          await page.waitForURL(/\/strategin$/);
          await expectNoViolations(page);
          expect(
            await page.evaluate<number>('document.documentElement.scrollWidth'),
          ).toBeLessThanOrEqual(viewport.width);
          const contents = page.getByRole('navigation', { name: l.contents });
          await contents.locator('a[href="#beslut"]').click();
          await page.waitForURL(/#beslut$/);
          const pdfHref = await page.getByRole('link', { name: l.pdf }).getAttribute('href');
          expect(pdfHref).toMatch(/\/strategin\/strategi\.pdf$/);
        } finally {
          await context.close();
        }
      });
    }

    it(`prints a tagged PDF with contents and page numbers (${l.locale})`, async () => {
      const res = await fetch(`${base}${l.locale === 'sv' ? '' : '/en'}/strategin/strategi.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const file = path.join(dir, `strategi-${l.locale}.pdf`);
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      const info = tool('pdfinfo', [file]);
      expect(info).toMatch(/Tagged:\s+yes/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThan(1);
      const text = tool('pdftotext', ['-enc', 'UTF-8', file, '-']);
      expect(text).toContain(l.contents);
      expect(text).toMatch(new RegExp(`1\\s*/\\s*${pages}`));
      expect(text).toContain(
        l.locale === 'sv' ? 'Stärkt konkurrenskraft' : 'Strengthened competitiveness',
      );
    });
  }
});
