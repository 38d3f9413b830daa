import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { seedSynthetic } from '../../seed/synthetic/seedSynthetic.js';
import { createTestDatabase, testCtx } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { createInitiative } from './createInitiative.js';
import { parseSearchQuery } from './searchQuery.js';
import { searchInitiatives } from './searchInitiatives.js';
import { transitionInitiative } from './transitionInitiative.js';
import { updateInitiative } from './updateInitiative.js';

let database: Database;
let db: Db;
let owner: number;
let goalId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedSynthetic(testCtx(db), { initiatives: 300, seed: 23, batchSize: 150 });
  const [ref] = await queryRows<{ owner: number; goal: number }>(
    db,
    sql`select (select id from organisations order by id limit 1) as owner,
      (select g.id from goals g join goal_areas ga on ga.id = g.goal_area_id
        join strategies s on s.id = ga.strategy_id and s.is_current order by g.id limit 1) as goal`,
  );
  owner = ref!.owner;
  goalId = ref!.goal;
});
afterAll(async () => {
  await database?.close();
});

const words = async () =>
  new Set(
    (await queryRows<{ word: string }>(db, sql`select word from search_words`)).map((r) => r.word),
  );

async function draft(title: string, summary: string) {
  const ctx = testCtx(db);
  const r = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: owner, goalIds: [goalId], title, summary }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.id;
}

async function publish(id: number) {
  const ctx = testCtx(db);
  await transitionInitiative(ctx, { initiativeId: id, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId: id, action: 'approve' });
}

describe('the vocabulary that corrects misspelt searches', () => {
  it('takes the words of published texts only, and those of a draft once it is published', async () => {
    const id = await draft('Tångodling vid Ölands kust', 'Försök med sjögräsodling 2025.');
    let known = await words();
    expect(known.has('tångodling')).toBe(false);
    expect(known.has('sjögräsodling')).toBe(false);
    await publish(id);
    known = await words();
    expect(known.has('tångodling')).toBe(true);
    expect(known.has('sjögräsodling')).toBe(true);
    expect(known.has('2025')).toBe(false);
  });

  it('takes the new words of an edited published initiative', async () => {
    const id = await draft('Hamnlogistik i Oskarshamn', 'Samordnade godsflöden.');
    await publish(id);
    const [row] = await queryRows<{ version: number }>(
      db,
      sql`select version from initiatives where id = ${id}`,
    );
    const saved = await updateInitiative(testCtx(db), {
      initiativeId: id,
      expectedVersion: row!.version,
      data: buildInitiative({
        ownerOrganisationId: owner,
        goalIds: [goalId],
        title: 'Hamnlogistik och kryssningstrafik i Oskarshamn',
        summary: 'Samordnade godsflöden.',
      }),
    });
    expect(saved.ok).toBe(true);
    expect((await words()).has('kryssningstrafik')).toBe(true);
  });

  it('corrects a misspelt word to a published one and finds what that word finds', async () => {
    const id = await draft('Tångodling vid Kalmarsund', 'Odling av tång i havet.');
    await publish(id);
    const result = await searchInitiatives(db, parseSearchQuery({ q: 'tångodlnig' }));
    expect(result.correctedQuery).toBe('tångodling');
    expect(result.fuzzy).toBe(true);
    expect(result.hits.map((h) => h.title)).toContain('Tångodling vid Kalmarsund');
  });

  it('never suggests a word that only a draft holds', async () => {
    await draft('Hemligt utkast om zebrafiskodling', 'Ej publicerat.');
    expect((await words()).has('zebrafiskodling')).toBe(false);
    const result = await searchInitiatives(db, parseSearchQuery({ q: 'zebrafiskodlnig' }));
    expect(result.correctedQuery).not.toBe('zebrafiskodling');
    expect(result.hits.map((h) => h.title)).not.toContain('Hemligt utkast om zebrafiskodling');
  });
});

describe('phrases narrowed by the word-pair index', () => {
  const reference = async (q: string) =>
    (
      await queryRows<{ id: number }>(
        db,
        sql`select id from initiatives where workflow_state = 'publicerad'
          and search @@ websearch_to_tsquery('swedish', ${q}) order by id`,
      )
    ).map((r) => r.id);

  it.each([
    '"regional utveckling"',
    '"hållbar tillväxt"',
    'företag "regional utveckling"',
    '"utveckling av"',
    '"utveckling av regionen"',
    '-"regional utveckling" företag',
    '"regional utveckling" or kajak',
    '"regional"',
  ])('find exactly what the phrase itself finds: %s', async (q) => {
    const expected = await reference(q);
    const result = await searchInitiatives(db, parseSearchQuery({ q }), { pageSize: 10_000 });
    expect(result.total).toBe(expected.length);
    expect(result.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(expected);
  });

  it('has matches to compare for the common phrase', async () => {
    expect((await reference('"regional utveckling"')).length).toBeGreaterThan(0);
  });

  it('uses the pairs of adjacent words, not of words a stop word separates', async () => {
    const [row] = await queryRows<{ pairs: string | null; gap: string | null }>(
      db,
      sql`select riktning_phrase_pairs('regional utveckling i länet')::text as pairs,
        riktning_phrase_pairs('utveckling av regionen')::text as gap`,
    );
    expect(row!.pairs).toBe("'regional utveckling'");
    expect(row!.gap).toBeNull();
  });
});
