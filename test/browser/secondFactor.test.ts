import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { totpCode, TOTP_PERIOD_S } from '../../src/domain/actors/secondFactor/totp.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { makeUser, PASSWORD } from '../../src/web/auth/testSupport.js';
import { expectNoViolations, launchChromium } from './support.js';

/**
 * The second factor in Chromium: a coordinator's forced enrolment with a code from the key on
 * the page, then a passkey registered and used through the page's script and Chromium's virtual
 * authenticator (WebAuthn over the DevTools protocol). The relying party is localhost, so the
 * public URL names it with the port the server then listens on.
 */
let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const previous = process.env.RIKTNING_PUBLIC_URL;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  process.env.RIKTNING_PUBLIC_URL = base;
  database = await createTestDatabase();
  await makeUser(database.db, 'samordnare@example.se', 'samordnare', [], { enrolled: false });
  app = await buildApp({ database });
  await app.listen({ host: '127.0.0.1', port });
  browser = await launchChromium();
});
afterAll(async () => {
  if (previous === undefined) delete process.env.RIKTNING_PUBLIC_URL;
  else process.env.RIKTNING_PUBLIC_URL = previous;
  await browser?.close();
  await app?.close();
  await database?.close();
});

describe('second factor in the browser', () => {
  it('a coordinator enrols an app, registers a passkey and signs in with it', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });

    const signIn = async () => {
      await page.goto(`${base}/logga-in`);
      await page.getByLabel('E-postadress').fill('samordnare@example.se');
      await page.getByLabel('Lösenord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Logga in' }).click();
    };
    await signIn();
    await page.waitForURL(/\/logga-in\/aktivera$/);
    await expectNoViolations(page);
    const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('Kod från appen').fill(totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Bekräfta och aktivera' }).click();
    await page.getByRole('heading', { name: 'Dina reservkoder' }).waitFor();
    await expectNoViolations(page);
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await page.getByRole('link', { name: 'Jag har sparat koderna – fortsätt' }).click();
    await page.waitForURL(/\/admin$/);

    await page.goto(`${base}/admin/konto/tvastegsverifiering`);
    await expectNoViolations(page);
    await page.getByLabel('Namn på nyckeln').fill('Virtuell nyckel');
    await page.getByRole('button', { name: 'Registrera en nyckel' }).click();
    await page.waitForURL(/klart=nyckel$/);
    await expect.poll(() => page.getByText('Virtuell nyckel').count()).toBe(1);

    await page.goto(`${base}/admin/konto`);
    await page.locator('form[action="/logga-ut"] button').click();
    await page.waitForURL(/utloggad=1/);
    await signIn();
    await page.waitForURL(/\/logga-in\/andra-steget$/);
    await expectNoViolations(page);
    await page.getByRole('button', { name: 'Logga in med nyckel' }).click();
    await page.waitForURL(/\/admin$/);
    // The code field still works beside it: the app's next code signs in too.
    await page.goto(`${base}/admin/konto`);
    await page.locator('form[action="/logga-ut"] button').click();
    await page.waitForURL(/utloggad=1/);
    await signIn();
    await page.waitForURL(/\/logga-in\/andra-steget$/);
    await page
      .getByLabel('Kod från appen eller reservkod')
      .fill(totpCode(secret, new Date(Date.now() + TOTP_PERIOD_S * 1000)));
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.waitForURL(/\/admin$/);
    await context.close();
  });
});
