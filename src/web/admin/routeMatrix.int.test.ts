import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, memberships } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor, type UserRole } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import type { WorkflowAction } from '../../domain/initiatives/workflow.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { startFixtureServer, type FixtureServer } from '../../domain/imports/fixtureServer.js';
import { testConfig } from '../../test/config.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';
import { buildRecord, type MatrixWorld } from './routeMatrixTargets.js';
import {
  matrixRoles,
  routeMatrix,
  type MatrixRole,
  type MatrixRow,
  type MatrixTarget,
} from './routeMatrix.js';

let database: Database;
let app: FastifyInstance;
const sessions = {} as Record<MatrixRole, string>;
const org = { a: 0, b: 0, c: 0 };
let goalId = 0;
let targetUser = 0;
let memberOfC = 0;
let world: MatrixWorld;
/** Records for GET rows, one per kind; every POST builds a fresh one. */
const shared = new Map<string, Record<string, string>>();
/** A year of its own for each publication, so one role's publishing does not meet the next. */
let nextYear = 2022;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Every route of the app as "METHOD /path", read from Fastify's route tree: each line of
 * `printRoutes` is a node whose path continues its parent's, indented four columns per level.
 */
function collectRoutes(instance: FastifyInstance): string[] {
  const routes: string[] = [];
  for (const method of METHODS) {
    const stack: string[] = [];
    for (const line of instance.printRoutes({ commonPrefix: false, method }).split('\n')) {
      const m = /^([│ ├└─]*?)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!m) continue;
      const depth = m[1]!.length / 4;
      stack.length = depth;
      const path = (stack[depth - 1] ?? '') + m[2]!;
      stack.push(path);
      if (m[3]?.split(', ').includes(method)) routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

let sources: FixtureServer;

beforeAll(async () => {
  database = await createTestDatabase();
  // The catalogue pages ask the sources; recorded answers on loopback stand in for them.
  sources = await startFixtureServer((req) =>
    req.path.endsWith('/metadata')
      ? { fixture: 'scb/TAB638-metadata.json' }
      : { fixture: 'scb/tables-search-folkmangd.json' },
  );
  const config = testConfig({
    SCB_PXWEB_V1_BASE_URL: sources.baseUrl,
    SCB_PXWEB_V2_BASE_URL: sources.baseUrl,
    KOLADA_BASE_URL: sources.baseUrl,
  });
  app = await buildApp({ database, config });
  const ctx = context(database.db, systemActor('test'));
  for (const [key, slug, kind] of [
    ['a', 'matris-a', 'kommun'],
    ['b', 'matris-b', 'ideell-forening'],
    ['c', 'matris-c', 'foretag'],
  ] as const) {
    const r = await createOrganisation(ctx, { slug, name: `Organisation ${key}`, kind });
    if (!r.ok) throw new Error('organisation');
    org[key] = r.value.id;
  }
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const users: [MatrixRole, UserRole, number[]][] = [
    ['reader', 'analytiker', [org.b]],
    ['memberOwn', 'aktor', [org.b]],
    ['memberOther', 'aktor', [org.a]],
    ['editor', 'samordnare', []],
    ['admin', 'admin', []],
  ];
  const userIds = {} as Record<MatrixRole, number>;
  for (const [role, stored, orgs] of users) {
    userIds[role] = await makeUser(database.db, `${role.toLowerCase()}@matris.se`, stored, orgs);
    sessions[role] = (await signIn(app, `${role.toLowerCase()}@matris.se`)).session!;
  }
  targetUser = await makeUser(database.db, 'target@matris.se', 'aktor');
  memberOfC = await makeUser(database.db, 'member-c@matris.se', 'aktor', [org.c]);
  world = {
    db: database.db,
    goalId,
    orgB: org.b,
    publishedInitiative: () => initiativeIn('published'),
    memberOfB: {
      kind: 'user',
      userId: userIds.memberOwn,
      role: 'aktor',
      organisationIds: [org.b],
      label: 'memberown@matris.se',
    },
  };
});
afterAll(async () => {
  await app?.close();
  await sources?.close();
  await database?.close();
});

const steps: Record<'draft' | 'submitted' | 'published' | 'archived', WorkflowAction[]> = {
  draft: [],
  submitted: ['submit'],
  published: ['submit', 'approve'],
  archived: ['archive'],
};

/** An initiative of organisation B in the state. */
async function initiativeIn(state: keyof typeof steps): Promise<number> {
  const ctx = context(database.db, systemActor('test'));
  const r = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: org.b, goalIds: [goalId] }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  for (const action of steps[state]) {
    await transitionInitiative(ctx, { initiativeId: r.value.id, action });
  }
  return r.value.id;
}

/** The path with its parameters filled for the row's target; a fresh record for a POST. */
async function fill(row: MatrixRow): Promise<string> {
  const target: MatrixTarget = row.target ?? 'missing';
  let id = '999999';
  if (target === 'user') id = String(targetUser);
  if (target === 'organisation') {
    id = String(org.c);
    await database.db
      .insert(memberships)
      .values({ userId: memberOfC, organisationId: org.c })
      .onConflictDoNothing();
  }
  if (target in steps) id = String(await initiativeIn(target as keyof typeof steps));
  let params: Record<string, string> = {};
  if (row.record) {
    const key = row.record;
    params =
      (row.method === 'GET' ? shared.get(key) : undefined) ?? (await buildRecord(world, key));
    if (row.method === 'GET') shared.set(key, params);
  }
  return row.path
    .replace(/:([A-Za-z]+)/g, (whole, name: string) => params[name] ?? whole)
    .replace(':userId', String(memberOfC))
    .replace(':id', id)
    .replace(':version', '1')
    .replace(':year', () => (row.path.endsWith('/publicera') ? String(nextYear++) : '2025'))
    .replace(/:[A-Za-z]+/g, '999999');
}

async function request(row: MatrixRow, session: string | null) {
  const url = await fill(row);
  if (row.method === 'GET') return app.inject({ method: 'GET', url, headers: as(session) });
  return app.inject({
    method: 'POST',
    url,
    headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...row.body }),
  });
}

describe('admin route × role matrix', () => {
  it('has a row for every /admin route and no row for a route that does not exist', () => {
    const routes = collectRoutes(app).filter((r) => / \/admin(\/|$)/.test(r));
    const rows = routeMatrix.map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !rows.includes(r))).toEqual([]);
    expect(rows.filter((r) => !routes.includes(r))).toEqual([]);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('sends the signed-out visitor of every /admin route to the sign-in page', async () => {
    const wrong: string[] = [];
    for (const row of routeMatrix) {
      const res = await request(row, null);
      const location = String(res.headers.location ?? '');
      if (res.statusCode !== 303 || !location.startsWith('/logga-in?tillbaka=')) {
        wrong.push(`${row.method} ${row.path}: ${res.statusCode} ${location}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers an address whose id is no PostgreSQL integer with 404, never 500', async () => {
    const wrong: string[] = [];
    const rows = routeMatrix.filter((r) => r.method === 'GET' && /:(id|userId)\b/.test(r.path));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      for (const bad of ['12345678901', '2147483648', '1e0', '0x1', '-1', '0']) {
        const url = row.path.replace(/:(id|userId)\b/, bad).replace(/:[A-Za-z]+/g, '1');
        const res = await app.inject({ method: 'GET', url, headers: as(sessions.admin) });
        if (res.statusCode !== 404) wrong.push(`${url}: ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives each role exactly the status its policy allows', async () => {
    const wrong: string[] = [];
    for (const row of routeMatrix) {
      for (const role of matrixRoles) {
        const res = await request(row, sessions[role]);
        if (res.statusCode !== row.expect[role]) {
          wrong.push(
            `${row.method} ${row.path} as ${role}: ${res.statusCode}, expected ${row.expect[role]}`,
          );
        }
        // Every admin page says who is signed in and offers the way out.
        const isPage = String(res.headers['content-type'] ?? '').startsWith('text/html');
        if (row.method === 'GET' && res.statusCode === 200 && isPage) {
          const bar =
            /<div class="account-bar"><p>Inloggad som <strong>[^<]+@[^<]+<\/strong>[^]*?<form method="post" action="\/logga-ut">/;
          if (!bar.test(res.body)) wrong.push(`${row.path} as ${role}: no account bar`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
