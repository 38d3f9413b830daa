import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { enqueueJob } from '../../jobs/queue.js';
import { refreshIndicator } from '../../jobs/refreshIndicators.js';
import { isCurator } from '../actors/policies.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Actor, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import type { ImportIssue } from './importObservations.js';

/** Job kind: an import of one indicator that an editor asked for in the admin. */
export const IMPORT_REQUESTED = 'import-requested';

export const importRunPolicy = {
  /** Editors and administrators see the import runs and start imports. */
  manage: (actor: Actor) => isCurator(actor),
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
  indicator: { slug: string; nameSv: string; nameEn: string } | null;
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
    ? await queryRows<{ slug: string; nameSv: string; nameEn: string }>(
        db,
        sql`select slug, name_sv as "nameSv", name_en as "nameEn" from indicators where slug = ${slug}`,
      )
    : [];
  return { ...toRun(row), errors: row.errors, indicator: indicator ?? null };
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

/** The job handler: imports the indicator as the user who asked, when that user still exists. */
export async function runRequestedImport(
  ctx: Ctx,
  payload: unknown,
  sources: Config['sources'],
): Promise<unknown> {
  const userId = (payload as { userId?: unknown } | null)?.userId;
  const [user] =
    typeof userId === 'number'
      ? await queryRows<{ email: string; role: 'admin' | 'samordnare' | 'aktor' | 'analytiker' }>(
          ctx.db,
          sql`select email, role::text as role from users where id = ${userId} and disabled_at is null`,
        )
      : [];
  const actor: Actor = user
    ? {
        kind: 'user',
        userId: userId as number,
        role: user.role,
        organisationIds: [],
        label: `user:${user.email}`,
      }
    : ctx.actor;
  return refreshIndicator({ ...ctx, actor }, payload, sources);
}
