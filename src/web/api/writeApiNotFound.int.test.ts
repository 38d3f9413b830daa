import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals } from '../../db/schema/index.js';
import { createApiToken } from '../../domain/access/apiTokens.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor, type Actor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { makeUser, listenOnLoopback } from '../auth/testSupport.js';

/**
 * The write API over a real socket (issue 15, row 7): a record the token's organisation may not
 * read answers exactly as a missing id (404), so unpublished ids cannot be probed. The owning
 * organisation's token still changes it.
 */
let database: Database;
let app: FastifyInstance;
let base = '';
let tokenA = '';
let tokenB = '';
/** Organisation A's initiatives: a draft, a submitted one and a published one. */
const ids = { draft: 0, submitted: 0, published: 0 };
const MISSING = 99_999_999;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  const system = context(database.db, systemActor('test'));
  const orgs: number[] = [];
  for (const slug of ['las-a', 'las-b']) {
    const r = await createOrganisation(system, { slug, name: slug, kind: 'kommun' });
    if (!r.ok) throw new Error('organisation');
    orgs.push(r.value.id);
  }
  const tokens: string[] = [];
  for (const [i, organisationId] of orgs.entries()) {
    const userId = await makeUser(database.db, `system-${i}@las.example`, 'aktor', [
      organisationId,
    ]);
    const actor: Actor = {
      kind: 'user',
      userId,
      role: 'aktor',
      organisationIds: [organisationId],
      label: `user:${userId}`,
    };
    const r = await createApiToken(context(database.db, actor), { organisationId, name: 'System' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    tokens.push(r.value.token);
  }
  [tokenA, tokenB] = tokens as [string, string];
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  for (const key of ['draft', 'submitted', 'published'] as const) {
    const r = await createInitiative(
      system,
      buildInitiative({ ownerOrganisationId: orgs[0]!, goalIds: [goalId], title: `Insats ${key}` }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    ids[key] = r.value.id;
    if (key !== 'draft')
      await transitionInitiative(system, { initiativeId: r.value.id, action: 'submit' });
    if (key === 'published') {
      await transitionInitiative(system, { initiativeId: r.value.id, action: 'approve' });
    }
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const send = async (method: 'POST' | 'PATCH', path: string, token: string, payload: unknown) => {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const report = {
  period_start: '2026-01-01',
  period_end: '2026-06-30',
  traffic_light: 'enligt-plan',
  narrative: 'Två kurser är genomförda enligt plan.',
  outputs: {},
};

describe('write API: records another organisation may not read', () => {
  it('answers PATCH of an unpublished initiative exactly as a missing id', async () => {
    const missing = await send('PATCH', `/initiatives/${MISSING}`, tokenB, { version: 1 });
    expect(missing.status).toBe(404);
    for (const id of [ids.draft, ids.submitted]) {
      const other = await send('PATCH', `/initiatives/${id}`, tokenB, { version: 1 });
      expect(other).toEqual(missing);
    }
  });

  it('answers a progress report on an unpublished initiative exactly as a missing id', async () => {
    const missing = await send('POST', `/initiatives/${MISSING}/progress-reports`, tokenB, report);
    expect(missing.status).toBe(404);
    const other = await send(
      'POST',
      `/initiatives/${ids.submitted}/progress-reports`,
      tokenB,
      report,
    );
    expect(other).toEqual(missing);
  });

  it("answers a change to another organisation's progress report as a missing one", async () => {
    const own = await send(
      'POST',
      `/initiatives/${ids.published}/progress-reports`,
      tokenA,
      report,
    );
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const reportId = (own.body.progress_reports as { id: number }[])[0]!.id;
    const missing = await send('PATCH', `/progress-reports/${MISSING}`, tokenB, {
      narrative: 'Tre kurser är nu genomförda.',
    });
    expect(missing.status).toBe(404);
    const other = await send('PATCH', `/progress-reports/${reportId}`, tokenB, {
      narrative: 'Tre kurser är nu genomförda.',
    });
    expect(other).toEqual(missing);
    // The owner's token gets past the access check to the report's own rule: it is submitted.
    const mine = await send('PATCH', `/progress-reports/${reportId}`, tokenA, {
      narrative: 'Tre kurser är nu genomförda.',
    });
    expect(mine.status).toBe(409);
    expect((mine.body.errors as { code: string }[])[0]!.code).toBe('not_editable');
  });

  it('lets the owning organisation change its draft, and refuses (403) a published one of another', async () => {
    const own = await send('PATCH', `/initiatives/${ids.draft}`, tokenA, {
      version: 1,
      title: 'Insats draft, ändrad av ägaren',
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    // A published initiative is public: its existence is no secret, the change is forbidden.
    const published = await send('PATCH', `/initiatives/${ids.published}`, tokenB, { version: 1 });
    expect(published.status).toBe(403);
  });
});
