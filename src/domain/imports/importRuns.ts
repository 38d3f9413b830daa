import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { enqueueJob } from '../../db/jobQueue.js';
import { analysisPolicy } from '../followup/policies.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Actor, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import type { ImportIssue } from './importObservations.js';

/** Job kind: an import of one indicator that an editor asked for in the admin. */
export const IMPORT_REQUESTED = 'import-requested';

export const importRunPolicy = {
  /** Analysts, editors and administrators see the import runs, start and retry imports. */
  manage: (actor: Actor) => analysisPolicy.analyse(actor),
};

export interface ImportRunRow {
  id: number;
  source: string;
  status: 'running' | 'succeeded' | 'failed' | string;
  params: Record<string, unknown>;
  rowsRead: number;
  rowsNew: number;
  rowsChanged: number;
  rowsUnchanged: number;
  rowsMissing: number;
  errorCount: number;
  durationMs: number | null;
  progressDone: number;
  progressTotal: number | null;
  /** The user who started it, or null for the command line and the nightly job. */
  triggeredBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ImportRunDetail extends ImportRunRow {
  errors: ImportIssue[];
  indicator: { id: number; slug: string; nameSv: string; nameEn: string } | null;
}

const runColumns = sql`r.id, r.source, r.status, r.params, r.rows_read as "rowsRead", r.rows_new as "rowsNew",
  r.rows_changed as "rowsChanged", r.rows_unchanged as "rowsUnchanged", r.rows_missing as "rowsMissing",
  jsonb_array_length(r.errors)::int as "errorCount", r.duration_ms as "durationMs",
  r.progress_done as "progressDone", r.progress_total as "progressTotal",
  case when u.anonymised_at is null then coalesce(nullif(u.name, ''), u.email) else null end as "triggeredBy",
  to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "startedAt",
  to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "finishedAt"`;

type RawRun = Omit<ImportRunRow, 'startedAt' | 'finishedAt'> & {
  startedAt: string;
  finishedAt: string | null;
};
const toRun = <T extends RawRun>(r: T) => ({
  ...r,
  startedAt: new Date(r.startedAt),
  finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
});

/** The newest import runs first. */
export async function listImportRuns(db: Db, limit = 100): Promise<ImportRunRow[]> {
  const rows = await queryRows<RawRun>(
    db,
    sql`select ${runColumns} from import_runs r left join users u on u.id = r.triggered_by_user_id
      order by r.started_at desc, r.id desc limit ${limit}`,
  );
  return rows.map(toRun);
}

export async function importRunDetail(db: Db, id: number): Promise<ImportRunDetail> {
  const [row] = await queryRows<RawRun & { errors: ImportIssue[] }>(
    db,
    sql`select ${runColumns}, r.errors from import_runs r left join users u on u.id = r.triggered_by_user_id
      where r.id = ${id}`,
  );
  if (!row) throw new NotFoundError();
  const slug = typeof row.params.indicator === 'string' ? row.params.indicator : null;
  const [indicator] = slug
    ? await queryRows<{ id: number; slug: string; nameSv: string; nameEn: string }>(
        db,
        sql`select id, slug, name_sv as "nameSv", name_en as "nameEn" from indicators where slug = ${slug}`,
      )
    : [];
  return { ...toRun(row), errors: row.errors, indicator: indicator ?? null };
}

/**
 * How long a running import may go without progress before it counts as interrupted. A source
 * call with all its retries takes a few minutes at most, so a run silent for this long belongs
 * to a process that stopped (a crash, a kill, a restart) and will never finish.
 */
export const INTERRUPTED_AFTER_MS = 30 * 60_000;

export const INTERRUPTED_MESSAGE = 'Importen avbröts: processen stoppades innan den var klar.';

/**
 * Closes the runs left 'running' by a process that stopped: every running run whose last
 * progress is older than staleMs becomes 'failed' with a message saying so, and its audit event
 * is written in the same transaction. Holds no values (an import writes them only as it
 * finishes), so running the import again is all it takes. Returns the ids closed.
 */
export async function closeInterruptedImportRuns(
  ctx: Ctx,
  staleMs: number = INTERRUPTED_AFTER_MS,
): Promise<number[]> {
  const before = new Date(ctx.now().getTime() - staleMs).toISOString();
  // Checked first without a transaction: the worker asks on every poll, and nearly always in vain.
  const [stale] = await queryRows<{ id: number }>(
    ctx.db,
    sql`select id from import_runs where status = 'running' and progress_at < ${before}::timestamptz
      limit 1`,
  );
  if (!stale) return [];
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const errors: ImportIssue[] = [
      { row: 0, field: '_', message: INTERRUPTED_MESSAGE, code: 'interrupted' },
    ];
    const closed = await queryRows<{ id: number; source: string; params: unknown }>(
      tx.db,
      sql`update import_runs set status = 'failed', errors = ${JSON.stringify(errors)}::jsonb,
          finished_at = ${now.toISOString()}::timestamptz,
          duration_ms = greatest(0, floor(extract(epoch from (${now.toISOString()}::timestamptz - started_at)) * 1000))::int
        where status = 'running' and progress_at < ${before}::timestamptz
        returning id, source, params`,
    );
    for (const run of closed) {
      await recordAuditEvent(tx, {
        action: 'import.failed',
        entityType: 'import_run',
        entityId: run.id,
        after: { source: run.source, params: run.params, errors: 1, reason: 'interrupted' },
      });
    }
    return closed.map((r) => r.id);
  });
}

/** Indicators an import can be started for: those with a Kolada or SCB source. */
export async function importableIndicators(
  db: Db,
): Promise<{ id: number; slug: string; nameSv: string; nameEn: string; source: string }[]> {
  return queryRows(
    db,
    sql`select id, slug, name_sv as "nameSv", name_en as "nameEn", source::text as source from indicators
      where source <> 'manual' and coalesce(source_ref, '') <> '' order by name_sv, id`,
  );
}

/**
 * Queues an import of one indicator from its source (an editor in the admin). The worker runs it
 * as that user, so the import run names who started it.
 */
export async function requestImport(
  ctx: Ctx,
  input: { indicatorId: number },
): Promise<Result<{ jobId: number }>> {
  if (!importRunPolicy.manage(ctx.actor)) throw new ForbiddenError();
  return inTransaction(ctx, async (tx) => {
    const [indicator] = await queryRows<{ slug: string; source: string; sourceRef: string | null }>(
      tx.db,
      sql`select slug, source::text as source, source_ref as "sourceRef" from indicators where id = ${input.indicatorId}`,
    );
    if (!indicator) return fail([issue('indicatorId', 'Välj en indikator.', 'unknown')]);
    if (indicator.source === 'manual' || !indicator.sourceRef)
      return fail([
        issue(
          'indicatorId',
          'Indikatorn har ingen källa att hämta från (Kolada eller SCB).',
          'manual',
        ),
      ]);
    const jobId = await enqueueJob(tx.db, {
      kind: IMPORT_REQUESTED,
      payload: {
        slug: indicator.slug,
        userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      },
      runAt: tx.now(),
      maxAttempts: 1,
    });
    await recordAuditEvent(tx, {
      action: 'import.requested',
      entityType: 'indicator',
      entityId: input.indicatorId,
      after: { slug: indicator.slug, source: indicator.source, jobId },
    });
    return ok({ jobId });
  });
}

/** Imports an editor has asked for that have not started yet, oldest first. */
export async function queuedImports(
  db: Db,
): Promise<{ jobId: number; slug: string; nameSv: string; nameEn: string; queuedAt: Date }[]> {
  const rows = await queryRows<{
    jobId: number;
    slug: string;
    nameSv: string;
    nameEn: string;
    queuedAt: string;
  }>(
    db,
    sql`select j.id::int as "jobId", i.slug, i.name_sv as "nameSv", i.name_en as "nameEn",
      to_char(j.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "queuedAt"
      from jobs j join indicators i on i.slug = j.payload->>'slug'
      where j.kind = ${IMPORT_REQUESTED} and j.status = 'queued' order by j.id`,
  );
  return rows.map((r) => ({ ...r, queuedAt: new Date(r.queuedAt) }));
}

/** Whether a run can be started again from the admin: a failed import from Kolada or SCB. */
export const retryable = (run: Pick<ImportRunRow, 'status' | 'source' | 'params'>) =>
  run.status === 'failed' &&
  (run.source === 'kolada' || run.source === 'scb') &&
  typeof run.params.indicator === 'string';

/** Queues a failed import again, for the same indicator from its source. */
export async function retryImport(ctx: Ctx, runId: number): Promise<Result<{ jobId: number }>> {
  if (!importRunPolicy.manage(ctx.actor)) throw new ForbiddenError();
  const run = await importRunDetail(ctx.db, runId);
  const [indicator] = retryable(run)
    ? await queryRows<{ id: number }>(
        ctx.db,
        sql`select id from indicators where slug = ${run.params.indicator as string}`,
      )
    : [];
  if (!indicator)
    return fail([
      issue('_', 'Den här körningen kan inte göras om från sin källa.', 'not_retryable'),
    ]);
  return requestImport(ctx, { indicatorId: indicator.id });
}
