import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText } from '../text/plainText.js';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import {
  archivedInitiativeGoals,
  goalAreas,
  goalMappings,
  goals,
  initiativeGoals,
  initiativeMeasures,
  initiativePerspectives,
  initiatives,
  strategies,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { loadInitiativeData } from '../initiatives/initiativeData.js';
import { appendVersion } from '../initiatives/initiativeVersions.js';
import { refreshFacetKeys } from '../initiatives/facetKeys.js';
import { fail, issue, ok, parseInput, type Issue, type Result } from '../result.js';
import { forbiddenMessage, strategyVersionPolicy } from './policies.js';

const id = z.coerce.number().int().positive();

export const adoptSchema = z.object({
  strategyId: id,
  decisionDate: z.iso.date({ message: 'Ange beslutsdatum som ÅÅÅÅ-MM-DD.' }),
  diarienummer: singleLineText()
    .trim()
    .min(1, 'Ange beslutets diarienummer.')
    .max(60, 'Högst 60 tecken.'),
  goalMapping: z.array(z.object({ fromGoalId: id, toGoalIds: z.array(id) })).default([]),
  /** Old goals with initiatives that the editor chose to leave without a new goal. */
  leaveUnmappedGoalIds: z.array(id).default([]),
});

export type AdoptInput = z.input<typeof adoptSchema>;

export interface AdoptOutcome {
  strategyId: number;
  archivedStrategyId: number | null;
  /** Initiatives moved to the adopted version with their goals mapped. */
  remapped: number;
  /** Initiatives whose every goal was left unmapped; they stay with the archived version. */
  leftWithArchived: number;
}

/**
 * Adopts a draft: it becomes the current strategy (decision date and diarienummer recorded), the
 * previous current version is archived and stays readable, and the initiatives linked to the old
 * goals move to the new goals by the editor's mapping table, each change a new version in the
 * initiative's history with an audit event. Indicators hand their slugs (and a copy of their
 * observations) to their copies in the adopted version. One transaction; an old goal that has
 * initiatives but no new goal refuses the adoption unless it is explicitly left unmapped.
 */
export async function adoptStrategy(ctx: Ctx, input: AdoptInput): Promise<Result<AdoptOutcome>> {
  if (!strategyVersionPolicy.manage(ctx.actor)) throw new ForbiddenError(forbiddenMessage);
  const parsed = parseInput(adoptSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const db = tx.db;
    const [draft] = await db
      .select()
      .from(strategies)
      .where(eq(strategies.id, v.strategyId))
      .for('update');
    if (!draft) throw new NotFoundError('Strategiversionen finns inte.');
    if (draft.status !== 'draft') {
      throw new ConflictError('Bara ett utkast kan antas.', 'not_draft');
    }
    const [old] = await db
      .select()
      .from(strategies)
      .where(eq(strategies.isCurrent, true))
      .for('update');

    const draftGoals = await goalsOf(db, draft.id);
    const oldGoals = old ? await goalsOf(db, old.id) : [];
    const problems = checkMapping(v, oldGoals, draftGoals);
    if (problems.length > 0) return fail(problems);

    const targets = new Map<number, number[]>();
    for (const m of v.goalMapping) {
      const set = new Set([...(targets.get(m.fromGoalId) ?? []), ...m.toGoalIds]);
      if (set.size > 0) targets.set(m.fromGoalId, [...set]);
    }
    const unmapped = oldGoals.filter(
      (g) => g.initiativeCount > 0 && !targets.has(g.id) && !v.leaveUnmappedGoalIds.includes(g.id),
    );
    if (unmapped.length > 0) {
      return fail([
        issue(
          'goalMapping',
          `Välj nya mål för ${unmapped.map((g) => `${g.code} ${g.nameSv}`).join('; ')} – insatser är kopplade till dem – eller markera uttryckligen att de lämnas utan nytt mål.`,
          'unmapped',
        ),
        ...unmapped.map((g) =>
          issue(
            `goalMapping.${g.id}`,
            `${g.initiativeCount} insatser är kopplade till målet. Välj minst ett nytt mål eller lämna det uttryckligen utan.`,
            'unmapped',
          ),
        ),
      ]);
    }

    const now = ctx.now();
    const rows = [...targets].flatMap(([fromGoalId, toGoalIds]) =>
      toGoalIds.map((toGoalId) => ({
        fromGoalId,
        toGoalId,
        createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdAt: now,
      })),
    );
    if (rows.length > 0) await db.insert(goalMappings).values(rows).onConflictDoNothing();

    let remapped = 0;
    let leftWithArchived = 0;
    if (old) {
      const moved = await moveInitiatives(
        tx,
        old.id,
        draft,
        targets,
        oldGoals,
        draftGoals,
        v.decisionDate,
      );
      remapped = moved.remapped;
      leftWithArchived = moved.left;
      await handOverIndicators(db, old, draft.id);
      await db
        .update(strategies)
        .set({ isCurrent: false, status: 'archived', archivedAt: now, updatedAt: now })
        .where(eq(strategies.id, old.id));
    }
    await db
      .update(strategies)
      .set({
        isCurrent: true,
        status: 'adopted',
        adoptedOn: v.decisionDate,
        diarienummer: v.diarienummer,
        updatedAt: now,
      })
      .where(eq(strategies.id, draft.id));
    const outcome: AdoptOutcome = {
      strategyId: draft.id,
      archivedStrategyId: old?.id ?? null,
      remapped,
      leftWithArchived,
    };
    await recordAuditEvent(tx, {
      action: 'strategy.adopted',
      entityType: 'strategy',
      entityId: draft.id,
      after: { ...v, ...outcome },
    });
    return ok(outcome);
  });
}

interface GoalFacts {
  id: number;
  code: string;
  nameSv: string;
  initiativeCount: number;
}

async function goalsOf(db: Db, strategyId: number): Promise<GoalFacts[]> {
  const rows = await db
    .select({
      id: goals.id,
      code: goals.code,
      nameSv: goals.nameSv,
      initiativeCount: sql<number>`(select count(*)::int from initiative_goals ig where ig.goal_id = ${goals.id})`,
    })
    .from(goals)
    .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
    .where(eq(goalAreas.strategyId, strategyId));
  return rows.map((r) => ({ ...r, initiativeCount: Number(r.initiativeCount) }));
}

function checkMapping(
  v: z.infer<typeof adoptSchema>,
  oldGoals: GoalFacts[],
  draftGoals: GoalFacts[],
): Issue[] {
  const oldIds = new Set(oldGoals.map((g) => g.id));
  const newIds = new Set(draftGoals.map((g) => g.id));
  const problems: Issue[] = [];
  for (const m of v.goalMapping) {
    if (!oldIds.has(m.fromGoalId)) {
      problems.push(
        issue(
          `goalMapping.${m.fromGoalId}`,
          'Målet hör inte till den gällande strategin.',
          'unknown',
        ),
      );
    }
    if (m.toGoalIds.some((id) => !newIds.has(id))) {
      problems.push(
        issue(`goalMapping.${m.fromGoalId}`, 'Välj nya mål bland utkastets mål.', 'unknown'),
      );
    }
  }
  return problems;
}

async function moveInitiatives(
  ctx: Ctx,
  oldStrategyId: number,
  draft: typeof strategies.$inferSelect,
  targets: Map<number, number[]>,
  oldGoals: GoalFacts[],
  draftGoals: GoalFacts[],
  decisionDate: string,
): Promise<{ remapped: number; left: number }> {
  const db = ctx.db;
  const oldGoalIds = oldGoals.map((g) => g.id);
  const code = (list: GoalFacts[], id: number) => list.find((g) => g.id === id)?.code ?? String(id);
  const perspectiveMap = await sourceMap(
    db,
    sql`select id, source_perspective_id as source from perspectives where strategy_id = ${draft.id} and source_perspective_id is not null`,
  );
  const measureMap = await sourceMap(
    db,
    sql`select nm.id, om.id as source
          from measures nm join action_programmes np on np.id = nm.programme_id
          join action_programmes op on op.slug = np.slug
          join measures om on om.programme_id = op.id and om.code = nm.code
         where np.strategy_id = ${draft.id} and op.strategy_id = ${oldStrategyId}`,
  );
  const mapIds = (ids: number[], map: Map<number, number>) => [
    ...new Set(ids.map((id) => map.get(id)).filter((id): id is number => id !== undefined)),
  ];
  const goalTargets = (ids: number[]) => [...new Set(ids.flatMap((id) => targets.get(id) ?? []))];

  const linked = await db
    .select({ id: initiatives.id })
    .from(initiatives)
    .where(eq(initiatives.strategyId, oldStrategyId));
  let remapped = 0;
  let left = 0;
  const touched: number[] = [];
  for (const { id } of linked) {
    const stored = (await loadInitiativeData(db, id))!;
    const oldLinks = stored.data.goalIds.filter((g) => oldGoalIds.includes(g));
    if (oldLinks.length > 0) {
      await db
        .insert(archivedInitiativeGoals)
        .values(oldLinks.map((goalId) => ({ initiativeId: id, goalId })))
        .onConflictDoNothing();
    }
    const newGoalIds = goalTargets(oldLinks);
    if (newGoalIds.length === 0) {
      left++;
      continue;
    }
    const newPerspectiveIds = mapIds(stored.data.perspectiveIds, perspectiveMap);
    const newMeasureIds = mapIds(stored.data.measureIds, measureMap);
    await db.delete(initiativeGoals).where(eq(initiativeGoals.initiativeId, id));
    await db
      .insert(initiativeGoals)
      .values(newGoalIds.map((goalId) => ({ initiativeId: id, goalId })));
    await db.delete(initiativePerspectives).where(eq(initiativePerspectives.initiativeId, id));
    if (newPerspectiveIds.length > 0) {
      await db
        .insert(initiativePerspectives)
        .values(newPerspectiveIds.map((perspectiveId) => ({ initiativeId: id, perspectiveId })));
    }
    await db.delete(initiativeMeasures).where(eq(initiativeMeasures.initiativeId, id));
    if (newMeasureIds.length > 0) {
      await db
        .insert(initiativeMeasures)
        .values(newMeasureIds.map((measureId) => ({ initiativeId: id, measureId })));
    }
    const pending = stored.pending
      ? {
          ...stored.pending,
          goalIds: goalTargets(stored.pending.goalIds),
          perspectiveIds: mapIds(stored.pending.perspectiveIds, perspectiveMap),
          measureIds: mapIds(stored.pending.measureIds, measureMap),
        }
      : null;
    const version = stored.state.version + 1;
    const [raw] = await db
      .select({ pendingChanges: initiatives.pendingChanges })
      .from(initiatives)
      .where(eq(initiatives.id, id));
    await db
      .update(initiatives)
      .set({
        strategyId: draft.id,
        version,
        updatedAt: ctx.now(),
        pendingChanges:
          pending && raw?.pendingChanges
            ? { ...(raw.pendingChanges as Record<string, unknown>), ...pickIds(pending) }
            : undefined,
      })
      .where(eq(initiatives.id, id));
    const data = {
      ...stored.data,
      goalIds: newGoalIds,
      perspectiveIds: newPerspectiveIds,
      measureIds: newMeasureIds,
    };
    const mapping = oldLinks
      .map(
        (g) =>
          `${code(oldGoals, g)} → ${(targets.get(g) ?? []).map((t) => code(draftGoals, t)).join(', ') || '–'}`,
      )
      .join('; ');
    await appendVersion(ctx, id, version, data, {
      action: 'updated',
      state: stored.state.workflowState,
      pendingState: stored.state.pendingState,
      comment: `${draft.nameSv} antogs ${decisionDate}. Målen fördes över: ${mapping}.`,
    });
    await recordAuditEvent(ctx, {
      action: 'initiative.goals_mapped',
      entityType: 'initiative',
      entityId: id,
      before: {
        strategyId: oldStrategyId,
        goalIds: stored.data.goalIds,
        perspectiveIds: stored.data.perspectiveIds,
        measureIds: stored.data.measureIds,
      },
      after: {
        strategyId: draft.id,
        goalIds: newGoalIds,
        perspectiveIds: newPerspectiveIds,
        measureIds: newMeasureIds,
        version,
      },
    });
    touched.push(id);
    remapped++;
  }
  await refreshFacetKeys(db, touched);
  return { remapped, left };
}

function pickIds(d: { goalIds: number[]; perspectiveIds: number[]; measureIds: number[] }) {
  return { goalIds: d.goalIds, perspectiveIds: d.perspectiveIds, measureIds: d.measureIds };
}

async function sourceMap(db: Db, query: ReturnType<typeof sql>): Promise<Map<number, number>> {
  const rows = await queryRows<{ id: number; source: number }>(db, query);
  return new Map(rows.map((r) => [Number(r.source), Number(r.id)]));
}

/**
 * The adopted version's indicators take over the slugs (so addresses and imports keep working)
 * and get a copy of the observations; the archived indicators keep theirs under a suffixed slug.
 */
async function handOverIndicators(
  db: Db,
  old: typeof strategies.$inferSelect,
  draftId: number,
): Promise<void> {
  const pairs = await queryRows<{ newId: number; oldId: number; oldSlug: string }>(
    db,
    sql`select n.id as "newId", o.id as "oldId", o.slug as "oldSlug"
          from indicators n
          join goals ng on ng.id = n.goal_id join goal_areas na on na.id = ng.goal_area_id
          join indicators o on o.id = n.source_indicator_id
          join goals og on og.id = o.goal_id join goal_areas oa on oa.id = og.goal_area_id
         where na.strategy_id = ${draftId} and oa.strategy_id = ${old.id}`,
  );
  if (pairs.length === 0) return;
  const used = new Set(
    (await queryRows<{ slug: string }>(db, sql`select slug from indicators`)).map((r) => r.slug),
  );
  for (const p of pairs) {
    let archived = `${p.oldSlug}-${old.slug}`;
    for (let n = 2; used.has(archived); n++) archived = `${p.oldSlug}-${old.slug}-${n}`;
    used.add(archived);
    await db.execute(sql`update indicators set slug = ${archived} where id = ${p.oldId}`);
    await db.execute(sql`update indicators set slug = ${p.oldSlug} where id = ${p.newId}`);
  }
  await db.execute(sql`
    insert into observations (indicator_id, place_code, period, gender, value, status, source,
                              source_revision, retrieved_at, import_run_id, is_demo)
    select n.id, o.place_code, o.period, o.gender, o.value, o.status, o.source,
           o.source_revision, o.retrieved_at, o.import_run_id, o.is_demo
      from observations o
      join indicators n on n.source_indicator_id = o.indicator_id
     where n.id in (${sql.join(
       pairs.map((p) => sql`${Number(p.newId)}`),
       sql`, `,
     )})
    on conflict do nothing`);
}
