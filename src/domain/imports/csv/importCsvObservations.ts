import { inArray } from 'drizzle-orm';
import { indicators } from '../../../db/schema/index.js';
import type { Ctx } from '../../context.js';
import {
  importObservations,
  recordFailedImport,
  type ImportIssue,
  type ImportOutcome,
  type ImportSource,
} from '../importObservations.js';
import { parseObservationsCsv, type CsvRow } from './parseObservationsCsv.js';

/**
 * Imports observations from CSV text (docs/import-format.md): all rows or none. Format errors,
 * unknown indicators and places, and absurd values are reported per row and stop the import.
 */
export async function importCsvObservations(
  ctx: Ctx,
  input: { text: string; fileName: string },
): Promise<ImportOutcome> {
  return importParsedObservations(ctx, parseObservationsCsv(input.text), {
    source: 'csv',
    params: { file: input.fileName },
  });
}

/**
 * Imports rows parsed from a file (CSV or a workbook): all or none, as `importCsvObservations`.
 * With `onlyIndicator`, a row for any other indicator is an error of its row.
 */
export async function importParsedObservations(
  ctx: Ctx,
  parsed: { rows: CsvRow[]; issues: ImportIssue[] },
  input: { source: ImportSource; params: Record<string, unknown>; onlyIndicator?: string },
): Promise<ImportOutcome> {
  const { source, params, onlyIndicator } = input;
  const { rows, issues } = parsed;
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
    .filter((r) => !ids.has(r.indicator) || (onlyIndicator && r.indicator !== onlyIndicator))
    .map((r) => ({
      row: r.line,
      field: 'indicator',
      message: !ids.has(r.indicator)
        ? `Indikatorn ${r.indicator} finns inte.`
        : `Raden gäller ${r.indicator}, men filen laddas upp för ${onlyIndicator}.`,
      code: 'unknown',
    }));
  const early = [...issues, ...unknown].sort((a, b) => a.row - b.row);
  if (early.length > 0) {
    return {
      ok: false,
      runId: await recordFailedImport(ctx, {
        source,
        params,
        issues: early,
        rowsRead: rows.length + issues.length,
      }),
      issues: early,
    };
  }
  return importObservations(ctx, {
    source,
    params,
    rows: rows.map(({ indicator, ...r }) => ({ ...r, indicatorId: ids.get(indicator)! })),
  });
}
