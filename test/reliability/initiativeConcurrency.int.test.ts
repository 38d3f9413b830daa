import type { FastifyInstance } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { goals, initiativeVersions } from '../../src/db/schema/index.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { createInitiative } from '../../src/domain/initiatives/createInitiative.js';
import { loadInitiativeData } from '../../src/domain/initiatives/initiativeData.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildInitiative } from '../../src/test/factories.js';
import { buildApp } from '../../src/web/app.js';
import { as, CSRF, form, makeUser, signIn } from '../../src/web/auth/testSupport.js';
import { formValuesOf } from '../../src/web/admin/initiativeForm.js';
import { readForm } from '../../src/test/formReader.js';

/**
 * 50 editors save the same initiative at once, through HTTP. Counted: saves that won, saves
 * merged with another's change, saves held for a choice – and any value lost or reverted, of
 * which there must be none.
 */

const EDITORS = 50;
const ROUNDS = 3;
/** 50 saves at once on two shared cores: a round may take minutes under load. */
const SLOW = 300_000;

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
  it(
    `lets exactly one of ${EDITORS} conflicting saves win each round and loses no update`,
    async () => {
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
      expect(versions.slice(1).map((v) => (v.snapshot as { title: string }).title)).toEqual(
        winners,
      );
      expect((await loadInitiativeData(database.db, id))!.state.version).toBe(ROUNDS + 1);
    },
    SLOW,
  );

  it(
    `merges ${EDITORS} concurrent saves of different fields and loses none of them`,
    async () => {
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
    },
    SLOW,
  );

  it(
    `merges ${EDITORS} saves of overlapping fields: 0 lost, 0 reverted, every clash chosen`,
    async () => {
      const stored = (await loadInitiativeData(database.db, id))!;
      const start = stored.state.version;
      const base = { ...formValuesOf(stored.data, start), base: JSON.stringify(stored.data) };
      const fields = ['title', 'summary', 'description', 'titleEn', 'summaryEn', 'diarienummer'];
      // Editor i changes one field to a value of their own: editors of a field disagree.
      const edits = sessions.map((session, i) => ({
        session,
        field: fields[i % fields.length]!,
        value: `Redaktör ${i + 1} ändrade fältet`,
      }));
      const url = `/admin/insatser/${id}/redigera`;
      const headers = (session: string) => ({
        ...as(session),
        'content-type': 'application/x-www-form-urlencoded',
      });
      const responses = await Promise.all(
        edits.map((e) =>
          app.inject({
            method: 'POST',
            url,
            headers: headers(e.session),
            payload: form({ ...base, _csrf: CSRF, [e.field]: e.value }),
          }),
        ),
      );
      const saved = edits.filter((_, i) => responses[i]!.statusCode === 303);
      const held = edits
        .map((e, i) => ({ ...e, res: responses[i]! }))
        .filter((x) => x.res.statusCode === 409);
      expect(saved.length + held.length, 'every save either saved or held').toBe(EDITORS);
      // Per field exactly one save went through; every other save of it waits for a choice.
      for (const f of fields)
        expect(
          saved.filter((e) => e.field === f),
          f,
        ).toHaveLength(1);
      const winner = Object.fromEntries(saved.map((e) => [e.field, e.value]));
      // Each held editor is shown the saved value beside their own, and keeps the saved one.
      for (const h of held) {
        expect(h.res.body).toContain(`name="choice.${h.field}"`);
        expect(h.res.body).toContain(winner[h.field]!);
        const again = readForm(h.res.body, url);
        const res = await app.inject({
          method: 'POST',
          url,
          headers: headers(h.session),
          payload: form({ ...again, _csrf: CSRF, [`choice.${h.field}`]: 'theirs' }),
        });
        expect(res.statusCode, `${h.field} kept`).toBe(303);
      }
      const after = (await loadInitiativeData(database.db, id))!.data as unknown as Record<
        string,
        unknown
      >;
      const lost = fields.filter((f) => after[f] !== winner[f]);
      // No version after a field's save puts back an older value of it.
      const history = await database.db
        .select({ version: initiativeVersions.version, snapshot: initiativeVersions.snapshot })
        .from(initiativeVersions)
        .where(eq(initiativeVersions.initiativeId, id))
        .orderBy(asc(initiativeVersions.version));
      // A save merged with another's change: its version holds more than one editor's field.
      const merged = history
        .filter((h) => h.version > start && h.version <= start + saved.length)
        .filter(
          (h) =>
            fields.filter((f) => (h.snapshot as Record<string, unknown>)[f] === winner[f]).length >
            1,
        ).length;
      const reverted: string[] = [];
      for (const f of fields) {
        let seen = false;
        for (const v of history.filter((h) => h.version > start)) {
          const value = (v.snapshot as Record<string, unknown>)[f];
          if (value === winner[f]) seen = true;
          else if (seen) reverted.push(`${f} in version ${v.version}`);
        }
      }
      expect({ saved: saved.length, merged, held: held.length, lost, reverted }).toEqual({
        saved: fields.length,
        merged: fields.length - 1,
        held: EDITORS - fields.length,
        lost: [],
        reverted: [],
      });
    },
    SLOW,
  );
});
