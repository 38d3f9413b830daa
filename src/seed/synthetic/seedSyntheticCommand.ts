import { sql } from 'drizzle-orm';
import type { Ctx } from '../../domain/context.js';
import { seedSynthetic } from './seedSynthetic.js';
import { seedSyntheticObservations } from './syntheticObservations.js';

const count = (v: unknown): number | null =>
  typeof v === 'string' && /^\d{1,8}$/.test(v.replaceAll('_', ''))
    ? Number(v.replaceAll('_', ''))
    : null;

/**
 * The `riktning seed --synthetic N [--synthetic-observations M] [--seed S]` part of the seed
 * command. Returns a usage problem in Swedish, or null when the data was loaded.
 */
export async function seedSyntheticCommand(
  ctx: Ctx,
  values: Record<string, string | boolean | undefined>,
): Promise<string | null> {
  const n = values.synthetic === undefined ? 0 : count(values.synthetic);
  const m =
    values['synthetic-observations'] === undefined ? 0 : count(values['synthetic-observations']);
  const seed = values.seed === undefined ? 1 : count(values.seed);
  if (n === null) return '--synthetic ska vara ett antal insatser, till exempel 100000.';
  if (m === null) return '--synthetic-observations ska vara ett antal utfall.';
  if (seed === null) return '--seed ska vara ett heltal.';
  const started = performance.now();
  if (n > 0) {
    const report = await seedSynthetic(ctx, {
      initiatives: n,
      seed,
      onProgress: (done, total) => {
        if (done % 20_000 < 2000 || done === total)
          console.log(`  ${done} av ${total} syntetiska insatser …`);
      },
    });
    console.log(
      `Syntetiska insatser: ${report.initiatives} insatser, ${report.organisations} organisationer, ${report.relations} kopplingar i ${report.batches} satser.`,
    );
  }
  if (m > 0) {
    const obs = await seedSyntheticObservations(ctx, { observations: m, seed });
    console.log(`Syntetiska utfall: ${obs.observations} utfall för ${obs.indicators} indikatorer.`);
  }
  // The embedded database has no autovacuum: the facet keys are written after the rows (one
  // dead version each), so vacuum reclaims them, and fresh statistics let the planner and the
  // search's sample see the new rows.
  if (n > 0 || m > 0) await ctx.db.execute(sql`vacuum analyze`);
  console.log(`Klart på ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return null;
}
