import { and, count, eq } from 'drizzle-orm';
import { perspectives, places, sdgTargets, strategies } from '../db/schema/index.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import { registerPlaces } from '../domain/places/registerPlaces.js';
import {
  chapterTexts,
  defineStrategy,
  type DefineStrategyInput,
} from '../domain/strategy/defineStrategy.js';
import { loadSdgFramework } from '../domain/strategy/loadSdgFramework.js';
import type { Result } from '../domain/result.js';
import { activeRegion } from '../region/activeRegion.js';
import { claimInstallation } from '../region/installation.js';
import { strategyInput } from '../region/packStrategy.js';
import { countryPlaces } from '../region/referenceGeo.js';
import { readReferenceJson } from './referenceFiles.js';

export interface SeedReport {
  strategy: boolean;
  sdg: boolean;
  places: boolean;
}

/**
 * Loads what every installation needs, from the region pack (src/region): the strategy, Agenda
 * 2030 and the places (the own county and its municipalities, and every other län and
 * municipality as comparison areas). Each part is loaded only when missing, so running it again
 * changes nothing. All or nothing; a database of another region is refused before anything is
 * written.
 */
export async function seedReference(ctx: Ctx): Promise<SeedReport> {
  const pack = activeRegion();
  return inTransaction(ctx, async (tx) => {
    await claimInstallation(tx, pack.identity);
    const report: SeedReport = { strategy: false, sdg: false, places: false };
    const all = countryPlaces(pack.identity);
    const [{ n: placeCount } = { n: 0 }] = await tx.db.select({ n: count() }).from(places);
    if (placeCount < all.length) {
      expectOk(await registerPlaces(tx, all), 'places');
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
      .where(eq(strategies.slug, pack.strategy.slug));
    if (existing.length === 0) {
      expectOk(await defineStrategy(tx, strategyInput(pack.strategy)), 'strategy');
      report.strategy = true;
    } else {
      await fillStrategyChapters(tx, existing[0]!.id, strategyInput(pack.strategy));
    }
    return report;
  });
}

/**
 * An installation seeded before the strategy document had chapters gets them from the region pack,
 * once:
 * only empty texts are filled, so nothing an editor wrote is overwritten.
 */
async function fillStrategyChapters(
  ctx: Ctx,
  strategyId: number,
  s: DefineStrategyInput,
): Promise<void> {
  await ctx.db
    .update(strategies)
    .set(chapterTexts(s))
    .where(and(eq(strategies.id, strategyId), eq(strategies.introductionSv, '')));
  for (const p of s.perspectives ?? []) {
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
