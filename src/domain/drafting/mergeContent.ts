import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actionProgrammeGoalAreas } from '../../db/schema/index.js';
import {
  mergeOnSave,
  type FieldMergeSpec,
  type MergeConflict,
  type PostedMerge,
} from '../merge/fieldMerge.js';
import type { Issue, Result } from '../result.js';

/**
 * Two editors of a strategy version at once: a save of a goal area, goal, perspective,
 * programme, measure or the draft's details carries the values its form was read at, and is
 * merged field by field with what was saved meanwhile (domain/merge/fieldMerge.ts).
 */

/** The merged fields of the draft's details (name, period, vision). */
export const detailsMergeSpec: FieldMergeSpec<string> = {
  fields: ['nameSv', 'nameEn', 'periodStart', 'periodEnd', 'visionSv', 'visionEn'],
};

/** The merged fields of a piece of content: those its form (in this edit mode) saves. */
export function contentMergeSpec(schema: { shape: object }): FieldMergeSpec<string> {
  return { fields: Object.keys(schema.shape), sets: new Set(['goalAreaIds']) };
}

export type SaveMergeResult<T> =
  | Result<T>
  | { ok: false; issues: Issue[]; conflict: MergeConflict<string> };

/** A programme's stored goal areas join its row, as its form shows them. */
export async function storedContent(
  db: Db,
  kind: string,
  row: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (kind !== 'programme') return row;
  const links = await db
    .select({ id: actionProgrammeGoalAreas.goalAreaId })
    .from(actionProgrammeGoalAreas)
    .where(eq(actionProgrammeGoalAreas.programmeId, row.id as number));
  return { ...row, goalAreaIds: links.map((l) => l.id) };
}

/** The values to write, merged with the stored ones; or the conflict (nothing is written). */
export function mergeContent(
  spec: FieldMergeSpec<string>,
  posted: PostedMerge | undefined,
  stored: Record<string, unknown> | null,
  mine: Record<string, unknown>,
): { values: Record<string, unknown> } | { conflict: MergeConflict<string> } {
  if (!stored) return { values: mine };
  return mergeOnSave(spec, posted, stored, mine);
}
