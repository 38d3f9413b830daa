import { eq } from 'drizzle-orm';
import { goalAreas, goals, indicators, strategies } from '../db/schema/index.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import { defineIndicator } from '../domain/followup/defineIndicator.js';
import { expectOk } from '../seed/seedReference.js';
import { activeRegion } from './activeRegion.js';

/**
 * Defines the pack's indicators that the database does not have yet, with their sources and
 * example targets and no values: an installation without demo data then fills every sourced
 * indicator at the first nightly import. Running it again adds nothing.
 */
export async function seedPackIndicators(ctx: Ctx): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const goalRows = await tx.db
      .select({ id: goals.id, code: goals.code })
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .innerJoin(strategies, eq(strategies.id, goalAreas.strategyId))
      .where(eq(strategies.isCurrent, true));
    const goalIds = new Map(goalRows.map((g) => [g.code, g.id]));
    const existing = new Set(
      (await tx.db.select({ slug: indicators.slug }).from(indicators)).map((r) => r.slug),
    );
    let added = 0;
    for (const i of activeRegion().indicators) {
      const goalId = goalIds.get(i.goalCode);
      if (existing.has(i.key) || goalId === undefined) continue;
      expectOk(
        await defineIndicator(tx, {
          goalId,
          slug: i.key,
          nameSv: i.nameSv,
          nameEn: i.nameEn,
          unit: i.unit,
          source: i.source,
          sourceRef: i.sourceRef,
          direction: i.direction,
          genderSplit: i.genderSplit,
          decimals: i.decimals,
          baselineYear: i.baselineYear,
          baselineValue: i.baselineValue,
          targetYear: i.targetYear,
          targetValue: i.targetValue,
          targetIsExample: true,
        }),
        `indicator ${i.key}`,
      );
      added++;
    }
    return added;
  });
}
