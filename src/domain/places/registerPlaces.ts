import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { places } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ok, parseInput, type Result } from '../result.js';

export const placeSchema = z.object({
  code: z.string().regex(/^\d{4}$/, 'Koden ska ha fyra siffror (Koladas kod).'),
  kind: z.enum(['riket', 'region', 'kommun']),
  nameSv: z.string().min(1),
  nameEn: z.string().min(1),
  scbCode: z.string().regex(/^\d{2,4}$/),
  parentCode: z.string().nullable(),
  geometry: z
    .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
    .nullable(),
  /** Another län or one of its municipalities: kept for comparisons, not listed as own. */
  comparison: z.boolean().default(false),
});

export type PlaceInput = z.input<typeof placeSchema>;

/** Registers places (riket, the region, its municipalities) or refreshes their names and boundaries. */
export async function registerPlaces(
  ctx: Ctx,
  input: PlaceInput[],
): Promise<Result<{ count: number }>> {
  const parsed = parseInput(z.array(placeSchema).min(1), input);
  if (!parsed.ok) return parsed;
  // Parents first, so the self-reference is satisfied.
  const order = { riket: 0, region: 1, kommun: 2 } as const;
  const rows = [...parsed.value].sort((a, b) => order[a.kind] - order[b.kind]);
  return inTransaction(ctx, async (tx) => {
    // One statement per level (riket, län, municipalities): parents exist before their children.
    for (const kind of ['riket', 'region', 'kommun'] as const) {
      const level = rows.filter((r) => r.kind === kind);
      if (level.length === 0) continue;
      await tx.db
        .insert(places)
        .values(level)
        .onConflictDoUpdate({
          target: places.code,
          set: {
            nameSv: sql`excluded.name_sv`,
            nameEn: sql`excluded.name_en`,
            geometry: sql`excluded.geometry`,
            comparison: sql`excluded.comparison`,
          },
        });
    }
    await recordAuditEvent(tx, {
      action: 'places.registered',
      entityType: 'place',
      entityId: rows.map((r) => r.code).join(','),
      after: rows.map(({ geometry: _g, ...r }) => r),
    });
    return ok({ count: rows.length });
  });
}
