import { eq } from 'drizzle-orm';
import { indicators } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';

/** The indicator an import writes to, by slug; null when there is none. */
export async function findIndicatorBySlug(
  ctx: Ctx,
  slug: string,
): Promise<{ id: number; slug: string; source: string; sourceRef: string | null } | null> {
  const [row] = await ctx.db
    .select({
      id: indicators.id,
      slug: indicators.slug,
      source: indicators.source,
      sourceRef: indicators.sourceRef,
    })
    .from(indicators)
    .where(eq(indicators.slug, slug));
  return row ?? null;
}
