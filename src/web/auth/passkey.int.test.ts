import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { socketBrowser } from './socketBrowser.js';
import { softAuthenticator } from './softAuthenticator.js';
import { makeUser, secondFactorCode } from './testSupport.js';
import { testConfig } from '../../test/config.js';

/**
 * Passkeys over a real socket, with a software authenticator that signs as a real one does:
 * registration from the account page, the passkey step of sign-in, and refusal of replays,
 * another origin and garbage. The relying party is the configured public URL.
 */
const PUBLIC_URL = 'https://riktning.example';
const ACCOUNT = '/admin/konto/tvastegsverifiering';
let database: Database;
let app: FastifyInstance;
let base: string;
const key = softAuthenticator(PUBLIC_URL);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, config: testConfig({ RIKTNING_PUBLIC_URL: PUBLIC_URL }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await makeUser(database.db, 'samordnare@example.se', 'samordnare');
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function signedIn() {
  const b = socketBrowser(base);
  expect((await b.signIn('samordnare@example.se')).location).toBe('/logga-in/andra-steget');
  const code = await secondFactorCode(database.db, 'samordnare@example.se');
  expect((await b.post('/logga-in/andra-steget', { code })).status).toBe(303);
  return b;
}

describe('passkeys', () => {
  it('registers a passkey from the account page with options for this relying party', async () => {
    const b = await signedIn();
    const page = await b.get(ACCOUNT);
    expect(page.text).toContain('data-passkey="register"');
    expect(await htmlProblems(page.text)).toEqual([]);
    expect(page.text).toContain('<script src="/static/passkey.js" defer></script>');
    const options = await b.postJson(`${ACCOUNT}/nyckel/alternativ`, {});
    expect(options.status).toBe(200);
    const o = options.json as unknown as PublicKeyCredentialCreationOptionsJSON;
    expect(o.rp).toEqual({ id: 'riktning.example', name: 'Riktning' });
    expect(o.user.name).toBe('samordnare@example.se');
    expect(o.challenge).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(o.attestation).toBe('none');

    const response = key.create(o);
    const done = await b.postJson(`${ACCOUNT}/nyckel`, { response, name: 'Testnyckel' });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ redirect: `${ACCOUNT}?klart=nyckel` });
    expect((await b.get(`${ACCOUNT}?klart=nyckel`)).text).toContain('Testnyckel');
    // The same response again: its challenge is used up.
    expect((await b.postJson(`${ACCOUNT}/nyckel`, { response })).status).toBe(400);
    // Garbage and a response to a challenge never asked for are refused alike.
    await b.postJson(`${ACCOUNT}/nyckel/alternativ`, {});
    expect((await b.postJson(`${ACCOUNT}/nyckel`, { response: { id: 'x' } })).status).toBe(400);
    expect((await b.postJson(`${ACCOUNT}/nyckel`, { response: 'x' })).status).toBe(400);
  });

  it('signs in with the passkey after the password, once per challenge', async () => {
    const b = socketBrowser(base);
    await b.signIn('samordnare@example.se');
    const step = await b.get('/logga-in/andra-steget');
    expect(step.text).toContain('data-passkey="authenticate"');
    expect(await htmlProblems(step.text)).toEqual([]);
    expect(step.text).toContain('name="code"');
    const options = await b.postJson('/logga-in/nyckel/alternativ', {});
    expect(options.status).toBe(200);
    const o = options.json as unknown as PublicKeyCredentialRequestOptionsJSON;
    expect(o.rpId).toBe('riktning.example');
    expect(o.allowCredentials?.map((c) => c.id)).toEqual([key.id]);
    const assertion = key.get(o);
    const done = await b.postJson('/logga-in/nyckel', { response: assertion });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ redirect: '/admin/insatser' });
    expect(b.jar.has('__Host-riktning_session')).toBe(true);
    expect((await b.get('/admin')).status).toBe(200);

    // The same assertion in a new sign-in: refused, no session.
    const again = socketBrowser(base);
    await again.signIn('samordnare@example.se');
    await again.postJson('/logga-in/nyckel/alternativ', {});
    expect((await again.postJson('/logga-in/nyckel', { response: assertion })).status).toBe(401);
    expect(again.jar.has('__Host-riktning_session')).toBe(false);
  });

  it('refuses an assertion made for another origin, garbage, and a request without a half session', async () => {
    const b = socketBrowser(base);
    await b.signIn('samordnare@example.se');
    const o = (await b.postJson('/logga-in/nyckel/alternativ', {}))
      .json as unknown as PublicKeyCredentialRequestOptionsJSON;
    const phished = key.get(o, 'https://riktning.example.evil');
    expect((await b.postJson('/logga-in/nyckel', { response: phished })).status).toBe(401);
    await b.postJson('/logga-in/nyckel/alternativ', {});
    expect((await b.postJson('/logga-in/nyckel', { response: { id: key.id } })).status).toBe(401);
    expect((await b.postJson('/logga-in/nyckel', { response: 42 })).status).toBe(400);
    expect(b.jar.has('riktning_session')).toBe(false);

    const stranger = socketBrowser(base);
    expect((await stranger.postJson('/logga-in/nyckel/alternativ', {})).status).toBe(401);
    expect((await stranger.postJson('/logga-in/nyckel', { response: {} })).status).toBe(401);
    const noCsrf = await fetch(`${base}/logga-in/nyckel/alternativ`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noCsrf.status).toBe(403);
  });

  it('serves the script from this origin, allowed by the content security policy', async () => {
    const res = await fetch(`${base}/static/passkey.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('navigator.credentials');
  });
});
