import { and, eq } from 'drizzle-orm';
import { goalAreas, goals, strategies } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';

/** A slug from a source's title and id: "forvarvsarbetande-invanare-20-64-ar-n00914". */
export const sourceSlug = (id: string, title: string) =>
  `${title
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '')}-${id.toLowerCase()}`;

/** The id of a goal of the current strategy by its code (such as 4.2), or null. */
export async function currentGoalId(ctx: Ctx, code: string): Promise<number | null> {
  const [goal] = await ctx.db
    .select({ id: goals.id })
    .from(goals)
    .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
    .innerJoin(strategies, eq(strategies.id, goalAreas.strategyId))
    .where(and(eq(goals.code, code), eq(strategies.isCurrent, true)));
  return goal?.id ?? null;
}
