import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import {
  actionProgrammes,
  archivedInitiativeGoals,
  auditEvents,
  goalAreas,
  goalMappings,
  initiativeGoals,
  initiatives,
  initiativeVersions,
  observations,
  goals,
  indicators,
  measures,
  perspectives,
  strategies,
} from '../../db/schema/index.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { createOrganisation } from '../actors/createOrganisation.js';
import type { Actor } from '../context.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import { createInitiative } from '../initiatives/createInitiative.js';
import { defineIndicator } from '../followup/defineIndicator.js';
import { transitionInitiative } from '../initiatives/transitionInitiative.js';
import { archivedStrategyBySlug } from '../strategy/archiveQueries.js';
import { currentStrategy, strategyOverview } from '../strategy/queries.js';
import { NotFoundError } from '../errors.js';
import { adoptStrategy } from './adoptStrategy.js';
import { compareWithAdopted } from './compare.js';
import { moveContent, removeContent, saveContent } from './content.js';
import { adoptionRows, listStrategyVersions, versionContent } from './queries.js';
import { startDraftStrategy } from './startDraftStrategy.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function countContent(db: Db, strategyId: number) {
  const areas = await db.select().from(goalAreas).where(eq(goalAreas.strategyId, strategyId));
  const areaIds = areas.map((a) => a.id);
  const goalRows = areaIds.length
    ? await db.select().from(goals).where(inArray(goals.goalAreaId, areaIds))
    : [];
  const goalIds = goalRows.map((g) => g.id);
  const indicatorRows = goalIds.length
    ? await db.select().from(indicators).where(inArray(indicators.goalId, goalIds))
    : [];
  const persp = await db.select().from(perspectives).where(eq(perspectives.strategyId, strategyId));
  const programmes = await db
    .select()
    .from(actionProgrammes)
    .where(eq(actionProgrammes.strategyId, strategyId));
  const measureRows = programmes.length
    ? await db
        .select()
        .from(measures)
        .where(
          inArray(
            measures.programmeId,
            programmes.map((p) => p.id),
          ),
        )
    : [];
  return { areas, goalRows, indicatorRows, persp, programmes, measureRows };
}

/** An indicator with one observation on the first goal of the current version. */
async function seedIndicator(db: Db): Promise<void> {
  const current = await versionContent(db, (await currentStrategy(db)).id);
  const r = await defineIndicator(testCtx(db), {
    goalId: current.areas[0]!.goals[0]!.id,
    slug: 'sysselsattningsgrad',
    nameSv: 'Sysselsättningsgrad',
    nameEn: 'Employment rate',
    unit: '%',
    source: 'manual',
    direction: 'higher',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  await db.insert(observations).values({
    indicatorId: r.value.id,
    placeCode: '0880',
    period: 2024,
    gender: 'T',
    value: 78.5,
    source: 'manual',
  });
}

async function startDraft(db: Db) {
  await seedIndicator(db);
  const ctx = testCtx(db);
  const current = await currentStrategy(db);
  const r = await startDraftStrategy(ctx, {
    fromStrategyId: current.id,
    slug: 'rus-2040',
    nameSv: 'Regional utvecklingsstrategi 2040',
    nameEn: 'Regional development strategy 2040',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { ctx, current, draftId: r.value.id, draft: await versionContent(db, r.value.id) };
}

describe('startDraftStrategy', () => {
  it('copies every part of the current version with links back to its source', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, current, draftId } = await startDraft(db);
      const [draft] = await db.select().from(strategies).where(eq(strategies.id, draftId));
      expect(draft).toMatchObject({
        status: 'draft',
        isCurrent: false,
        derivedFromStrategyId: current.id,
        visionSv: current.visionSv,
      });
      const from = await countContent(db, current.id);
      const to = await countContent(db, draftId);
      expect(from.goalRows.length).toBeGreaterThan(0);
      expect(from.indicatorRows.length).toBe(1);
      expect(to.areas.length).toBe(from.areas.length);
      expect(to.goalRows.length).toBe(from.goalRows.length);
      expect(to.indicatorRows.length).toBe(from.indicatorRows.length);
      expect(to.persp.length).toBe(from.persp.length);
      expect(to.programmes.length).toBe(from.programmes.length);
      expect(to.measureRows.length).toBe(from.measureRows.length);
      expect(new Set(to.goalRows.map((g) => g.sourceGoalId))).toEqual(
        new Set(from.goalRows.map((g) => g.id)),
      );
      for (const i of to.indicatorRows) {
        const source = from.indicatorRows.find((s) => s.id === i.sourceIndicatorId)!;
        expect(i.slug).toBe(`${source.slug}-rus-2040`);
        const goal = to.goalRows.find((g) => g.id === i.goalId)!;
        expect(goal.sourceGoalId).toBe(source.goalId);
      }
      const taken = await startDraftStrategy(ctx, {
        fromStrategyId: current.id,
        slug: 'rus-2040',
        nameSv: 'x',
        nameEn: 'x',
        periodStart: 2027,
        periodEnd: 2026,
      });
      expect(taken.ok ? [] : taken.issues.map((i) => i.field)).toEqual(['periodEnd']);
    });
  });
});

const goalValues = (g: {
  goalAreaId: number;
  code: string;
  nameSv: string;
  nameEn: string;
  descriptionSv: string;
  descriptionEn: string;
}) => ({
  goalAreaId: g.goalAreaId,
  code: g.code,
  nameSv: g.nameSv,
  nameEn: g.nameEn,
  descriptionSv: g.descriptionSv,
  descriptionEn: g.descriptionEn,
});

describe('editing a draft', () => {
  it('changes, adds, reorders and removes content with field errors and link checks', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, draftId, draft } = await startDraft(db);
      const [area1, area2] = draft.areas;
      const goal = area1!.goals[0]!;
      const changed = await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        id: goal.id,
        values: { ...goalValues(goal), nameSv: 'Ett nytt namn på målet' },
      });
      expect(changed.ok).toBe(true);
      const dup = await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        values: { ...goalValues(goal), nameSv: '', code: goal.code },
      });
      expect(dup.ok ? [] : dup.issues.map((i) => i.field)).toEqual(['nameSv']);
      const taken = await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        values: { ...goalValues(goal), code: goal.code },
      });
      expect(taken.ok ? [] : taken.issues).toMatchObject([{ field: 'code', code: 'taken' }]);
      const added = await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        values: { ...goalValues(goal), code: '9.9', nameSv: 'Nytt mål', nameEn: 'New goal' },
      });
      if (!added.ok) throw new Error(JSON.stringify(added.issues));
      const foreignArea = await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        values: { ...goalValues(goal), code: '9.8', goalAreaId: await currentGoalAreaId(db) },
      });
      expect(foreignArea.ok ? [] : foreignArea.issues.map((i) => i.field)).toEqual(['goalAreaId']);

      await moveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        id: added.value.id,
        direction: 'up',
      });
      const after = await versionContent(db, draftId);
      const ids = after.areas[0]!.goals.map((g) => g.id);
      expect(ids.indexOf(added.value.id)).toBe(ids.length - 2);
      expect(after.areas[0]!.goals.find((g) => g.id === goal.id)!.nameSv).toBe(
        'Ett nytt namn på målet',
      );

      const withIndicator = after.areas
        .flatMap((a) => a.goals)
        .find((g) => g.indicators.length > 0)!;
      const refused = await removeContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        id: withIndicator.id,
      });
      expect(refused.ok ? '' : refused.issues[0]!.message).toMatch(/indikatorer/);
      const areaRefused = await removeContent(ctx, {
        strategyId: draftId,
        kind: 'goalArea',
        id: area2!.id,
      });
      expect(areaRefused.ok ? '' : areaRefused.issues[0]!.message).toMatch(/mål/);
      const removed = await removeContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        id: added.value.id,
      });
      expect(removed.ok).toBe(true);

      const areaColour = await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goalArea',
        id: area1!.id,
        values: { ...area1!, colour: 'red' },
      });
      expect(areaColour.ok ? [] : areaColour.issues.map((i) => i.field)).toEqual(['colour']);
    });
  });

  it('lets the current version change texts only', async () => {
    await withRollback(database.db, async (db) => {
      const ctx = testCtx(db);
      const current = await versionContent(db, (await currentStrategy(db)).id);
      const goal = current.areas[0]!.goals[0]!;
      const r = await saveContent(ctx, {
        strategyId: current.strategy.id,
        kind: 'goal',
        id: goal.id,
        values: { ...goalValues(goal), nameEn: 'A clearer English name', code: 'X9' },
      });
      expect(r.ok).toBe(true);
      const [stored] = await db.select().from(goals).where(eq(goals.id, goal.id));
      expect(stored).toMatchObject({ nameEn: 'A clearer English name', code: goal.code });
      await expect(
        saveContent(ctx, {
          strategyId: current.strategy.id,
          kind: 'goal',
          values: goalValues(goal),
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        removeContent(ctx, { strategyId: current.strategy.id, kind: 'goal', id: goal.id }),
      ).rejects.toBeInstanceOf(ConflictError);
    });
  });
});

async function currentGoalAreaId(db: Db): Promise<number> {
  const current = await currentStrategy(db);
  const [a] = await db.select().from(goalAreas).where(eq(goalAreas.strategyId, current.id));
  return a!.id;
}

describe('compareWithAdopted', () => {
  it('lists added, changed with a word diff, moved and removed goals', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, draftId, draft } = await startDraft(db);
      const [area1, area2] = draft.areas;
      const changedGoal = area1!.goals[0]!;
      await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        id: changedGoal.id,
        values: { ...goalValues(changedGoal), nameSv: `${changedGoal.nameSv} till 2040` },
      });
      const movedGoal = area1!.goals[1]!;
      await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        id: movedGoal.id,
        values: { ...goalValues(movedGoal), goalAreaId: area2!.id, code: 'F1' },
      });
      const added = await saveContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        values: { ...goalValues(changedGoal), code: '9.9', nameSv: 'Nytt mål', nameEn: 'New goal' },
      });
      expect(added.ok).toBe(true);
      const removable = draft.areas
        .flatMap((a) => a.goals)
        .find(
          (g) => g.indicators.length === 0 && g.id !== changedGoal.id && g.id !== movedGoal.id,
        )!;
      const removed = await removeContent(ctx, {
        strategyId: draftId,
        kind: 'goal',
        id: removable.id,
      });
      expect(removed.ok).toBe(true);

      const c = await compareWithAdopted(db, draftId);
      const all = c.areas.flatMap((a) => a.goals);
      const changed = all.find((g) => g.after?.id === changedGoal.id)!;
      expect(changed.status).toBe('changed');
      expect(changed.changes[0]).toEqual({
        field: 'nameSv',
        diff: [
          { op: 'same', text: changedGoal.nameSv },
          { op: 'added', text: ' till 2040' },
        ],
      });
      const moved = all.find((g) => g.after?.id === movedGoal.id)!;
      expect(moved).toMatchObject({ status: 'moved', moved: true, changed: true });
      expect(moved.movedFrom?.nameSv).toBe(area1!.nameSv);
      expect(all.filter((g) => g.status === 'added').map((g) => g.after?.code)).toEqual(['9.9']);
      expect(all.filter((g) => g.status === 'removed').map((g) => g.before?.id)).toEqual([
        removable.sourceGoalId,
      ]);
      expect(c.counts).toMatchObject({ added: 1, removed: 1, changed: 1, moved: 1 });
      expect(c.counts.unchanged).toBe(all.length - 4);
    });
  });
});

describe('adoptStrategy', () => {
  it('maps initiatives, records their history, archives the old version and keeps it readable', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, current, draftId, draft } = await startDraft(db);
      const org = await createOrganisation(ctx, {
        slug: 'testkommunen',
        name: 'Testkommunen',
        kind: 'foretag',
        orgNumber: '556677-8899',
        municipalityCode: '0880',
      });
      if (!org.ok) throw new Error(JSON.stringify(org.issues));
      const oldArea = (await versionContent(db, current.id)).areas[0]!;
      const [oldGoal, otherOldGoal] = oldArea.goals;
      const made = await createInitiative(
        ctx,
        buildInitiative({ ownerOrganisationId: org.value.id, goalIds: [oldGoal!.id] }),
      );
      if (!made.ok) throw new Error(JSON.stringify(made.issues));
      const initiativeId = made.value.id;
      await transitionInitiative(ctx, { initiativeId, action: 'submit' });
      await transitionInitiative(ctx, { initiativeId, action: 'approve' });
      await expect(archivedStrategyBySlug(db, 'rus-2040')).rejects.toBeInstanceOf(NotFoundError);
      const other = await createInitiative(
        ctx,
        buildInitiative({ ownerOrganisationId: org.value.id, goalIds: [otherOldGoal!.id] }),
      );
      if (!other.ok) throw new Error(JSON.stringify(other.issues));

      const rows = await adoptionRows(db, draftId);
      const row = rows.find((r) => r.fromGoal.id === oldGoal!.id)!;
      expect(row.initiativeCount).toBe(1);
      const copy = draft.areas[0]!.goals.find((g) => g.sourceGoalId === oldGoal!.id)!;
      expect(row.suggestedToGoalIds).toEqual([copy.id]);
      const second = draft.areas[1]!.goals[0]!;

      const refused = await adoptStrategy(ctx, {
        strategyId: draftId,
        decisionDate: '2026-11-20',
        diarienummer: 'RS 2026/412',
        goalMapping: [{ fromGoalId: oldGoal!.id, toGoalIds: [copy.id, second.id] }],
      });
      expect(refused.ok ? [] : refused.issues.map((i) => i.field)).toEqual([
        'goalMapping',
        `goalMapping.${otherOldGoal!.id}`,
      ]);
      expect(refused.ok ? '' : refused.issues[0]!.message).toContain(otherOldGoal!.code);
      expect((await currentStrategy(db)).id).toBe(current.id);

      const oldIndicator = oldArea.goals.flatMap((g) => g.indicators)[0]!;

      const adopted = await adoptStrategy(ctx, {
        strategyId: draftId,
        decisionDate: '2026-11-20',
        diarienummer: 'RS 2026/412',
        goalMapping: [{ fromGoalId: oldGoal!.id, toGoalIds: [copy.id, second.id] }],
        leaveUnmappedGoalIds: [otherOldGoal!.id],
      });
      if (!adopted.ok) throw new Error(JSON.stringify(adopted.issues));
      expect(adopted.value).toMatchObject({ remapped: 1, leftWithArchived: 1 });

      const now = await currentStrategy(db);
      expect(now).toMatchObject({
        id: draftId,
        status: 'adopted',
        adoptedOn: '2026-11-20',
        diarienummer: 'RS 2026/412',
      });
      const [archived] = await db.select().from(strategies).where(eq(strategies.id, current.id));
      expect(archived).toMatchObject({ status: 'archived', isCurrent: false });
      expect(archived!.archivedAt).not.toBeNull();
      expect((await strategyOverview(db)).strategy.id).toBe(draftId);

      const links = await db
        .select({ goalId: initiativeGoals.goalId })
        .from(initiativeGoals)
        .where(eq(initiativeGoals.initiativeId, initiativeId));
      expect(links.map((l) => l.goalId).sort()).toEqual([copy.id, second.id].sort());
      const [moved] = await db.select().from(initiatives).where(eq(initiatives.id, initiativeId));
      expect(moved).toMatchObject({ strategyId: draftId, version: 4, workflowState: 'publicerad' });
      const [stayed] = await db
        .select()
        .from(initiatives)
        .where(eq(initiatives.id, other.value.id));
      expect(stayed).toMatchObject({ strategyId: current.id, version: 1 });
      const versions = await db
        .select()
        .from(initiativeVersions)
        .where(eq(initiativeVersions.initiativeId, initiativeId));
      expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
      const v2 = versions.find((v) => v.version === 4)!.snapshot as {
        goalIds: number[];
        workflow: { comment: string };
      };
      expect(v2.goalIds.sort()).toEqual([copy.id, second.id].sort());
      expect(v2.workflow.comment).toContain(`${oldGoal!.code} → ${copy.code}, ${second.code}`);
      const audit = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, 'initiative.goals_mapped'),
            eq(auditEvents.entityId, String(initiativeId)),
          ),
        );
      expect(audit).toHaveLength(1);
      const mappings = await db
        .select()
        .from(goalMappings)
        .where(eq(goalMappings.fromGoalId, oldGoal!.id));
      expect(mappings.map((m) => m.toGoalId).sort()).toEqual([copy.id, second.id].sort());
      const archivedLinks = await db
        .select()
        .from(archivedInitiativeGoals)
        .where(inArray(archivedInitiativeGoals.initiativeId, [initiativeId, other.value.id]));
      expect(archivedLinks.map((l) => l.goalId).sort()).toEqual(
        [oldGoal!.id, otherOldGoal!.id].sort(),
      );

      const [oldRow] = await db.select().from(indicators).where(eq(indicators.id, oldIndicator.id));
      expect(oldRow!.slug).toBe(`${oldIndicator.slug}-${current.slug}`);
      const [newRow] = await db
        .select()
        .from(indicators)
        .where(eq(indicators.sourceIndicatorId, oldIndicator.id));
      expect(newRow!.slug).toBe(oldIndicator.slug);
      for (const indicatorId of [oldRow!.id, newRow!.id]) {
        const values = await db
          .select({ value: observations.value })
          .from(observations)
          .where(eq(observations.indicatorId, indicatorId));
        expect(values).toEqual([{ value: 78.5 }]);
      }

      const archive = await archivedStrategyBySlug(db, current.slug);
      const archivedGoal = archive.areas.flatMap((a) => a.goals).find((g) => g.id === oldGoal!.id)!;
      expect(archivedGoal.initiatives.map((i) => i.id)).toEqual([initiativeId]);
      expect(archivedGoal.indicators.map((i) => i.slug)).toEqual([
        `${oldIndicator.slug}-${current.slug}`,
      ]);
      await expect(archivedStrategyBySlug(db, 'rus-2040')).rejects.toBeInstanceOf(NotFoundError);

      const versionsList = await listStrategyVersions(db);
      expect(versionsList.map((s) => [s.id, s.status])).toEqual([
        [draftId, 'adopted'],
        [current.id, 'archived'],
      ]);
      await expect(
        saveContent(ctx, {
          strategyId: current.id,
          kind: 'goal',
          id: oldGoal!.id,
          values: goalValues(oldGoal!),
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        adoptStrategy(ctx, { strategyId: draftId, decisionDate: '2026-11-21', diarienummer: 'x' }),
      ).rejects.toBeInstanceOf(ConflictError);
    });
  });
});

describe('policies', () => {
  const member: Actor = {
    kind: 'user',
    userId: 1,
    role: 'aktor',
    organisationIds: [1],
    label: 'm',
  };
  const reader: Actor = {
    kind: 'user',
    userId: 1,
    role: 'analytiker',
    organisationIds: [],
    label: 'r',
  };
  it.each([
    ['member', member],
    ['reader', reader],
  ])('forbids a %s to draft, edit or adopt', async (_name, actor) => {
    await withRollback(database.db, async (db) => {
      const { draftId, draft } = await startDraft(db);
      const ctx = testCtx(db, actor);
      const current = await currentStrategy(db);
      await expect(
        startDraftStrategy(ctx, {
          fromStrategyId: current.id,
          slug: 'rus-x',
          nameSv: 'x',
          nameEn: 'x',
          periodStart: 2027,
          periodEnd: 2040,
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const goal = draft.areas[0]!.goals[0]!;
      await expect(
        saveContent(ctx, {
          strategyId: draftId,
          kind: 'goal',
          id: goal.id,
          values: goalValues(goal),
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        removeContent(ctx, { strategyId: draftId, kind: 'goal', id: goal.id }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        adoptStrategy(ctx, { strategyId: draftId, decisionDate: '2026-11-20', diarienummer: 'x' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
});
