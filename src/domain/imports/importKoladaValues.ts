import type { Ctx } from '../context.js';
import { findIndicatorBySlug } from './findIndicator.js';
import {
  importObservations,
  recordFailedImport,
  type ImportIssue,
  type ImportOutcome,
} from './importObservations.js';
import type { KoladaBatchProgress, KoladaClient } from './kolada/koladaClient.js';
import { sourceIssue } from './sourceFailure.js';

export interface ImportKoladaInput {
  kpi: string;
  indicator: string;
  places: string[];
  years: number[];
}

/**
 * Fetches one Kolada KPI for the given places and years and stores it on an indicator. Every
 * batch is fetched before anything is written, so a source failure half-way leaves no values
 * behind, only a failed import run.
 */
export async function importKoladaValues(
  ctx: Ctx,
  input: ImportKoladaInput,
  deps: { client: KoladaClient; onBatch?: (p: KoladaBatchProgress) => void },
): Promise<ImportOutcome> {
  const params = { ...input };
  const failed = async (issue: ImportIssue): Promise<ImportOutcome> => ({
    ok: false,
    runId: await recordFailedImport(ctx, { source: 'kolada', params, issues: [issue] }),
    issues: [issue],
  });
  const indicator = await findIndicatorBySlug(ctx, input.indicator);
  if (!indicator) {
    return failed({
      row: 0,
      field: 'indicator',
      message: `Indikatorn ${input.indicator} finns inte.`,
      code: 'unknown_indicator',
    });
  }
  let rows;
  try {
    const kpi = await deps.client.kpi(input.kpi);
    rows = await deps.client.values(kpi.id, input.places, input.years, deps.onBatch);
  } catch (err) {
    return failed(sourceIssue(err));
  }
  return importObservations(ctx, {
    source: 'kolada',
    params,
    rows: rows.map((r) => ({ ...r, indicatorId: indicator.id })),
  });
}
