import { inArray } from 'drizzle-orm';
import { indicators } from '../../../db/schema/index.js';
import type { Ctx } from '../../context.js';
import {
  importObservations,
  recordFailedImport,
  type ImportIssue,
  type ImportOutcome,
} from '../importObservations.js';
import { parseObservationsCsv } from './parseObservationsCsv.js';

/**
 * Imports observations from CSV text (docs/import-format.md): all rows or none. Format errors,
 * unknown indicators and places, and absurd values are reported per row and stop the import.
 */
export async function importCsvObservations(
  ctx: Ctx,
  input: { text: string; fileName: string },
): Promise<ImportOutcome> {
  const params = { file: input.fileName };
  const { rows, issues } = parseObservationsCsv(input.text);
  const slugs = [...new Set(rows.map((r) => r.indicator))];
  const ids = new Map(
    (slugs.length === 0
      ? []
      : await ctx.db
          .select({ id: indicators.id, slug: indicators.slug })
          .from(indicators)
          .where(inArray(indicators.slug, slugs))
    ).map((i) => [i.slug, i.id]),
  );
  const unknown: ImportIssue[] = rows
    .filter((r) => !ids.has(r.indicator))
    .map((r) => ({
      row: r.line,
      field: 'indicator',
      message: `Indikatorn ${r.indicator} finns inte.`,
      code: 'unknown',
    }));
  const early = [...issues, ...unknown].sort((a, b) => a.row - b.row);
  if (early.length > 0) {
    return {
      ok: false,
      runId: await recordFailedImport(ctx, {
        source: 'csv',
        params,
        issues: early,
        rowsRead: rows.length + issues.length,
      }),
      issues: early,
    };
  }
  return importObservations(ctx, {
    source: 'csv',
    params,
    rows: rows.map(({ indicator, ...r }) => ({ ...r, indicatorId: ids.get(indicator)! })),
  });
}
