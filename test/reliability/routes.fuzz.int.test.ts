import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { CSRF, form } from '../../src/web/auth/testSupport.js';
import { FUZZ_TIMEOUT_MS, hostileFragments, ROUTE_FUZZ_RUNS } from './fuzzRuns.js';

/**
 * Random query strings and form bodies through the whole app: never a 500, and nothing sent
 * comes back as live markup.
 */
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Fragments that are markup when reflected unescaped. */
const markup = hostileFragments.filter((f) => /[<>]/.test(f));
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(...hostileFragments),
  fc.constantFrom('1', '0880', '2024', 'pagaende', '-1', '99999999999999999999', '1.1', 'NaN'),
);
const keys = fc.oneof(
  fc.constantFrom(
    'q',
    'omrade',
    'mal',
    'agenda',
    'plats',
    'org',
    'status',
    'ar',
    'kalla',
    'sort',
    'sida',
  ),
  fc.constantFrom('limit', 'offset', 'page', 'per_page', 'format', 'kon', 'from', 'to', 'lang'),
  fc.string({ maxLength: 10 }),
);
const queryString = fc.array(fc.tuple(keys, value), { maxLength: 8 }).map((pairs) => {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p.toString();
});
/** Also raw, badly encoded query strings that URLSearchParams would never make. */
const rawQuery = fc.oneof(
  queryString,
  fc.constantFrom('%', '%zz', 'q=%E0%A4%A', 'a[b]=1&a[c]=2', '&&&=&=', 'q=%00', 'sida=1e400', '=;'),
);

const getRoutes = [
  '/',
  '/insatser',
  '/en/insatser',
  '/insatser.csv',
  '/insatser.xlsx',
  '/kommuner',
  '/aktorer',
  '/agenda-2030',
  '/uppfoljning',
  '/tackning',
  '/flode.atom',
  '/tillganglighet',
  '/logga-in',
  '/sprak',
  '/api/v1/initiatives',
  '/api/v1/indicators',
  '/api/v1/organisations',
  '/api/v1/progress-reports',
  '/api/v1/initiatives.csv',
  '/dcat',
];

function expectSafe(res: Awaited<ReturnType<FastifyInstance['inject']>>, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode}: ${res.body.slice(0, 300)}`).toBeLessThan(
    500,
  );
  if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
    for (const f of markup) expect(res.body, what).not.toContain(f);
  }
  for (const [name, v] of Object.entries(res.headers)) {
    expect(String(v), `${what} header ${name}`).not.toMatch(/[\r\n]/);
  }
}

describe('random query strings on public routes and the API', () => {
  it.each(getRoutes)(
    'GET %s never answers 500 and reflects nothing as markup',
    async (route) => {
      await fc.assert(
        fc.asyncProperty(rawQuery, async (q) => {
          const url = `${route}?${q}`;
          expectSafe(await app.inject({ url }), url);
        }),
        { numRuns: ROUTE_FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'random path segments under the public pages never answer 500',
    async () => {
      const segment = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...hostileFragments));
      const base = fc.constantFrom(
        '/insatser/',
        '/malomraden/',
        '/kommuner/',
        '/aktorer/',
        '/agenda-2030/',
        '/indikatorer/',
        '/api/v1/initiatives/',
        '/api/v1/indicators/',
        '/en/insatser/',
      );
      await fc.assert(
        fc.asyncProperty(base, segment, async (b, s) => {
          const url = b + encodeURIComponent(s);
          expectSafe(await app.inject({ url }), url);
        }),
        { numRuns: ROUTE_FUZZ_RUNS * 3 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('random form bodies', () => {
  const fields = fc.dictionary(
    fc.oneof(
      fc.constantFrom('pageUrl', 'description', 'contactEmail', 'email', 'password', 'tillbaka'),
      fc.string({ maxLength: 12 }),
    ),
    fc.oneof(value, fc.array(value, { maxLength: 3 })),
    { maxKeys: 8 },
  );
  it.each(['/tillganglighet', '/en/tillganglighet', '/logga-in', '/logga-ut'])(
    'POST %s never answers 500 and reflects nothing as markup',
    async (route) => {
      await fc.assert(
        fc.asyncProperty(fields, fc.boolean(), async (data, withCsrf) => {
          const res = await app.inject({
            method: 'POST',
            url: route,
            remoteAddress: '10.77.0.1',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              cookie: `riktning_csrf=${CSRF}`,
            },
            payload: form(
              withCsrf
                ? ({ ...data, _csrf: CSRF } as Record<string, string | string[]>)
                : (data as Record<string, string | string[]>),
            ),
          });
          expectSafe(res, `${route} ${JSON.stringify(data).slice(0, 200)}`);
          // NUL anywhere in the body is refused before any route; otherwise a missing token is.
          if (JSON.stringify(data).includes('\\u0000')) expect(res.statusCode).toBe(400);
          else if (!withCsrf) expect(res.statusCode).toBe(403);
        }),
        { numRuns: ROUTE_FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it.each(['/logga-in', '/tillganglighet'])(
    'POST %s with NUL in a field is refused with a clear 400, not a database error',
    async (route) => {
      const res = await app.inject({
        method: 'POST',
        url: route,
        remoteAddress: '10.77.0.2',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `riktning_csrf=${CSRF}`,
        },
        payload: form({ email: '\u0000', password: 'x', description: 'a\u0000b', _csrf: CSRF }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('NUL');
    },
  );

  it('a JSON body with NUL in a nested key or value is refused with the API error shape', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/initiatives',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      payload: JSON.stringify({ a: [{ b: { 'c\u0000': 1 } }] }),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ errors: [{ code: 'nul_character' }] });
  });

  it(
    'bodies that are not forms at all are refused cleanly',
    async () => {
      const body = fc.oneof(fc.string(), fc.json(), fc.constantFrom('%', '=%', '\u0000', '{"a":'));
      const type = fc.constantFrom(
        'application/x-www-form-urlencoded',
        'application/json',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/xml',
      );
      await fc.assert(
        fc.asyncProperty(body, type, async (payload, contentType) => {
          const res = await app.inject({
            method: 'POST',
            url: '/tillganglighet',
            headers: { 'content-type': contentType, cookie: `riktning_csrf=${CSRF}` },
            payload,
          });
          expectSafe(res, `${contentType} ${payload.slice(0, 100)}`);
        }),
        { numRuns: ROUTE_FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
