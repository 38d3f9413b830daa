import { and, count, eq } from 'drizzle-orm';
import { perspectives, places, sdgTargets, strategies } from '../db/schema/index.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import { registerPlaces } from '../domain/places/registerPlaces.js';
import { chapterTexts, defineStrategy } from '../domain/strategy/defineStrategy.js';
import { loadSdgFramework } from '../domain/strategy/loadSdgFramework.js';
import type { Result } from '../domain/result.js';
import { kalmarPlaces } from './kalmarPlaces.js';
import { kalmarStrategy } from './kalmarStrategy.js';
import { readReferenceJson } from './referenceFiles.js';

export interface SeedReport {
  strategy: boolean;
  sdg: boolean;
  places: boolean;
}

/**
 * Loads what every installation needs: the strategy, Agenda 2030 and the places. Each part is
 * loaded only when missing, so running it again changes nothing. All or nothing.
 */
export async function seedReference(ctx: Ctx): Promise<SeedReport> {
  return inTransaction(ctx, async (tx) => {
    const report: SeedReport = { strategy: false, sdg: false, places: false };
    const [{ n: placeCount } = { n: 0 }] = await tx.db
      .select({ n: count() })
      .from(places)
      .where(eq(places.code, '0008'));
    if (placeCount === 0) {
      expectOk(await registerPlaces(tx, await kalmarPlaces()), 'places');
      report.places = true;
    }
    const [{ n: targetCount } = { n: 0 }] = await tx.db.select({ n: count() }).from(sdgTargets);
    if (targetCount < 169) {
      expectOk(await loadSdgFramework(tx, await readReferenceJson('sdg/sdg.json')), 'Agenda 2030');
      report.sdg = true;
    }
    const existing = await tx.db
      .select({ id: strategies.id })
      .from(strategies)
      .where(eq(strategies.slug, kalmarStrategy.slug));
    if (existing.length === 0) {
      expectOk(await defineStrategy(tx, kalmarStrategy), 'strategy');
      report.strategy = true;
    } else {
      await fillStrategyChapters(tx, existing[0]!.id);
    }
    return report;
  });
}

/**
 * An installation seeded before the strategy document had chapters gets them from the seed, once:
 * only empty texts are filled, so nothing an editor wrote is overwritten.
 */
async function fillStrategyChapters(ctx: Ctx, strategyId: number): Promise<void> {
  const s = kalmarStrategy;
  await ctx.db
    .update(strategies)
    .set(chapterTexts(s))
    .where(and(eq(strategies.id, strategyId), eq(strategies.introductionSv, '')));
  for (const p of s.perspectives) {
    if (!p.descriptionSv) continue;
    await ctx.db
      .update(perspectives)
      .set({ descriptionSv: p.descriptionSv, descriptionEn: p.descriptionEn ?? '' })
      .where(
        and(
          eq(perspectives.strategyId, strategyId),
          eq(perspectives.slug, p.slug),
          eq(perspectives.descriptionSv, ''),
        ),
      );
  }
}

export function expectOk<T>(result: Result<T>, what: string): T {
  if (!result.ok) {
    const details = result.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    throw new Error(`Seed data for ${what} is invalid: ${details}`);
  }
  return result.value;
}
