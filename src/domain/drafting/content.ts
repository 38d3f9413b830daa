import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import {
  actionProgrammeGoalAreas,
  actionProgrammes,
  goalAreas,
  goals,
  measures,
  perspectives,
  strategies,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Issue, type Result } from '../result.js';
import type { PostedMerge } from '../merge/fieldMerge.js';
import {
  contentMergeSpec,
  detailsMergeSpec,
  mergeContent,
  storedContent,
  type SaveMergeResult,
} from './mergeContent.js';
import { forbiddenMessage, strategyVersionPolicy } from './policies.js';
import { requiredText, slugSchema } from './startDraftStrategy.js';

/**
 * How far a version's content may be edited: a draft freely; the current adopted version only in
 * its texts (names, descriptions, colours), since initiatives, indicators and reports point at its
 * structure; an archived version not at all.
 */
export type EditMode = 'full' | 'texts' | 'none';

export function editMode(s: { status: string; isCurrent: boolean }): EditMode {
  if (s.status === 'draft') return 'full';
  if (s.status === 'adopted' && s.isCurrent) return 'texts';
  return 'none';
}

export type ContentKind = 'goalArea' | 'goal' | 'perspective' | 'programme' | 'measure';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Högst ${max} tecken.`)
    .optional()
    .transform((s) => s ?? '');
const year = z.coerce
  .number({ message: 'Ange ett årtal.' })
  .int('Ange ett årtal.')
  .min(1990, 'Ange ett årtal från 1990.')
  .max(2100, 'Ange ett årtal till och med 2100.');
const colour = z
  .string()
  .trim()
  .regex(/^#[0-9A-Fa-f]{6}$/, 'Ange färgen som #RRGGBB, till exempel #1F6E8C.');
const code = z
  .string()
  .trim()
  .min(1, 'Ange en kod, till exempel 1.2.')
  .max(20, 'Högst 20 tecken.')
  .regex(/^[0-9A-Za-z.-]+$/, 'Använd siffror, bokstäver, punkt och bindestreck.');

const texts = {
  nameSv: requiredText(500),
  nameEn: requiredText(500),
  descriptionSv: optionalText(5000),
  descriptionEn: optionalText(5000),
};

export const goalAreaTextsSchema = z.object({ ...texts, colour });
export const goalAreaSchema = goalAreaTextsSchema.extend({ slug: slugSchema });
export const goalTextsSchema = z.object(texts);
export const goalSchema = goalTextsSchema.extend({
  code,
  goalAreaId: z.coerce
    .number({ message: 'Välj ett målområde.' })
    .int()
    .positive('Välj ett målområde.'),
});
export const perspectiveTextsSchema = z.object(texts);
export const perspectiveSchema = perspectiveTextsSchema.extend({ slug: slugSchema });
export const programmeTextsSchema = z.object({
  nameSv: requiredText(300),
  nameEn: requiredText(300),
  descriptionSv: optionalText(5000),
});
export const programmeSchema = programmeTextsSchema
  .extend({
    slug: slugSchema,
    periodStart: year,
    periodEnd: year,
    goalAreaIds: z.array(z.coerce.number().int().positive()).min(1, 'Välj minst ett målområde.'),
  })
  .refine((p) => p.periodEnd >= p.periodStart, {
    path: ['periodEnd'],
    message: 'Periodens slutår kan inte vara före startåret.',
  });
export const measureTextsSchema = z.object({
  nameSv: requiredText(300),
  nameEn: requiredText(300),
  descriptionSv: optionalText(5000),
});
export const measureSchema = measureTextsSchema.extend({
  code,
  programmeId: z.coerce.number({ message: 'Välj ett handlingsprogram.' }).int().positive(),
});
export const draftDetailsSchema = z
  .object({
    nameSv: requiredText(300),
    nameEn: requiredText(300),
    periodStart: year,
    periodEnd: year,
    visionSv: requiredText(4000),
    visionEn: requiredText(4000),
  })
  .refine((s) => s.periodEnd >= s.periodStart, {
    path: ['periodEnd'],
    message: 'Periodens slutår kan inte vara före startåret.',
  });

const schemas = {
  goalArea: { full: goalAreaSchema, texts: goalAreaTextsSchema },
  goal: { full: goalSchema, texts: goalTextsSchema },
  perspective: { full: perspectiveSchema, texts: perspectiveTextsSchema },
  programme: { full: programmeSchema, texts: programmeTextsSchema },
  measure: { full: measureSchema, texts: measureTextsSchema },
} as const;

/** The fields a content form saves in an edit mode (and that two editors' saves merge by). */
export const contentFieldsOf = (kind: ContentKind, mode: 'full' | 'texts'): readonly string[] =>
  contentMergeSpec(schemas[kind][mode]).fields;

export interface SaveContentInput {
  strategyId: number;
  kind: ContentKind;
  /** Absent when adding. */
  id?: number;
  values: Record<string, unknown>;
  /** The values the form was read at: the save is merged with what was saved meanwhile. */
  posted?: PostedMerge;
}

type StrategyRow = typeof strategies.$inferSelect;

async function lockStrategy(ctx: Ctx, strategyId: number): Promise<StrategyRow> {
  if (!strategyVersionPolicy.manage(ctx.actor)) throw new ForbiddenError(forbiddenMessage);
  const [s] = await ctx.db
    .select()
    .from(strategies)
    .where(eq(strategies.id, strategyId))
    .for('update');
  if (!s) throw new NotFoundError('Strategiversionen finns inte.');
  return s;
}

const lockedMessage = {
  none: 'En arkiverad strategiversion kan inte ändras.',
  texts:
    'I den gällande strategin kan bara namn, beskrivningar och färger ändras. Starta ett utkast för att ändra strukturen.',
};

/** Adds (no id) or changes (id) one piece of a version's content. */
export async function saveContent(
  ctx: Ctx,
  input: SaveContentInput,
): Promise<SaveMergeResult<{ id: number }>> {
  return inTransaction(ctx, async (tx) => {
    const strategy = await lockStrategy(tx, input.strategyId);
    const mode = editMode(strategy);
    if (mode === 'none') throw new ConflictError(lockedMessage.none, 'locked');
    if (mode === 'texts' && input.id === undefined) {
      throw new ConflictError(lockedMessage.texts, 'locked');
    }
    const schema = schemas[input.kind][mode];
    const parsed = parseInput(schema, input.values);
    if (!parsed.ok) return parsed;
    const existing =
      input.id === undefined ? null : await loadOwned(tx.db, strategy.id, input.kind, input.id);
    if (input.id !== undefined && !existing)
      throw new NotFoundError('Posten finns inte i versionen.');
    const stored = existing && (await storedContent(tx.db, input.kind, existing));
    const merge = mergeContent(contentMergeSpec(schema), input.posted, stored, parsed.value);
    if ('conflict' in merge) return { ok: false, issues: [], conflict: merge.conflict };
    const merged = parseInput(schema, merge.values);
    if (!merged.ok) return merged;
    const v = merged.value as Record<string, unknown>;
    const problems = mode === 'full' ? await checkStructure(tx.db, strategy.id, input, v) : [];
    if (problems.length > 0) return fail(problems);
    const id = await write(tx.db, strategy.id, input.kind, input.id, v);
    await tx.db
      .update(strategies)
      .set({ updatedAt: ctx.now() })
      .where(eq(strategies.id, strategy.id));
    await recordAuditEvent(tx, {
      action: `strategy.${input.kind}.${input.id === undefined ? 'added' : 'changed'}`,
      entityType: 'strategy',
      entityId: strategy.id,
      before: existing ?? undefined,
      after: { id, ...v },
    });
    return ok({ id });
  });
}

/** Changes the name, period and vision of a draft. */
export async function updateDraftDetails(
  ctx: Ctx,
  input: { strategyId: number; values: Record<string, unknown>; posted?: PostedMerge },
): Promise<SaveMergeResult<{ id: number }>> {
  return inTransaction(ctx, async (tx) => {
    const strategy = await lockStrategy(tx, input.strategyId);
    if (editMode(strategy) !== 'full') {
      throw new ConflictError(
        'Bara ett utkast kan få nytt namn, ny period och ny vision.',
        'locked',
      );
    }
    const parsed = parseInput(draftDetailsSchema, input.values);
    if (!parsed.ok) return parsed;
    const merge = mergeContent(detailsMergeSpec, input.posted, strategy, parsed.value);
    if ('conflict' in merge) return { ok: false, issues: [], conflict: merge.conflict };
    const merged = parseInput(draftDetailsSchema, merge.values);
    if (!merged.ok) return merged;
    const details = merged.value;
    await tx.db
      .update(strategies)
      .set({ ...details, updatedAt: ctx.now() })
      .where(eq(strategies.id, strategy.id));
    await recordAuditEvent(tx, {
      action: 'strategy.details_changed',
      entityType: 'strategy',
      entityId: strategy.id,
      before: {
        nameSv: strategy.nameSv,
        nameEn: strategy.nameEn,
        periodStart: strategy.periodStart,
        periodEnd: strategy.periodEnd,
        visionSv: strategy.visionSv,
        visionEn: strategy.visionEn,
      },
      after: details,
    });
    return ok({ id: strategy.id });
  });
}

/** Removes a piece of a draft's content; refused with the reason while anything links to it. */
export async function removeContent(
  ctx: Ctx,
  input: { strategyId: number; kind: ContentKind; id: number },
): Promise<Result<{ id: number }>> {
  return inTransaction(ctx, async (tx) => {
    const strategy = await lockStrategy(tx, input.strategyId);
    if (editMode(strategy) !== 'full') {
      throw new ConflictError(
        editMode(strategy) === 'texts' ? lockedMessage.texts : lockedMessage.none,
        'locked',
      );
    }
    const existing = await loadOwned(tx.db, strategy.id, input.kind, input.id);
    if (!existing) throw new NotFoundError('Posten finns inte i versionen.');
    const links = await linksTo(tx.db, input.kind, input.id);
    if (links.length > 0) {
      return fail([
        issue('_', `Kan inte tas bort eftersom ${links.join(', ')} hänvisar till den.`, 'in_use'),
      ]);
    }
    if (input.kind === 'goalArea') await tx.db.delete(goalAreas).where(eq(goalAreas.id, input.id));
    if (input.kind === 'goal') await tx.db.delete(goals).where(eq(goals.id, input.id));
    if (input.kind === 'perspective') {
      await tx.db.delete(perspectives).where(eq(perspectives.id, input.id));
    }
    if (input.kind === 'programme') {
      await tx.db
        .delete(actionProgrammeGoalAreas)
        .where(eq(actionProgrammeGoalAreas.programmeId, input.id));
      await tx.db.delete(actionProgrammes).where(eq(actionProgrammes.id, input.id));
    }
    if (input.kind === 'measure') await tx.db.delete(measures).where(eq(measures.id, input.id));
    await recordAuditEvent(tx, {
      action: `strategy.${input.kind}.removed`,
      entityType: 'strategy',
      entityId: strategy.id,
      before: existing,
    });
    return ok({ id: input.id });
  });
}

export type OrderedKind = 'goalArea' | 'goal' | 'perspective';

/** Moves a goal area, goal (within its area) or perspective of a draft one step up or down. */
export async function moveContent(
  ctx: Ctx,
  input: { strategyId: number; kind: OrderedKind; id: number; direction: 'up' | 'down' },
): Promise<Result<{ id: number }>> {
  return inTransaction(ctx, async (tx) => {
    const strategy = await lockStrategy(tx, input.strategyId);
    if (editMode(strategy) !== 'full') {
      throw new ConflictError(
        editMode(strategy) === 'texts' ? lockedMessage.texts : lockedMessage.none,
        'locked',
      );
    }
    const existing = (await loadOwned(tx.db, strategy.id, input.kind, input.id)) as {
      goalAreaId?: number;
    } | null;
    if (!existing) throw new NotFoundError('Posten finns inte i versionen.');
    const siblings = await orderedSiblings(tx.db, strategy.id, input.kind, existing.goalAreaId);
    const at = siblings.findIndex((s) => s.id === input.id);
    const to = input.direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= siblings.length) return ok({ id: input.id });
    [siblings[at], siblings[to]] = [siblings[to]!, siblings[at]!];
    const table = orderedTables[input.kind];
    for (const [i, s] of siblings.entries()) {
      await tx.db
        .update(table)
        .set({ position: i + 1 })
        .where(eq(table.id, s.id));
    }
    await recordAuditEvent(tx, {
      action: `strategy.${input.kind}.moved`,
      entityType: 'strategy',
      entityId: strategy.id,
      after: { id: input.id, direction: input.direction, order: siblings.map((s) => s.id) },
    });
    return ok({ id: input.id });
  });
}

const orderedTables = { goalArea: goalAreas, goal: goals, perspective: perspectives } as const;

async function orderedSiblings(
  db: Db,
  strategyId: number,
  kind: OrderedKind,
  goalAreaId?: number,
): Promise<{ id: number }[]> {
  if (kind === 'goal') {
    return db
      .select({ id: goals.id })
      .from(goals)
      .where(eq(goals.goalAreaId, goalAreaId!))
      .orderBy(asc(goals.position), asc(goals.id));
  }
  const table = orderedTables[kind];
  return db
    .select({ id: table.id })
    .from(table)
    .where(eq(table.strategyId, strategyId))
    .orderBy(asc(table.position), asc(table.id));
}

const ownTables = {
  goalArea: goalAreas,
  perspective: perspectives,
  programme: actionProgrammes,
} as const;

/** The row of `kind` with `id` if it belongs to the strategy version. */
async function loadOwned(
  db: Db,
  strategyId: number,
  kind: ContentKind,
  id: number,
): Promise<Record<string, unknown> | null> {
  if (kind === 'goal') {
    const [r] = await db
      .select({ g: goals })
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .where(and(eq(goals.id, id), eq(goalAreas.strategyId, strategyId)));
    return r?.g ?? null;
  }
  if (kind === 'measure') {
    const [r] = await db
      .select({ m: measures })
      .from(measures)
      .innerJoin(actionProgrammes, eq(actionProgrammes.id, measures.programmeId))
      .where(and(eq(measures.id, id), eq(actionProgrammes.strategyId, strategyId)));
    return r?.m ?? null;
  }
  const table = ownTables[kind];
  const [r] = await db
    .select()
    .from(table)
    .where(and(eq(table.id, id), eq(table.strategyId, strategyId)));
  return (r as Record<string, unknown> | undefined) ?? null;
}

/** Whether another row of `table` in the same scope already uses the key (slug or code). */
async function isTaken(
  db: Db,
  table: 'goal_areas' | 'perspectives' | 'action_programmes' | 'goals' | 'measures',
  scope: { column: 'strategy_id' | 'goal_area_id' | 'programme_id'; id: number },
  key: { column: 'slug' | 'code'; value: string },
  exceptId: number | undefined,
): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from ${sql.identifier(table)}
         where ${sql.identifier(scope.column)} = ${scope.id}
           and ${sql.identifier(key.column)} = ${key.value}
           ${exceptId === undefined ? sql`` : sql`and id <> ${exceptId}`}
         limit 1`,
  );
  return rows.length > 0;
}

/** Unique slugs and codes, and references that stay inside the version. */
async function checkStructure(
  db: Db,
  strategyId: number,
  input: SaveContentInput,
  v: Record<string, unknown>,
): Promise<Issue[]> {
  const inVersion = { column: 'strategy_id', id: strategyId } as const;
  const slug = { column: 'slug', value: v.slug as string } as const;
  const code = { column: 'code', value: v.code as string } as const;
  switch (input.kind) {
    case 'goalArea':
      return (await isTaken(db, 'goal_areas', inVersion, slug, input.id))
        ? [issue('slug', 'Ett annat målområde har redan den kortadressen.', 'taken')]
        : [];
    case 'perspective':
      return (await isTaken(db, 'perspectives', inVersion, slug, input.id))
        ? [issue('slug', 'Ett annat perspektiv har redan den kortadressen.', 'taken')]
        : [];
    case 'goal': {
      const areaId = v.goalAreaId as number;
      if (!(await loadOwned(db, strategyId, 'goalArea', areaId))) {
        return [issue('goalAreaId', 'Välj ett målområde i den här versionen.', 'unknown')];
      }
      return (await isTaken(db, 'goals', { column: 'goal_area_id', id: areaId }, code, input.id))
        ? [issue('code', 'Ett annat mål i målområdet har redan den koden.', 'taken')]
        : [];
    }
    case 'programme': {
      const ids = v.goalAreaIds as number[];
      const areas = await db
        .select({ id: goalAreas.id })
        .from(goalAreas)
        .where(and(eq(goalAreas.strategyId, strategyId), inArray(goalAreas.id, ids)));
      const problems: Issue[] = [];
      if (areas.length !== new Set(ids).size) {
        problems.push(issue('goalAreaIds', 'Välj målområden i den här versionen.', 'unknown'));
      }
      if (await isTaken(db, 'action_programmes', inVersion, slug, input.id)) {
        problems.push(
          issue('slug', 'Ett annat handlingsprogram har redan den kortadressen.', 'taken'),
        );
      }
      return problems;
    }
    case 'measure': {
      const programmeId = v.programmeId as number;
      if (!(await loadOwned(db, strategyId, 'programme', programmeId))) {
        return [issue('programmeId', 'Välj ett handlingsprogram i den här versionen.', 'unknown')];
      }
      return (await isTaken(
        db,
        'measures',
        { column: 'programme_id', id: programmeId },
        code,
        input.id,
      ))
        ? [issue('code', 'En annan åtgärd i programmet har redan den koden.', 'taken')]
        : [];
    }
  }
}

async function nextPosition(
  db: Db,
  table: SQL | ReturnType<typeof sql.identifier>,
  where: SQL,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(max(position), 0)::int + 1 as n from ${table} where ${where}`,
  );
  return Number(row?.n ?? 1);
}

async function write(
  db: Db,
  strategyId: number,
  kind: ContentKind,
  id: number | undefined,
  v: Record<string, unknown>,
): Promise<number> {
  switch (kind) {
    case 'goalArea':
    case 'perspective': {
      // Goal areas and perspectives have the same shape; a goal area also has a colour.
      const table = kind === 'goalArea' ? goalAreas : (perspectives as unknown as typeof goalAreas);
      const values = v as z.infer<typeof goalAreaTextsSchema> & { slug?: string };
      if (id !== undefined) {
        await db.update(table).set(values).where(eq(table.id, id));
        return id;
      }
      const position = await nextPosition(
        db,
        sql.identifier(kind === 'goalArea' ? 'goal_areas' : 'perspectives'),
        sql`strategy_id = ${strategyId}`,
      );
      const [r] = await db
        .insert(table)
        .values({ ...values, slug: values.slug!, strategyId, position })
        .returning({ id: table.id });
      return r!.id;
    }
    case 'goal': {
      const values = v as z.infer<typeof goalTextsSchema> & { code?: string; goalAreaId?: number };
      if (id !== undefined) {
        const [before] = await db.select().from(goals).where(eq(goals.id, id));
        const moved = values.goalAreaId !== undefined && values.goalAreaId !== before!.goalAreaId;
        const position = moved
          ? await nextPosition(db, sql`goals`, sql`goal_area_id = ${values.goalAreaId}`)
          : before!.position;
        await db
          .update(goals)
          .set({ ...values, position })
          .where(eq(goals.id, id));
        return id;
      }
      const position = await nextPosition(db, sql`goals`, sql`goal_area_id = ${values.goalAreaId}`);
      const [r] = await db
        .insert(goals)
        .values({ ...values, code: values.code!, goalAreaId: values.goalAreaId!, position })
        .returning({ id: goals.id });
      return r!.id;
    }
    case 'programme': {
      const { goalAreaIds, ...values } = v as z.infer<typeof programmeTextsSchema> & {
        slug?: string;
        periodStart?: number;
        periodEnd?: number;
        goalAreaIds?: number[];
      };
      let programmeId = id;
      if (programmeId !== undefined) {
        await db.update(actionProgrammes).set(values).where(eq(actionProgrammes.id, programmeId));
      } else {
        const [r] = await db
          .insert(actionProgrammes)
          .values({
            ...values,
            slug: values.slug!,
            periodStart: values.periodStart!,
            periodEnd: values.periodEnd!,
            strategyId,
          })
          .returning({ id: actionProgrammes.id });
        programmeId = r!.id;
      }
      if (goalAreaIds) {
        await db
          .delete(actionProgrammeGoalAreas)
          .where(eq(actionProgrammeGoalAreas.programmeId, programmeId));
        await db.insert(actionProgrammeGoalAreas).values(
          [...new Set(goalAreaIds)].map((goalAreaId) => ({
            programmeId: programmeId!,
            goalAreaId,
          })),
        );
      }
      return programmeId;
    }
    case 'measure': {
      const values = v as z.infer<typeof measureTextsSchema> & {
        code?: string;
        programmeId?: number;
      };
      if (id !== undefined) {
        await db.update(measures).set(values).where(eq(measures.id, id));
        return id;
      }
      const [r] = await db
        .insert(measures)
        .values({ ...values, code: values.code!, programmeId: values.programmeId! })
        .returning({ id: measures.id });
      return r!.id;
    }
  }
}

/** What points at a piece of content, in words, so a refused removal says why. */
async function linksTo(db: Db, kind: ContentKind, id: number): Promise<string[]> {
  const checks: Record<ContentKind, [string, SQL][]> = {
    goalArea: [
      ['mål', sql`select count(*)::int as n from goals where goal_area_id = ${id}`],
      [
        'handlingsprogram',
        sql`select count(*)::int as n from action_programme_goal_areas where goal_area_id = ${id}`,
      ],
      [
        'andra versioner',
        sql`select count(*)::int as n from goal_areas where source_goal_area_id = ${id}`,
      ],
    ],
    goal: [
      ['indikatorer', sql`select count(*)::int as n from indicators where goal_id = ${id}`],
      ['insatser', sql`select count(*)::int as n from initiative_goals where goal_id = ${id}`],
      [
        'remissvar',
        sql`select count(*)::int as n from consultation_response_items where goal_id = ${id}`,
      ],
      [
        'kommentarer',
        sql`select count(*)::int as n from consultation_comments where goal_id = ${id}`,
      ],
      [
        'målmatchningar',
        sql`select count(*)::int as n from goal_mappings where from_goal_id = ${id} or to_goal_id = ${id}`,
      ],
      ['andra versioner', sql`select count(*)::int as n from goals where source_goal_id = ${id}`],
    ],
    perspective: [
      [
        'insatser',
        sql`select count(*)::int as n from initiative_perspectives where perspective_id = ${id}`,
      ],
      [
        'andra versioner',
        sql`select count(*)::int as n from perspectives where source_perspective_id = ${id}`,
      ],
    ],
    programme: [
      ['åtgärder', sql`select count(*)::int as n from measures where programme_id = ${id}`],
    ],
    measure: [
      [
        'insatser',
        sql`select count(*)::int as n from initiative_measures where measure_id = ${id}`,
      ],
    ],
  };
  const found: string[] = [];
  for (const [label, query] of checks[kind]) {
    const [row] = await queryRows<{ n: number }>(db, query);
    const n = Number(row?.n ?? 0);
    if (n > 0) found.push(`${n} ${label}`);
  }
  return found;
}
