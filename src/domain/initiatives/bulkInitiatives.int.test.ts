import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import { goals, initiatives, memberships, users } from '../../db/schema/index.js';
import { toXlsx } from '../../lib/xlsx.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { createOrganisation } from '../actors/createOrganisation.js';
import type { Actor } from '../context.js';
import { toCsv } from '../opendata/csv.js';
import { readBulkCsv, readBulkXlsx } from './bulkFile.js';
import { exportInitiatives, importInitiatives } from './bulkInitiatives.js';
import { createInitiative } from './createInitiative.js';
import { loadInitiativeData } from './initiativeData.js';
import { updateInitiative } from './updateInitiative.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function setup(db: Db) {
  const sys = testCtx(db);
  const a = await createOrganisation(sys, { slug: 'bulk-a', name: 'Bulk A', kind: 'kommun' });
  const b = await createOrganisation(sys, { slug: 'bulk-b', name: 'Bulk B', kind: 'kommun' });
  if (!a.ok || !b.ok) throw new Error('organisations');
  const [u] = await db
    .insert(users)
    .values({ email: 'bulk@example.se', name: 'Bulk', role: 'aktor' })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: u!.id, organisationId: a.value.id });
  const actor: Actor = {
    kind: 'user',
    userId: u!.id,
    role: 'aktor',
    organisationIds: [a.value.id],
    label: `user:${u!.id}`,
  };
  const goal = (await db.select({ id: goals.id, code: goals.code }).from(goals).limit(1))[0]!;
  const ids: number[] = [];
  for (const [owner, title] of [
    [a.value.id, '=HYPERLINK("http://evil")'],
    [a.value.id, 'Andra insatsen, med komma; och semikolon'],
    [b.value.id, 'Någon annans insats'],
  ] as const) {
    const r = await createInitiative(
      sys,
      buildInitiative({
        ownerOrganisationId: owner,
        goalIds: [goal.id],
        title,
        description: 'Rad ett\nRad två med "citat"',
        partners: [{ organisationId: b.value.id, role: 'partner' }],
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    ids.push(r.value.id);
  }
  return { ctx: testCtx(db, actor), actor, orgA: a.value.id, orgB: b.value.id, goal, ids };
}

const csvOf = (e: Awaited<ReturnType<typeof exportInitiatives>>, semicolon = false) =>
  toCsv({
    delimiter: semicolon ? 'semicolon' : 'comma',
    comments: ['test'],
    header: e.header,
    rows: e.rows,
  });

const titles = async (db: Db) =>
  (await db.select({ t: initiatives.title }).from(initiatives).orderBy(asc(initiatives.id))).map(
    (r) => r.t,
  );

describe('bulk export and import', () => {
  it('exports only what the member may edit, neutralises formulas, and reads back unchanged', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const exported = await exportInitiatives(db, s.actor);
      expect(exported.rows.map((r) => r[0])).toEqual([s.ids[0], s.ids[1]]);
      for (const semicolon of [false, true]) {
        const csv = csvOf(exported, semicolon);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        expect(csv).toContain(`'=HYPERLINK`);
        const table = readBulkCsv(csv);
        expect(table.rows.slice(1)).toEqual(
          exported.rows.map((r) => r.map((c) => (c === null ? '' : String(c)))),
        );
        const r = await importInitiatives(s.ctx, table);
        expect(r).toEqual({ ok: true, created: 0, updated: 2 });
        // The next round starts from the new versions.
        Object.assign(exported, await exportInitiatives(db, s.actor));
      }
      const first = (await loadInitiativeData(db, s.ids[0]!))!;
      expect(first.data.title).toBe('=HYPERLINK("http://evil")');
      expect(first.data.description).toBe('Rad ett\nRad två med "citat"');
      expect(first.state.version).toBe(3);
    });
  });

  it('updates rows with an id, creates drafts from rows without, through XLSX too', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const { header, rows } = await exportInitiatives(db, s.actor);
      const col = (name: string) => header.indexOf(name);
      const changed = rows.map((r) => [...r]);
      changed[0]![col('title')] = 'Uppdaterad via Excel';
      changed[0]![col('places')] = '0880|0882';
      const fresh = header.map(() => '' as string | number | null);
      fresh[col('title')] = 'Ny insats från fil';
      fresh[col('summary')] = 'En ny insats som läses in från en fil.';
      fresh[col('status')] = 'planerad';
      fresh[col('start_date')] = '2026-03-01';
      fresh[col('owner_organisation_id')] = s.orgA;
      fresh[col('places')] = '0880';
      fresh[col('goals')] = s.goal.code;
      fresh[col('funding')] = 'kommun:50000:2026|eruf:100000:2027:' + s.orgB;
      const xlsx = toXlsx([{ name: 'Insatser', rows: [header, ...changed, fresh] }]);
      const r = await importInitiatives(s.ctx, readBulkXlsx(xlsx));
      expect(r).toEqual({ ok: true, created: 1, updated: 2 });
      const first = (await loadInitiativeData(db, s.ids[0]!))!;
      expect(first.data.title).toBe('Uppdaterad via Excel');
      expect(first.data.placeCodes).toEqual(['0880', '0882']);
      const [created] = await db
        .select({ id: initiatives.id, state: initiatives.workflowState })
        .from(initiatives)
        .where(eq(initiatives.title, 'Ny insats från fil'));
      expect(created?.state).toBe('utkast');
      const stored = (await loadInitiativeData(db, created!.id))!;
      expect(stored.data.funding).toEqual([
        { source: 'kommun', amountSek: 50000, year: 2026, funderOrganisationId: null },
        { source: 'eruf', amountSek: 100000, year: 2027, funderOrganisationId: s.orgB },
      ]);
    });
  });

  it('reports every bad row with its line and column and saves nothing', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const before = await titles(db);
      const { header, rows } = await exportInitiatives(db, s.actor);
      const col = (name: string) => header.indexOf(name);
      const good = [...rows[0]!];
      good[col('title')] = 'Skulle ha sparats';
      const bad = [...rows[1]!];
      bad[col('start_date')] = '2026-13-01';
      bad[col('funding')] = 'okänd:mycket:2026';
      bad[col('goals')] = '99.99';
      const foreign = [...rows[1]!];
      foreign[col('id')] = s.ids[2]!;
      const stale = [...rows[0]!];
      const csv = csvOf({ header, rows: [good, bad, foreign] });
      const r = await importInitiatives(s.ctx, readBulkCsv(csv));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // Line 1 is the comment, line 2 the header; each description spans two lines.
      expect(r.issues.map((i) => [i.row, i.column])).toEqual([
        [5, 'funding'],
        [5, 'funding'],
        [5, 'goals'],
        [5, 'start_date'],
        [7, 'id'],
      ]);
      expect(await titles(db)).toEqual(before);

      const startBad = [...rows[1]!];
      startBad[col('start_date')] = '2026-13-01';
      startBad[col('end_date')] = '';
      const r2 = await importInitiatives(s.ctx, readBulkCsv(csvOf({ header, rows: [startBad] })));
      expect(!r2.ok && r2.issues.map((i) => [i.row, i.column])).toEqual([[3, 'start_date']]);

      await updateInitiative(s.ctx, {
        initiativeId: s.ids[0]!,
        expectedVersion: 1,
        data: buildInitiative({
          ownerOrganisationId: s.orgA,
          goalIds: [s.goal.id],
          title: 'Ändrad efter exporten',
        }),
      });
      const r3 = await importInitiatives(s.ctx, readBulkCsv(csvOf({ header, rows: [stale] })));
      expect(!r3.ok && r3.issues.map((i) => [i.row, i.column])).toEqual([[3, 'version']]);
      expect((await loadInitiativeData(db, s.ids[0]!))!.data.title).toBe('Ändrad efter exporten');
    });
  });

  it('names missing columns and empty files', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const missing = await importInitiatives(s.ctx, readBulkCsv('id,title\n1,x\n'));
      expect(!missing.ok && missing.issues[0]).toMatchObject({ row: 1 });
      const empty = await importInitiatives(
        s.ctx,
        readBulkCsv('title;summary;status;start_date\n'),
      );
      expect(!empty.ok && empty.issues[0]?.row).toBe(2);
    });
  });
});
