import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  importRuns,
  indicators,
  observationRevisions,
  observations,
  places,
} from '../../db/schema/index.js';
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

export interface ImportInput {
  source: 'kolada' | 'scb' | 'csv';
  params: Record<string, unknown>;
  rows: ImportRow[];
  sourceRevision?: string | null;
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
      const [run] = await tx.db
        .insert(importRuns)
        .values({
          source: input.source,
          params: input.params,
          status: 'running',
          startedAt: tx.now(),
          triggeredByUserId: tx.actor.kind === 'user' ? tx.actor.userId : null,
        })
        .returning({ id: importRuns.id });
      const runId = run!.id;
      const issues = await checkRows(tx, input.rows);
      if (issues.length > 0) throw new RejectedImport(issues);
      const counts = await writeRows(tx, input, runId);
      const durationMs = Math.round(performance.now() - started);
      await tx.db
        .update(importRuns)
        .set({ ...counts, status: 'succeeded', durationMs, finishedAt: tx.now() })
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
      issues,
      rowsRead: input.rows.length,
      durationMs: Math.round(performance.now() - started),
    });
    if (!(err instanceof RejectedImport)) throw Object.assign(err as Error, { runId });
    return { ok: false, runId, issues };
  }
}

/** Stores a failed run (rows read, errors) with its audit event, in a transaction of its own. */
export async function recordFailedImport(
  ctx: Ctx,
  input: {
    source: string;
    params: Record<string, unknown>;
    issues: ImportIssue[];
    rowsRead?: number;
    durationMs?: number;
  },
): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const [run] = await tx.db
      .insert(importRuns)
      .values({
        source: input.source,
        params: input.params,
        status: 'failed',
        rowsRead: input.rowsRead ?? 0,
        errors: input.issues.slice(0, 1000),
        durationMs: input.durationMs ?? null,
        startedAt: tx.now(),
        finishedAt: tx.now(),
        triggeredByUserId: tx.actor.kind === 'user' ? tx.actor.userId : null,
      })
      .returning({ id: importRuns.id });
    await recordAuditEvent(tx, {
      action: 'import.failed',
      entityType: 'import_run',
      entityId: run!.id,
      after: { source: input.source, params: input.params, errors: input.issues.length },
    });
    return run!.id;
  });
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
  const retrievedAt = ctx.now();
  for (let i = 0; i < toWrite.length; i += 1000) {
    await ctx.db
      .insert(observations)
      .values(
        toWrite.slice(i, i + 1000).map((r) => ({
          indicatorId: r.indicatorId,
          placeCode: r.placeCode,
          period: r.period,
          gender: r.gender,
          value: r.value,
          status: r.status,
          source: input.source,
          sourceRevision: input.sourceRevision ?? null,
          retrievedAt,
          importRunId: runId,
        })),
      )
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
  for (let i = 0; i < revisions.length; i += 1000) {
    await ctx.db.insert(observationRevisions).values(
      revisions.slice(i, i + 1000).map((rev) => ({
        observationId: rev.observationId,
        oldValue: rev.old.value,
        newValue: rev.row.value,
        oldStatus: rev.old.status,
        newStatus: rev.row.status,
        importRunId: runId,
        revisedAt: retrievedAt,
      })),
    );
  }
  counts.rowsWritten = toWrite.length;
  return counts;
}
