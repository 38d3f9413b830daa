import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import { context, systemActor } from '../domain/context.js';
import { closeInterruptedImportRuns } from '../domain/imports/importRuns.js';
import {
  backoffMs,
  claimJob,
  completeJob,
  ensureScheduled,
  failJob,
  nextNight,
  releaseStaleJobs,
  type ClaimedJob,
  type JobStatus,
} from '../db/jobQueue.js';
import { REFRESH_ALL } from './refreshIndicators.js';
import { PURGE_ACCOUNTS } from './purgeAccounts.js';
import { REPORT_REMINDERS } from './reportReminders.js';
import { defaultRegistry, type JobRegistry, type ScheduledJob } from './registry.js';
import { maintenanceFor } from './vacuum.js';
import { scheduledBackup } from './scheduledBackup.js';

export interface WorkerOptions {
  db: Db;
  registry: JobRegistry;
  schedule?: ScheduledJob[];
  workerId?: string;
  now?: () => Date;
  backoff?: (attempts: number) => number;
  pollMs?: number;
  log?: (message: string) => void;
}

export interface JobResult {
  job: ClaimedJob;
  status: JobStatus;
  error?: string;
}

export interface Worker {
  id: string;
  /** Claims and runs one due job; null when none was due. */
  runOnce(): Promise<JobResult | null>;
  /** Runs due jobs until none is left; returns how many ran. */
  drain(): Promise<number>;
  /**
   * Queues the scheduled jobs that are not queued yet, frees jobs of dead workers and closes the
   * import runs a stopped process left running.
   */
  tick(): Promise<void>;
}

export const nightlySchedule: ScheduledJob[] = [
  { kind: REFRESH_ALL, next: (now) => nextNight(now) },
  { kind: REPORT_REMINDERS, next: (now) => nextNight(now, 6) },
  { kind: PURGE_ACCOUNTS, next: (now) => nextNight(now, 4) },
];

export function createWorker(o: WorkerOptions): Worker {
  const id = o.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const now = o.now ?? (() => new Date());
  const backoff = o.backoff ?? backoffMs;
  const runOnce = async (): Promise<JobResult | null> => {
    const job = await claimJob(o.db, id, now());
    if (!job) return null;
    const handler = o.registry[job.kind];
    if (!handler) {
      // An unknown kind will not become known by waiting: fail it at once.
      const error = `Okänd jobbtyp: ${job.kind}`;
      await failJob(o.db, { ...job, attempts: job.maxAttempts }, error, now());
      return { job, status: 'failed', error };
    }
    try {
      await handler(context(o.db, systemActor('jobs'), now), job.payload, job.id);
      await completeJob(o.db, job.id, now());
      return { job, status: 'done' };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const status = await failJob(o.db, job, error, now(), backoff(job.attempts));
      o.log?.(`Jobb ${job.id} (${job.kind}) misslyckades, försök ${job.attempts}: ${error}`);
      return { job, status, error };
    }
  };
  return {
    id,
    runOnce,
    async drain() {
      let n = 0;
      while (await runOnce()) n++;
      return n;
    },
    async tick() {
      await releaseStaleJobs(o.db, now());
      await closeInterruptedImportRuns(context(o.db, systemActor('jobs'), now));
      for (const s of o.schedule ?? []) await ensureScheduled(o.db, s.kind, s.next(now()));
    },
  };
}

/**
 * Starts a worker in this process: it schedules the nightly refresh of every indicator and
 * polls the jobs table. stop() lets a running job finish before it resolves.
 */
export function startWorker(
  database: Database,
  config: Pick<Config, 'sources' | 'mail' | 'publicUrl'> & Partial<Pick<Config, 'backup'>>,
  options: { pollMs?: number; log?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  const log = options.log ?? ((m: string) => console.error(m));
  const maintenance = maintenanceFor(database.kind);
  const backup = scheduledBackup(config.backup ?? null);
  const worker = createWorker({
    db: database.db,
    registry: {
      ...defaultRegistry(config.sources, config.mail, config.publicUrl),
      ...maintenance.registry,
      ...backup.registry,
    },
    schedule: [...nightlySchedule, ...maintenance.schedule, ...backup.schedule],
    log,
  });
  const pollMs = options.pollMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    running = (async () => {
      try {
        await worker.tick();
        await worker.drain();
      } catch (err) {
        log(`Jobbkön: ${(err as Error).message}`);
      }
    })().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
