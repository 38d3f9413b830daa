import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  archivedInitiativeGoals,
  initiatives,
  organisations,
  strategies,
} from '../../db/schema/index.js';
import { versionContent, type VersionContent } from '../drafting/queries.js';
import { NotFoundError } from '../errors.js';
import type { StrategyRow } from './queries.js';

/** Archived strategy versions, the most recently archived first. Drafts are never listed. */
export function archivedStrategies(db: Db): Promise<StrategyRow[]> {
  return db
    .select()
    .from(strategies)
    .where(eq(strategies.status, 'archived'))
    .orderBy(desc(strategies.archivedAt), desc(strategies.id));
}

export interface ArchivedInitiative {
  id: number;
  title: string;
  titleEn: string | null;
  ownerName: string;
}

type ContentGoal = VersionContent['areas'][number]['goals'][number];

export interface ArchivedStrategy {
  strategy: StrategyRow;
  areas: (Omit<VersionContent['areas'][number], 'goals'> & {
    goals: (ContentGoal & { initiatives: ArchivedInitiative[] })[];
  })[];
}

/**
 * An archived version as it stood: vision, goal areas, goals, their indicators and the published
 * initiatives that were linked to each goal when the version was archived.
 */
export async function archivedStrategyBySlug(db: Db, slug: string): Promise<ArchivedStrategy> {
  const [row] = await db
    .select({ id: strategies.id })
    .from(strategies)
    .where(and(eq(strategies.slug, slug), eq(strategies.status, 'archived')));
  if (!row) throw new NotFoundError('Den arkiverade strategin finns inte.');
  const content = await versionContent(db, row.id);
  const goalIds = content.areas.flatMap((a) => a.goals.map((g) => g.id));
  const linked = goalIds.length
    ? await db
        .select({
          goalId: archivedInitiativeGoals.goalId,
          id: initiatives.id,
          title: initiatives.title,
          titleEn: initiatives.titleEn,
          ownerName: organisations.name,
        })
        .from(archivedInitiativeGoals)
        .innerJoin(initiatives, eq(initiatives.id, archivedInitiativeGoals.initiativeId))
        .innerJoin(organisations, eq(organisations.id, initiatives.ownerOrganisationId))
        .where(
          and(
            inArray(archivedInitiativeGoals.goalId, goalIds),
            eq(initiatives.workflowState, 'publicerad'),
          ),
        )
        .orderBy(asc(initiatives.title))
    : [];
  return {
    strategy: content.strategy,
    areas: content.areas.map((a) => ({
      ...a,
      goals: a.goals.map((g) => ({
        ...g,
        initiatives: linked.filter((l) => l.goalId === g.id).map(({ goalId: _g, ...l }) => l),
      })),
    })),
  };
}
