import type { Db } from '../../db/client.js';
import { NotFoundError } from '../errors.js';
import {
  currentVersion,
  versionContent,
  type StrategyVersionRow,
  type VersionContent,
} from './queries.js';
import { hasChange, wordDiff, type DiffPart } from '../text/wordDiff.js';

const textFields = ['nameSv', 'nameEn', 'descriptionSv', 'descriptionEn'] as const;
export type TextField = (typeof textFields)[number];

export interface TextChange {
  field: TextField | 'visionSv' | 'visionEn' | 'code' | 'colour';
  diff: DiffPart[];
}

export type ChangeStatus = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

type Area = VersionContent['areas'][number];
type Goal = Area['goals'][number];

export interface GoalComparison {
  status: ChangeStatus;
  /** Moved to another goal area (possibly also changed). */
  moved: boolean;
  changed: boolean;
  before: Goal | null;
  after: Goal | null;
  /** For a moved goal: the goal area it was in. */
  movedFrom: { nameSv: string; nameEn: string } | null;
  changes: TextChange[];
}

export interface AreaComparison {
  status: Exclude<ChangeStatus, 'moved'>;
  before: Area | null;
  after: Area | null;
  changes: TextChange[];
  goals: GoalComparison[];
}

export interface StrategyComparison {
  base: StrategyVersionRow;
  draft: StrategyVersionRow;
  vision: TextChange[];
  areas: AreaComparison[];
  counts: Record<ChangeStatus, number>;
}

function textChanges<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: readonly (keyof T & TextChange['field'])[],
): TextChange[] {
  return fields
    .map((field) => ({
      field,
      diff: wordDiff(String(before[field] ?? ''), String(after[field] ?? '')),
    }))
    .filter((c) => hasChange(c.diff));
}

/**
 * A draft compared with the adopted version it would replace (the current one, or else the one
 * it was started from): per goal area and goal what was added, changed (with a word diff of the
 * names and descriptions), removed or moved to another area, matched through the source links.
 */
export async function compareWithAdopted(db: Db, draftId: number): Promise<StrategyComparison> {
  const draft = await versionContent(db, draftId);
  const baseRow = (await currentVersion(db)) ?? null;
  const baseId =
    baseRow && baseRow.id !== draftId ? baseRow.id : draft.strategy.derivedFromStrategyId;
  if (!baseId) throw new NotFoundError('Det finns ingen antagen version att jämföra med.');
  const base = await versionContent(db, baseId);

  const baseGoals = new Map<number, { goal: Goal; area: Area }>();
  for (const area of base.areas)
    for (const goal of area.goals) baseGoals.set(goal.id, { goal, area });
  const matchedBaseGoals = new Set<number>();
  const matchedBaseAreas = new Set<number>();
  const counts: Record<ChangeStatus, number> = {
    added: 0,
    removed: 0,
    changed: 0,
    moved: 0,
    unchanged: 0,
  };

  const areas: AreaComparison[] = draft.areas.map((area) => {
    const beforeArea = base.areas.find((a) => a.id === area.sourceGoalAreaId) ?? null;
    if (beforeArea) matchedBaseAreas.add(beforeArea.id);
    const areaChanges = beforeArea
      ? [
          ...textChanges(beforeArea, area, textFields),
          ...textChanges(beforeArea, area, ['colour'] as const),
        ]
      : [];
    const goalsCompared: GoalComparison[] = area.goals.map((goal) => {
      const source = goal.sourceGoalId !== null ? baseGoals.get(goal.sourceGoalId) : undefined;
      if (!source) {
        return {
          status: 'added',
          moved: false,
          changed: false,
          before: null,
          after: goal,
          movedFrom: null,
          changes: [],
        };
      }
      matchedBaseGoals.add(source.goal.id);
      const changes = [
        ...textChanges(source.goal, goal, ['code'] as const),
        ...textChanges(source.goal, goal, textFields),
      ];
      const moved = source.area.id !== area.sourceGoalAreaId;
      const changed = changes.length > 0;
      return {
        status: moved ? 'moved' : changed ? 'changed' : 'unchanged',
        moved,
        changed,
        before: source.goal,
        after: goal,
        movedFrom: moved ? { nameSv: source.area.nameSv, nameEn: source.area.nameEn } : null,
        changes,
      };
    });
    return {
      status: beforeArea ? (areaChanges.length > 0 ? 'changed' : 'unchanged') : 'added',
      before: beforeArea,
      after: area,
      changes: areaChanges,
      goals: goalsCompared,
    };
  });

  const removedGoal = (goal: Goal): GoalComparison => ({
    status: 'removed',
    moved: false,
    changed: false,
    before: goal,
    after: null,
    movedFrom: null,
    changes: [],
  });
  for (const comparison of areas) {
    const beforeArea = comparison.before;
    if (!beforeArea) continue;
    for (const goal of beforeArea.goals) {
      if (!matchedBaseGoals.has(goal.id)) comparison.goals.push(removedGoal(goal));
    }
  }
  for (const area of base.areas) {
    if (matchedBaseAreas.has(area.id)) continue;
    areas.push({
      status: 'removed',
      before: area,
      after: null,
      changes: [],
      goals: area.goals.filter((g) => !matchedBaseGoals.has(g.id)).map(removedGoal),
    });
  }
  for (const a of areas) for (const g of a.goals) counts[g.status]++;

  return {
    base: base.strategy,
    draft: draft.strategy,
    vision: textChanges(base.strategy, draft.strategy, ['visionSv', 'visionEn'] as const),
    areas,
    counts,
  };
}
