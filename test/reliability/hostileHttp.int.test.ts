import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp, MAX_BODY_BYTES, MAX_HEADER_BYTES } from '../../src/web/app.js';
import { as, CSRF, form, makeUser, signIn } from '../../src/web/auth/testSupport.js';
import { safeReturnPath } from '../../src/web/auth/session.js';

/**
 * Hostile HTTP: oversized bodies and headers, slow clients, path traversal on static files,
 * header injection and open redirects. The socket-level cases talk raw HTTP to a listening server.
 */
let database: Database;
let app: FastifyInstance;
let port: number;
let session: string | null;

beforeAll(async () => {
  database = await createTestDatabase();
  // Short timeouts, so a slow client is cut off within the test.
  app = await buildApp({
    database,
    timeouts: { headersMs: 400, requestMs: 800, keepAliveMs: 300, checkIntervalMs: 100 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
  await makeUser(database.db, 'fientlig@example.se', 'admin');
  session = (await signIn(app, 'fientlig@example.se')).session;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Writes raw bytes to the server and collects everything it answers until it closes. */
function raw(
  chunks: string[],
  options: { endAfterWrite?: boolean } = {},
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (text += d));
    socket.on('close', () => resolve({ text, closed: true }));
    socket.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' || err.code === 'EPIPE'
        ? resolve({ text, closed: true })
        : reject(err),
    );
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
      if (options.endAfterWrite) socket.end();
    });
  });
}

describe('oversized requests', () => {
  it('answers a body over the limit with 413 and a clear message, in JSON and HTML', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 10);
    const json = await app.inject({
      method: 'POST',
      url: '/logga-in',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      payload: `email=${big}`,
    });
    expect(json.statusCode).toBe(413);
    expect(json.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const page = await app.inject({
      method: 'POST',
      url: '/tillganglighet',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: `description=${big}`,
    });
    expect(page.statusCode).toBe(413);
    expect(page.body).toContain('för stor');
  });

  it('answers headers over the limit with 431', async () => {
    const cookie = `a=${'x'.repeat(MAX_HEADER_BYTES + 100)}`;
    const { text } = await raw([`GET / HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\n\r\n`]);
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text).toContain('header size');
  });

  it('refuses a huge declared body before reading it', async () => {
    const { text } = await raw([
      `POST /logga-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${MAX_BODY_BYTES * 50}\r\n\r\nemail=a`,
    ]);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
  });
});

describe('slow clients', () => {
  it('cuts off a client that never finishes its headers (slowloris)', async () => {
    const result = await raw(['GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n']);
    expect(result.closed).toBe(true);
    expect(result.text).toMatch(/^HTTP\/1\.1 408 |^$/);
  });

  it('cuts off a client that never finishes its body', async () => {
    const result = await raw([
      'POST /logga-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=',
    ]);
    expect(result.closed).toBe(true);
  });

  it('closes an idle keep-alive connection after a complete answer', async () => {
    const result = await raw(['GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n']);
    expect(result.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(result.closed).toBe(true);
  });
});

describe('path traversal on static files', () => {
  const attempts = [
    '/static/../package.json',
    '/static/../../package.json',
    '/static/%2e%2e/%2e%2e/package.json',
    '/static/%2e%2e%2f%2e%2e%2fpackage.json',
    '/static/..%5c..%5cpackage.json',
    '/static/app.css/../../package.json',
    '/static/%252e%252e/package.json',
    '/static/....//....//package.json',
    '/static/app.css%00.html',
    '/static//etc/passwd',
    '/static/%2fetc%2fpasswd',
  ];
  it.each(attempts)('%s reveals nothing outside the stylesheet', async (url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toContain('"devDependencies"');
    expect(res.body).not.toContain('root:x:0:0');
  });

  it('raw requests with dot segments reach no file either', async () => {
    const { text } = await raw(
      [
        'GET /static/../../../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      ],
      { endAfterWrite: false },
    );
    expect(text).not.toContain('root:x:0:0');
    expect(text).toMatch(/^HTTP\/1\.1 (400|404) /);
  });
});

const hostileTargets = [
  'https://evil.example/',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/.//evil.example',
  '/a/..//evil.example',
  '/%2e//evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  ' //evil.example',
  '\t//evil.example',
  '/\t/evil.example',
  '/admin\r\nSet-Cookie: hijack=1',
  '/admin%0d%0aSet-Cookie:%20hijack=1',
  'http:evil.example',
  `/${'a'.repeat(600)}`,
];

function expectSafeLocation(location: unknown) {
  expect(typeof location).toBe('string');
  const l = String(location);
  expect(l.startsWith('/')).toBe(true);
  expect(l.startsWith('//')).toBe(false);
  expect(l).not.toMatch(/[\r\n\\]/);
  expect(new URL(l, 'http://riktning.invalid').origin).toBe('http://riktning.invalid');
}

describe('open redirects and header injection', () => {
  it.each(hostileTargets)('safeReturnPath keeps %j on this site', (target) => {
    const path = safeReturnPath(target);
    expectSafeLocation(path);
  });

  it.each(hostileTargets)('/sprak?tillbaka=%j redirects only on this site', async (target) => {
    const res = await app.inject({
      url: `/sprak?till=en&tillbaka=${encodeURIComponent(target)}`,
    });
    expect(res.statusCode).toBe(303);
    expectSafeLocation(res.headers.location);
    expect(res.headers['set-cookie']).not.toContain('hijack');
  });

  it.each(hostileTargets)(
    '/logga-in?tillbaka=%j (signed in) stays on this site',
    async (target) => {
      const res = await app.inject({
        url: `/logga-in?tillbaka=${encodeURIComponent(target)}`,
        headers: as(session),
      });
      expect(res.statusCode).toBe(303);
      expectSafeLocation(res.headers.location);
    },
  );

  it.each(hostileTargets)('sign-in with tillbaka=%j stays on this site', async (target) => {
    await makeUser(
      database.db,
      `r${Buffer.from(target).toString('hex').slice(0, 40)}@example.se`,
      'aktor',
    ).catch(() => undefined);
    const res = await app.inject({
      method: 'POST',
      url: '/logga-in',
      remoteAddress: `10.1.${hostileTargets.indexOf(target)}.1`,
      headers: { ...as(null), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        _csrf: CSRF,
        email: `r${Buffer.from(target).toString('hex').slice(0, 40)}@example.se`,
        password: 'en lång och säker fras för test',
        tillbaka: target,
      }),
    });
    expect(res.statusCode).toBe(303);
    expectSafeLocation(res.headers.location);
    const cookies = [res.headers['set-cookie']].flat().join(';');
    expect(cookies).not.toContain('hijack');
  });

  it('a protected page sends the visitor to sign in with an escaped way back', async () => {
    const res = await app.inject({ url: '/admin/insatser?x=%0d%0aSet-Cookie:%20hijack=1' });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(/^\/logga-in\?tillbaka=%2Fadmin/);
    expect(String(res.headers.location)).not.toMatch(/[\r\n]/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('raw CR/LF in a request line never becomes a header', async () => {
    const { text } = await raw([
      'GET /sprak?tillbaka=/x\r\nSet-Cookie: hijack=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    ]);
    expect(text).not.toMatch(/^Set-Cookie: hijack/im);
  });
});

describe('security headers and errors', () => {
  it('every page carries the CSP, frame, sniffing and referrer headers', async () => {
    for (const url of ['/', '/en/insatser', '/api/v1/initiatives', '/finns-inte', '/logga-in']) {
      const res = await app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
    const admin = await app.inject({ url: '/admin', headers: as(session) });
    expect(admin.headers['cache-control']).toBe('no-store');
  });

  it('an unexpected error answers a generic 500 without stack, SQL or message', async () => {
    const other = await buildApp({ database });
    other.get('/kaputt', () => {
      throw new Error('relation "users" password_hash at /work/src/secret.ts:12');
    });
    try {
      for (const accept of ['text/html', 'application/json']) {
        const res = await other.inject({ url: '/kaputt', headers: { accept } });
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toMatch(/password_hash|secret\.ts|relation|at \//);
        expect(res.body).toContain('Ett oväntat fel inträffade.');
      }
    } finally {
      await other.close();
    }
  });
});
