import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { queryRows } from './rows.js';

/**
 * The jobs table as a queue. A worker claims the oldest due job with
 * `SELECT … FOR UPDATE SKIP LOCKED` inside one UPDATE, so two workers never claim the same job
 * (the same SQL runs on PGlite and PostgreSQL). A failed job is queued again with exponential
 * backoff until it has used its attempts; then it stays as 'failed' with its last error.
 */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export interface EnqueueInput {
  kind: string;
  payload?: unknown;
  runAt?: Date;
  maxAttempts?: number;
}

export async function enqueueJob(db: Db, input: EnqueueInput): Promise<number> {
  const runAt = (input.runAt ?? new Date()).toISOString();
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into jobs (kind, payload, run_at, max_attempts)
      values (${input.kind}, ${JSON.stringify(input.payload ?? {})}::jsonb, ${runAt}::timestamptz,
      ${input.maxAttempts ?? 5}) returning id::int as id`,
  );
  return row!.id;
}

/** Claims the oldest due job for a worker, or null when none is due. */
export async function claimJob(db: Db, workerId: string, now: Date): Promise<ClaimedJob | null> {
  const at = now.toISOString();
  const [row] = await queryRows<ClaimedJob>(
    db,
    sql`update jobs set status = 'running', attempts = attempts + 1, locked_at = ${at}::timestamptz,
        locked_by = ${workerId}
      where id = (
        select id from jobs where status = 'queued' and run_at <= ${at}::timestamptz
        order by run_at, id limit 1 for update skip locked)
      returning id::int as id, kind, payload, attempts, max_attempts as "maxAttempts"`,
  );
  return row ?? null;
}

export async function completeJob(db: Db, id: number, now: Date): Promise<void> {
  await db.execute(
    sql`update jobs set status = 'done', finished_at = ${now.toISOString()}::timestamptz,
      locked_at = null, locked_by = null, last_error = null where id = ${id}`,
  );
}

/** Waiting time before attempt n + 1 after n failed attempts: base · 2^(n−1), capped. */
export function backoffMs(attempts: number, baseMs = 30_000, capMs = 6 * 3600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Queues a failed job again after its backoff, or marks it failed when its attempts are used. */
export async function failJob(
  db: Db,
  job: Pick<ClaimedJob, 'id' | 'attempts' | 'maxAttempts'>,
  error: string,
  now: Date,
  delayMs: number = backoffMs(job.attempts),
): Promise<JobStatus> {
  const message = error.slice(0, 2000);
  if (job.attempts >= job.maxAttempts) {
    await db.execute(
      sql`update jobs set status = 'failed', last_error = ${message},
        finished_at = ${now.toISOString()}::timestamptz, locked_at = null, locked_by = null
        where id = ${job.id}`,
    );
    return 'failed';
  }
  const runAt = new Date(now.getTime() + delayMs).toISOString();
  await db.execute(
    sql`update jobs set status = 'queued', last_error = ${message}, run_at = ${runAt}::timestamptz,
      locked_at = null, locked_by = null where id = ${job.id}`,
  );
  return 'queued';
}

/** Jobs left 'running' by a worker that died are queued again after staleMs. */
export async function releaseStaleJobs(db: Db, now: Date, staleMs = 3600_000): Promise<number> {
  const before = new Date(now.getTime() - staleMs).toISOString();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update jobs set status = 'queued', locked_at = null, locked_by = null,
      last_error = coalesce(last_error, 'Arbetaren slutade svara.')
      where status = 'running' and locked_at < ${before}::timestamptz returning id::int as id`,
  );
  return rows.length;
}

/**
 * Makes sure one job of a kind is queued for runAt unless one is already queued or running.
 * A transaction-scoped advisory lock keeps two workers from scheduling it twice.
 */
export async function ensureScheduled(db: Db, kind: string, runAt: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`riktning-job:${kind}`}))`);
    const [existing] = await queryRows<{ n: number }>(
      tx as unknown as Db,
      sql`select count(*)::int as n from jobs where kind = ${kind} and status in ('queued', 'running')`,
    );
    if ((existing?.n ?? 0) > 0) return false;
    await enqueueJob(tx as unknown as Db, { kind, runAt });
    return true;
  });
}

/** The next night at hour:00 UTC after now. */
export function nextNight(now: Date, hourUtc = 2): Date {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc, 0, 0),
  );
  if (d.getTime() <= now.getTime()) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
