import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { indicators, observations, places } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { fail, issue, ok, parseInput, type Issue, type Result } from '../result.js';

export const observationSchema = z
  .object({
    indicatorId: z.number().int().positive(),
    placeCode: z.string().regex(/^\d{4}$/, 'Områdeskoden ska ha fyra siffror.'),
    period: z.coerce.number().int().min(1900).max(2100),
    gender: z.enum(['T', 'K', 'M'], { error: 'Kön ska vara T, K eller M.' }),
    value: z.number().finite().nullable(),
    status: z.string().max(50).default(''),
    source: z.string().min(1),
    sourceRevision: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    importRunId: z
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    isDemo: z.boolean().default(false),
  })
  .refine((o) => o.value !== null || o.status !== '', {
    path: ['status'],
    message: 'Ett saknat värde behöver en status, till exempel "Missing".',
  });

export type ObservationInput = z.input<typeof observationSchema>;

/**
 * Stores observations, replacing earlier values for the same indicator, area, period and gender.
 * All rows are checked first; one bad row stops the whole batch and nothing is written.
 */
export async function recordObservations(
  ctx: Ctx,
  input: ObservationInput[],
): Promise<Result<{ written: number }>> {
  const parsed = parseInput(z.array(observationSchema), input);
  if (!parsed.ok) return parsed;
  const rows = parsed.value;
  if (rows.length === 0) return ok({ written: 0 });
  return inTransaction(ctx, async (tx) => {
    const issues: Issue[] = [];
    const knownIndicators = new Set(
      (
        await tx.db
          .select({ id: indicators.id })
          .from(indicators)
          .where(inArray(indicators.id, [...new Set(rows.map((r) => r.indicatorId))]))
      ).map((r) => r.id),
    );
    const knownPlaces = new Set(
      (
        await tx.db
          .select({ code: places.code })
          .from(places)
          .where(inArray(places.code, [...new Set(rows.map((r) => r.placeCode))]))
      ).map((r) => r.code),
    );
    rows.forEach((r, i) => {
      if (!knownIndicators.has(r.indicatorId))
        issues.push(issue(`${i}.indicatorId`, 'Indikatorn finns inte.', 'unknown'));
      if (!knownPlaces.has(r.placeCode))
        issues.push(issue(`${i}.placeCode`, `Området ${r.placeCode} finns inte.`, 'unknown'));
    });
    if (issues.length > 0) return fail(issues);
    const retrievedAt = ctx.now();
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.db
        .insert(observations)
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, retrievedAt })))
        .onConflictDoUpdate({
          target: [
            observations.indicatorId,
            observations.placeCode,
            observations.period,
            observations.gender,
          ],
          set: {
            value: sql`excluded.value`,
            status: sql`excluded.status`,
            source: sql`excluded.source`,
            sourceRevision: sql`excluded.source_revision`,
            retrievedAt: sql`excluded.retrieved_at`,
            importRunId: sql`excluded.import_run_id`,
          },
        });
    }
    await recordAuditEvent(tx, {
      action: 'observations.recorded',
      entityType: 'indicator',
      entityId: [...knownIndicators].join(','),
      after: { rows: rows.length, importRunId: rows[0]!.importRunId },
    });
    return ok({ written: rows.length });
  });
}
