import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { secondFactorCode } from '../../src/web/auth/testSupport.js';

/** Debian's Chromium, headless, with nothing reaching outside the machine. */
export function launchChromium(): Promise<Browser> {
  // Playwright gives every launch a new, empty user data directory of its own.
  return chromium.launch({
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Starts the app on a free loopback port and returns its base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export const widths = [
  { name: 'phone', width: 375, height: 740 },
  { name: 'desktop', width: 1280, height: 900 },
];

/**
 * The long signed-in journeys run at the narrow width, the harder layout, in the normal suite
 * and at every width with RIKTNING_LONG_TESTS=1; the portal's pages are checked at every width
 * always.
 */
export const journeyWidths = process.env.RIKTNING_LONG_TESTS === '1' ? widths : widths.slice(0, 1);

/** WCAG 2.1 AA as axe checks it: no violations on the page. */
export async function expectNoViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    page.url(),
  ).toEqual([]);
}

/**
 * After the password: administrators and coordinators pass the second step, here with a fresh
 * recovery code (stored as the server stores them; tests sign in more often than a TOTP code may
 * be used). Others go straight on. Ends on the page the sign-in leads to.
 */
export async function completeSignIn(
  page: Page,
  db: Db,
  email: string,
  options: { checkAccessibility?: boolean } = {},
): Promise<void> {
  await page.waitForURL(/\/admin(\/[^/]*)?$|\/logga-in\/andra-steget$/);
  if (!page.url().endsWith('/logga-in/andra-steget')) return;
  if (options.checkAccessibility) await expectNoViolations(page);
  await page.getByLabel('Kod från appen eller reservkod').fill(await secondFactorCode(db, email));
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
}
