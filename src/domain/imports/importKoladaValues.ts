import type { Ctx } from '../context.js';
import { findIndicatorBySlug } from './findIndicator.js';
import {
  importObservations,
  recordFailedImport,
  reportImportProgress,
  startImportRun,
  type ImportIssue,
  type ImportOutcome,
} from './importObservations.js';
import {
  KOLADA_BATCH_SIZE,
  type KoladaBatchProgress,
  type KoladaClient,
} from './kolada/koladaClient.js';
import { sourceIssue } from './sourceFailure.js';
import { SourceError } from './sourceHttp.js';
import { noteKoladaKpi } from '../followup/sourceWatch.js';

export interface ImportKoladaInput {
  kpi: string;
  indicator: string;
  places: string[];
  years: number[];
}

/**
 * Fetches one Kolada KPI for the given places and years and stores it on an indicator. Every
 * batch is fetched before anything is written, so a source failure half-way leaves no values
 * behind, only a failed import run. The run is opened first and counts its calls as progress
 * (one per batch of places, and one for the write). Kolada's answer on the indicator's own KPI
 * is noted for the source watch (renamed, removed).
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
  const batches = Math.ceil(new Set(input.places).size / KOLADA_BATCH_SIZE) + 1;
  const runId = await startImportRun(ctx, { source: 'kolada', params, progressTotal: batches });
  let progress = Promise.resolve();
  let rows;
  // Only the indicator's own KPI is watched; a one-off import of another KPI says nothing of it.
  const watched = indicator.source === 'kolada' && indicator.sourceRef === input.kpi;
  try {
    const kpi = await deps.client.kpi(input.kpi);
    if (watched) await noteKoladaKpi(ctx, indicator.id, kpi.title);
    rows = await deps.client.values(kpi.id, input.places, input.years, (p) => {
      progress = progress.then(() => reportImportProgress(ctx, runId, p.batch, p.batches + 1));
      deps.onBatch?.(p);
    });
    await progress;
  } catch (err) {
    await progress.catch(() => undefined);
    if (watched && err instanceof SourceError && err.code === 'unknown_kpi') {
      await noteKoladaKpi(ctx, indicator.id, null);
    }
    const issue = sourceIssue(err);
    return {
      ok: false,
      runId: await recordFailedImport(ctx, { source: 'kolada', params, runId, issues: [issue] }),
      issues: [issue],
    };
  }
  return importObservations(ctx, {
    source: 'kolada',
    params,
    runId,
    rows: rows.map((r) => ({ ...r, indicatorId: indicator.id })),
  });
}
