import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { goals, initiatives, organisations } from '../../src/db/schema/index.js';
import { context, systemActor } from '../../src/domain/context.js';
import { seedDemo } from '../../src/seed/seedDemo.js';
import { backend, createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { CSRF, form, makeUser, PASSWORD, signIn } from '../../src/web/auth/testSupport.js';
import { LONG_TESTS } from './fuzzRuns.js';

/**
 * A bounded load on loopback mixing reads, searches, sign-ins and edits, with the heap sampled:
 * no errors, memory flat, and on PostgreSQL no more connections than the pool allows.
 * 8 seconds in the normal suite, 10 minutes with RIKTNING_LONG_TESTS=1 (figures in
 * docs/operations.md).
 */
const DURATION_S = LONG_TESTS ? 600 : 8;
const CONNECTIONS = 8;
/** Requests per second over all connections: a busy day for a regional portal, many times over. */
const RATE = 150;
/** The pool of a test database (src/test/database.ts). */
const POOL_MAX = 4;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let database: Database;
let app: FastifyInstance;
let url: string;
let session: string;
let orgId: number;
let goalId: number;
let initiativeIds: number[];
let databaseName = '';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(context(database.db, systemActor('test')));
  const named = (await database.db.execute(sql`select current_database() as name`)) as unknown as {
    rows: { name: string }[];
  };
  databaseName = named.rows[0]!.name;
  app = await buildApp({ database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const [org] = await database.db.select({ id: organisations.id }).from(organisations).limit(1);
  orgId = org!.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  initiativeIds = (await database.db.select({ id: initiatives.id }).from(initiatives)).map(
    (i) => i.id,
  );
  await makeUser(database.db, 'last.redaktor@example.se', 'aktor', [orgId]);
  await makeUser(database.db, 'last.inloggning@example.se', 'analytiker', [orgId]);
  session = (await signIn(app, 'last.redaktor@example.se')).session!;
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const heapMb = () => {
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1_048_576) * 10) / 10;
};

/** Connections to the test database right now (PostgreSQL only). */
async function connections(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const r = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = $1 and backend_type = 'client backend'`,
      [databaseName],
    );
    return r.rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe(`bounded load with memory sampled (${backend})`, () => {
  it(
    'mixed reads, searches, sign-ins and edits: no errors, memory flat, connections bounded',
    async () => {
      const searches = ['bredband', 'kompetens', 'klimat', 'skola', 'energi', 'turism', 'xyz'];
      let n = 0;
      const editForm = () =>
        form({
          _csrf: CSRF,
          title: `Lastprov ${(n += 1)}`,
          summary: 'En insats skapad under lastprovet.',
          status: 'planerad',
          startDate: '2026-01-01',
          ownerOrganisationId: String(orgId),
          'funding.0.source': 'kommun',
          'funding.0.amountSek': '100000',
          'funding.0.year': '2026',
          placeCodes: ['0880'],
          goalIds: [String(goalId)],
        });
      const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
      const requests: autocannon.Request[] = [
        { method: 'GET', path: '/' },
        {
          method: 'GET',
          setupRequest: (r) => ({ ...r, path: `/insatser/${pick(initiativeIds)}` }),
        },
        { method: 'GET', setupRequest: (r) => ({ ...r, path: `/insatser?q=${pick(searches)}` }) },
        { method: 'GET', path: '/api/v1/initiatives?per_page=50' },
        { method: 'GET', path: '/en/insatser?status=pagaende&sida=1' },
        { method: 'GET', path: '/uppfoljning' },
        {
          method: 'GET',
          setupRequest: (r) => ({ ...r, path: `/en/insatser?q=${pick(searches)}` }),
        },
        {
          method: 'POST',
          path: '/admin/insatser',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `riktning_csrf=${CSRF}; riktning_session=${session}`,
          },
          setupRequest: (r) => ({ ...r, body: editForm() }),
        },
        {
          method: 'POST',
          path: '/logga-in',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `riktning_csrf=${CSRF}`,
          },
          body: form({ _csrf: CSRF, email: 'last.inloggning@example.se', password: PASSWORD }),
        },
      ];

      // Warm up (first renders, caches, JIT), then take the baseline.
      await autocannon({ url, connections: 2, amount: 200, requests });
      const baseline = heapMb();
      const samples: number[] = [];
      const pgConnections: number[] = [];
      const sampler = setInterval(() => {
        samples.push(Math.round((process.memoryUsage().heapUsed / 1_048_576) * 10) / 10);
        if (backend === 'postgres') void connections().then((c) => pgConnections.push(c));
      }, 1000);
      const result = await autocannon({
        url,
        connections: CONNECTIONS,
        overallRate: RATE,
        duration: DURATION_S,
        requests,
      });
      clearInterval(sampler);
      const end = heapMb();

      const statuses = Object.keys(result.statusCodeStats ?? {}).map(Number);
      const figures = {
        backend,
        seconds: DURATION_S,
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        latencyP50ms: result.latency.p50,
        latencyP99ms: result.latency.p99,
        statuses: result.statusCodeStats,
        heapBaselineMb: baseline,
        heapPeakMb: Math.max(...samples),
        heapEndMb: end,
        pgConnectionsMax: pgConnections.length ? Math.max(...pgConnections) : null,
      };
      console.info(`load figures: ${JSON.stringify(figures)}`);

      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      // Pages, API and searches 200; sign-ins and created drafts 303. Nothing else.
      expect(statuses.every((s) => s === 200 || s === 303)).toBe(true);
      // Every kind of request ran many times (how many depends on the machine, not asserted).
      expect(result.requests.total).toBeGreaterThan(requests.length * 10);
      // Flat: after a full collection the heap is back within 25 MB of where it started.
      expect(end - baseline).toBeLessThan(25);
      if (backend === 'postgres') {
        expect(Math.max(...pgConnections)).toBeLessThanOrEqual(POOL_MAX);
      }
    },
    (DURATION_S + 180) * 1000,
  );
});
