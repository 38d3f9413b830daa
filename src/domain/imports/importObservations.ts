import { and, eq, inArray, sql } from 'drizzle-orm';
import { importRuns, indicators, observations, places } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import type { ParsedRow } from './parsedRow.js';

/** A problem with one input row (1-based; 0 for the import as a whole), in Swedish. */
export interface ImportIssue {
  row: number;
  field: string;
  message: string;
  code: string;
}

export interface ImportRow extends ParsedRow {
  indicatorId: number;
  /** The row number the user sees (a CSV line); defaults to the 1-based position. */
  line?: number;
}

/** Where values come from: a source's API, a file (CLI or admin upload) or the admin's table. */
export type ImportSource = 'kolada' | 'scb' | 'csv' | 'xlsx' | 'manual';

export interface ImportInput {
  source: ImportSource;
  params: Record<string, unknown>;
  rows: ImportRow[];
  sourceRevision?: string | null;
  /** A run opened earlier by startImportRun (to show progress while fetching); else one is made. */
  runId?: number;
}

export interface ImportCounts {
  rowsRead: number;
  rowsWritten: number;
  rowsNew: number;
  rowsChanged: number;
  rowsUnchanged: number;
  rowsMissing: number;
}

export type ImportOutcome =
  | { ok: true; runId: number; counts: ImportCounts; durationMs: number }
  | { ok: false; runId: number; issues: ImportIssue[] };

/** Larger than any count or amount our indicators measure; beyond it a value is a unit mistake. */
export const ABSURD_VALUE = 1e12;

/** Rows per insert statement; each batch is one JSON parameter. */
const WRITE_BATCH = 10_000;

class RejectedImport extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('import rejected');
  }
}

const keyOf = (r: { indicatorId: number; placeCode: string; period: number; gender: string }) =>
  `${r.indicatorId}|${r.placeCode}|${r.period}|${r.gender}`;

/**
 * The shared writer of every statistics import. In one transaction it opens an import run, checks
 * every row, upserts observations, records a revision for every changed value, stores the counts
 * and writes an audit event. One bad row stops everything; the failed run is then stored in a
 * transaction of its own so administrators can see what went wrong.
 */
export async function importObservations(ctx: Ctx, input: ImportInput): Promise<ImportOutcome> {
  const started = performance.now();
  try {
    return await inTransaction(ctx, async (tx) => {
      const runId = input.runId ?? (await insertRun(tx, input.source, input.params, 'running'));
      const issues = await checkRows(tx, input.rows);
      if (issues.length > 0) throw new RejectedImport(issues);
      const counts = await writeRows(tx, input, runId);
      const durationMs = Math.round(performance.now() - started);
      await tx.db
        .update(importRuns)
        .set({
          ...counts,
          status: 'succeeded',
          durationMs: await runDuration(tx, runId, durationMs),
          finishedAt: tx.now(),
          progressDone: sql`coalesce(${importRuns.progressTotal}, ${importRuns.progressDone})`,
        })
        .where(eq(importRuns.id, runId));
      await recordAuditEvent(tx, {
        action: 'import.succeeded',
        entityType: 'import_run',
        entityId: runId,
        after: { source: input.source, params: input.params, ...counts },
      });
      return { ok: true as const, runId, counts, durationMs };
    });
  } catch (err) {
    const issues =
      err instanceof RejectedImport
        ? err.issues
        : [
            {
              row: 0,
              field: '_',
              message: `Importen avbröts: ${(err as Error).message}`,
              code: 'error',
            },
          ];
    const runId = await recordFailedImport(ctx, {
      source: input.source,
      params: input.params,
      runId: input.runId,
      issues,
      rowsRead: input.rows.length,
      durationMs: Math.round(performance.now() - started),
    });
    if (!(err instanceof RejectedImport)) throw Object.assign(err as Error, { runId });
    return { ok: false, runId, issues };
  }
}

/**
 * Stores a failed run (rows read, errors) with its audit event, in a transaction of its own: the
 * run opened by startImportRun when given, else a new one.
 */
export async function recordFailedImport(
  ctx: Ctx,
  input: {
    source: string;
    params: Record<string, unknown>;
    issues: ImportIssue[];
    rowsRead?: number;
    durationMs?: number;
    runId?: number;
  },
): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const failed = {
      status: 'failed',
      rowsRead: input.rowsRead ?? 0,
      errors: input.issues.slice(0, 1000),
      finishedAt: tx.now(),
    };
    let runId = input.runId;
    if (runId === undefined) {
      runId = await insertRun(tx, input.source, input.params, 'failed');
      await tx.db
        .update(importRuns)
        .set({ ...failed, durationMs: input.durationMs ?? null })
        .where(eq(importRuns.id, runId));
    } else {
      await tx.db
        .update(importRuns)
        .set({ ...failed, durationMs: await runDuration(tx, runId, input.durationMs ?? 0) })
        .where(eq(importRuns.id, runId));
    }
    await recordAuditEvent(tx, {
      action: 'import.failed',
      entityType: 'import_run',
      entityId: runId,
      after: { source: input.source, params: input.params, errors: input.issues.length },
    });
    return runId;
  });
}

async function insertRun(
  ctx: Ctx,
  source: string,
  params: Record<string, unknown>,
  status: string,
  progressTotal: number | null = null,
): Promise<number> {
  const [run] = await ctx.db
    .insert(importRuns)
    .values({
      source,
      params,
      status,
      progressTotal,
      startedAt: ctx.now(),
      progressAt: ctx.now(),
      triggeredByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    })
    .returning({ id: importRuns.id });
  return run!.id;
}

/** A run's duration: from its start (it may have been opened before fetching) or as measured. */
async function runDuration(ctx: Ctx, runId: number, measuredMs: number): Promise<number> {
  const [run] = await ctx.db
    .select({ startedAt: importRuns.startedAt })
    .from(importRuns)
    .where(eq(importRuns.id, runId));
  const sinceStart = run ? ctx.now().getTime() - run.startedAt.getTime() : 0;
  return Math.max(measuredMs, Math.round(sinceStart));
}

/**
 * Opens a run before a long fetch, committed at once so the admin page shows it while it runs;
 * importObservations (with its runId) or recordFailedImport closes it.
 */
export async function startImportRun(
  ctx: Ctx,
  input: { source: string; params: Record<string, unknown>; progressTotal?: number },
): Promise<number> {
  return inTransaction(ctx, (tx) =>
    insertRun(tx, input.source, input.params, 'running', input.progressTotal ?? null),
  );
}

/** Records how far a running import has come (committed on its own, visible at once). */
export async function reportImportProgress(
  ctx: Ctx,
  runId: number,
  done: number,
  total: number,
): Promise<void> {
  await ctx.db
    .update(importRuns)
    .set({ progressDone: done, progressTotal: total, progressAt: ctx.now() })
    .where(and(eq(importRuns.id, runId), eq(importRuns.status, 'running')));
}

async function checkRows(ctx: Ctx, rows: ImportRow[]): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const placeCodes = [...new Set(rows.map((r) => r.placeCode))];
  const known = new Set(
    placeCodes.length === 0
      ? []
      : (
          await ctx.db
            .select({ code: places.code })
            .from(places)
            .where(inArray(places.code, placeCodes))
        ).map((p) => p.code),
  );
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))];
  const knownIndicators = new Set(
    indicatorIds.length === 0
      ? []
      : (
          await ctx.db
            .select({ id: indicators.id })
            .from(indicators)
            .where(inArray(indicators.id, indicatorIds))
        ).map((i) => i.id),
  );
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = r.line ?? i + 1;
    const add = (field: string, message: string, code = 'invalid') =>
      issues.push({ row, field, message, code });
    if (!knownIndicators.has(r.indicatorId)) add('indicator', 'Indikatorn finns inte.', 'unknown');
    if (!known.has(r.placeCode)) add('place', `Området ${r.placeCode} finns inte.`, 'unknown');
    if (!Number.isInteger(r.period) || r.period < 1900 || r.period > 2100) {
      add('period', `Perioden ${r.period} är inte ett år mellan 1900 och 2100.`);
    }
    if (r.value !== null && (!Number.isFinite(r.value) || Math.abs(r.value) > ABSURD_VALUE)) {
      add('value', `Värdet ${r.value} är orimligt.`, 'absurd');
    }
    if (r.value === null && r.status.trim() === '') {
      add('status', 'Ett saknat värde behöver en status, till exempel "Missing".');
    }
    if (r.status.length > 50) add('status', 'Statusen får vara högst 50 tecken.');
    const dup = seen.get(keyOf(r));
    if (dup !== undefined)
      add('period', `Samma område, period och kön finns redan på rad ${dup}.`, 'duplicate');
    else seen.set(keyOf(r), row);
  });
  return issues;
}

async function writeRows(ctx: Ctx, input: ImportInput, runId: number): Promise<ImportCounts> {
  const { rows } = input;
  const existing = new Map<string, { id: number; value: number | null; status: string }>();
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))];
  const placeCodes = [...new Set(rows.map((r) => r.placeCode))];
  if (rows.length > 0) {
    const found = await ctx.db
      .select({
        id: observations.id,
        indicatorId: observations.indicatorId,
        placeCode: observations.placeCode,
        period: observations.period,
        gender: observations.gender,
        value: observations.value,
        status: observations.status,
      })
      .from(observations)
      .where(
        and(
          inArray(observations.indicatorId, indicatorIds),
          inArray(observations.placeCode, placeCodes),
        ),
      );
    for (const o of found) existing.set(keyOf(o), o);
  }
  const counts: ImportCounts = {
    rowsRead: rows.length,
    rowsWritten: 0,
    rowsNew: 0,
    rowsChanged: 0,
    rowsUnchanged: 0,
    rowsMissing: 0,
  };
  const toWrite: ImportRow[] = [];
  const revisions: {
    observationId: number;
    old: { value: number | null; status: string };
    row: ImportRow;
  }[] = [];
  for (const r of rows) {
    const status = r.status.trim();
    if (r.value === null) counts.rowsMissing += 1;
    const before = existing.get(keyOf(r));
    if (!before) {
      counts.rowsNew += 1;
      toWrite.push({ ...r, status });
    } else if (before.value !== r.value || before.status !== status) {
      counts.rowsChanged += 1;
      toWrite.push({ ...r, status });
      revisions.push({ observationId: before.id, old: before, row: { ...r, status } });
    } else counts.rowsUnchanged += 1;
  }
  const retrievedAt = ctx.now().toISOString();
  // Each batch travels as one JSON parameter (json_to_recordset), not one parameter per value.
  for (let i = 0; i < toWrite.length; i += WRITE_BATCH) {
    const batch = toWrite.slice(i, i + WRITE_BATCH).map((r) => ({
      i: r.indicatorId,
      p: r.placeCode,
      y: r.period,
      g: r.gender,
      v: r.value,
      s: r.status,
    }));
    await ctx.db.execute(sql`insert into observations
        (indicator_id, place_code, period, gender, value, status, source, source_revision, retrieved_at, import_run_id)
      select r.i, r.p, r.y, r.g::gender, r.v, r.s, ${input.source}, ${input.sourceRevision ?? null},
        ${retrievedAt}::timestamptz, ${runId}::int
      from json_to_recordset(${JSON.stringify(batch)}::json) as r(i int, p text, y int, g text, v float8, s text)
      on conflict (indicator_id, place_code, period, gender) do update set value = excluded.value,
        status = excluded.status, source = excluded.source, source_revision = excluded.source_revision,
        retrieved_at = excluded.retrieved_at, import_run_id = excluded.import_run_id`);
  }
  for (let i = 0; i < revisions.length; i += WRITE_BATCH) {
    const batch = revisions.slice(i, i + WRITE_BATCH).map((rev) => ({
      o: rev.observationId,
      ov: rev.old.value,
      nv: rev.row.value,
      os: rev.old.status,
      ns: rev.row.status,
    }));
    await ctx.db.execute(sql`insert into observation_revisions
        (observation_id, old_value, new_value, old_status, new_status, import_run_id, revised_at)
      select r.o, r.ov, r.nv, r.os, r.ns, ${runId}::int, ${retrievedAt}::timestamptz
      from json_to_recordset(${JSON.stringify(batch)}::json) as r(o int, ov float8, nv float8, os text, ns text)`);
  }
  counts.rowsWritten = toWrite.length;
  return counts;
}
