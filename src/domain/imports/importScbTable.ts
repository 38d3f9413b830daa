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
import { scbCellsToRows, type ScbMapping } from './scb/jsonStat.js';
import type { ScbClient, ScbSelection } from './scb/scbClient.js';
import { sourceIssue } from './sourceFailure.js';
import { SourceError } from './sourceHttp.js';
import { noteScbTable } from '../followup/sourceWatch.js';

export interface ImportScbInput {
  api: 'v1' | 'v2';
  /** v1: the table's path (BE/BE0101/BE0101A/BefolkningNy); v2: its id (TAB638). */
  table: string;
  indicator: string;
  /** Our place codes; sent to SCB as its region codes (0008 → 08, 0000 → 00). */
  places: string[];
  years: number[];
  /** Further fixed dimensions, e.g. { Kon: ['1', '2', '1+2'], ContentsCode: ['BE0101N1'] }. */
  selection?: ScbSelection;
  mapping?: ScbMapping;
}

/** Our place code as SCB writes it. */
export function placeToScbRegion(code: string): string {
  return /^00\d{2}$/.test(code) ? code.slice(2) : code;
}

/**
 * Asks SCB's catalogue whether the table is still there and still updated, for the source watch.
 * A catalogue that does not answer says nothing: the data call that follows decides the import.
 */
async function watchTable(ctx: Ctx, indicatorId: number, table: string, client: ScbClient) {
  let info: { label: string; discontinued?: boolean | null } | null;
  try {
    info = await client.table(table);
  } catch (err) {
    if (!(err instanceof SourceError && err.code === 'unknown_table')) return;
    info = null;
  }
  await noteScbTable(ctx, indicatorId, info);
}

/** Fetches one SCB table (PxWeb v1 or PxWebApi 2.0) and stores it on an indicator. */
export async function importScbTable(
  ctx: Ctx,
  input: ImportScbInput,
  deps: { client: ScbClient },
): Promise<ImportOutcome> {
  const params = { ...input };
  const failed = async (issue: ImportIssue): Promise<ImportOutcome> => ({
    ok: false,
    runId: await recordFailedImport(ctx, { source: 'scb', params, issues: [issue] }),
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
  const regionDim = input.mapping?.regionDimension ?? 'Region';
  const timeDim = input.mapping?.timeDimension ?? 'Tid';
  const selection: ScbSelection = {
    [regionDim]: input.places.map(placeToScbRegion),
    [timeDim]: input.years.map(String),
    ...input.selection,
  };
  // One call to SCB and one write: the run shows 0 of 2 while the table is fetched.
  const runId = await startImportRun(ctx, { source: 'scb', params, progressTotal: 2 });
  // Only the indicator's own PxWebApi 2.0 table is watched (v1 has no catalogue to ask).
  if (input.api === 'v2' && indicator.source === 'scb' && indicator.sourceRef === input.table) {
    await watchTable(ctx, indicator.id, input.table, deps.client);
  }
  let rows;
  try {
    const data =
      input.api === 'v1'
        ? await deps.client.v1(input.table, selection)
        : await deps.client.v2(input.table, selection);
    rows = scbCellsToRows(data, input.mapping);
    await reportImportProgress(ctx, runId, 1, 2);
  } catch (err) {
    const issue = sourceIssue(err);
    return {
      ok: false,
      runId: await recordFailedImport(ctx, { source: 'scb', params, runId, issues: [issue] }),
      issues: [issue],
    };
  }
  return importObservations(ctx, {
    source: 'scb',
    params,
    runId,
    rows: rows.map((r) => ({ ...r, indicatorId: indicator.id })),
  });
}
