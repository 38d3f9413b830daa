import type { FastifyInstance } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, initiativeVersions } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { loadInitiativeData } from '../../domain/initiatives/initiativeData.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';
import { formValuesOf } from './initiativeForm.js';

const EDITORS = 50;
const ROUNDS = 3;

let database: Database;
let app: FastifyInstance;
let sessions: string[] = [];
let id: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const org = await createOrganisation(ctx, { slug: 'samtidig', name: 'Samtidig', kind: 'kommun' });
  if (!org.ok) throw new Error('organisation');
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const r = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: org.value.id, goalIds: [goalId] }),
  );
  if (!r.ok) throw new Error('initiative');
  id = r.value.id;
  // A few people of the organisation and the Region edit at once, each in several tabs.
  for (const [email, role] of [
    ['a@samtidig.se', 'aktor'],
    ['b@samtidig.se', 'aktor'],
    ['s@region.se', 'samordnare'],
  ] as const) {
    await makeUser(database.db, email, role, role === 'aktor' ? [org.value.id] : []);
    sessions.push((await signIn(app, email)).session!);
  }
  sessions = Array.from({ length: EDITORS }, (_, i) => sessions[i % sessions.length]!);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('concurrent edits of one initiative through HTTP', () => {
  it(`lets exactly one of ${EDITORS} conflicting saves win each round and loses no update`, async () => {
    const winners: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const stored = (await loadInitiativeData(database.db, id))!;
      const base = formValuesOf(stored.data, stored.state.version);
      const titles = sessions.map((_, i) => `Runda ${round}, redaktör ${i + 1}`);
      const responses = await Promise.all(
        sessions.map((session, i) =>
          app.inject({
            method: 'POST',
            url: `/admin/insatser/${id}/redigera`,
            headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
            payload: form({ ...base, _csrf: CSRF, title: titles[i]! }),
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(
        statuses.filter((s) => s === 303),
        `round ${round}`,
      ).toHaveLength(1);
      expect(
        statuses.filter((s) => s === 409),
        `round ${round}`,
      ).toHaveLength(EDITORS - 1);
      const winner = titles[statuses.indexOf(303)]!;
      winners.push(winner);
      // Every loser was shown the winner's title.
      for (const r of responses.filter((x) => x.statusCode === 409)) {
        expect(r.body).toContain(winner);
      }
      expect((await loadInitiativeData(database.db, id))!.data.title).toBe(winner);
    }
    const versions = await database.db
      .select({ version: initiativeVersions.version, snapshot: initiativeVersions.snapshot })
      .from(initiativeVersions)
      .where(eq(initiativeVersions.initiativeId, id))
      .orderBy(asc(initiativeVersions.version));
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: ROUNDS + 1 }, (_, i) => i + 1),
    );
    expect(versions.slice(1).map((v) => (v.snapshot as { title: string }).title)).toEqual(winners);
    expect((await loadInitiativeData(database.db, id))!.state.version).toBe(ROUNDS + 1);
  });

  it(`merges ${EDITORS} concurrent saves of different fields and loses none of them`, async () => {
    const stored = (await loadInitiativeData(database.db, id))!;
    const base = formValuesOf(stored.data, stored.state.version);
    // Each editor changes one field, read at the same version; editors of a field agree.
    const fields = ['title', 'summary', 'description', 'titleEn', 'summaryEn', 'diarienummer'];
    const intended = Object.fromEntries(fields.map((f) => [f, `Sammanfogat ${f} ${f.length}`]));
    const responses = await Promise.all(
      sessions.map((session, i) => {
        const f = fields[i % fields.length]!;
        return app.inject({
          method: 'POST',
          url: `/admin/insatser/${id}/redigera`,
          headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
          payload: form({
            ...base,
            base: JSON.stringify(stored.data),
            _csrf: CSRF,
            [f]: intended[f]!,
          }),
        });
      }),
    );
    expect(responses.map((r) => r.statusCode).filter((s) => s !== 303)).toEqual([]);
    const after = (await loadInitiativeData(database.db, id))!.data as unknown as Record<
      string,
      unknown
    >;
    const lost = fields.filter((f) => after[f] !== intended[f]);
    expect(lost).toEqual([]);
    expect((await loadInitiativeData(database.db, id))!.state.version).toBe(
      stored.state.version + EDITORS,
    );
  });
});
