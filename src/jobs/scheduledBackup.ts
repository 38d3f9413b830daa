import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Ctx } from '../domain/context.js';
import { backupToFile } from '../ops/backup.js';
import { nextNight } from '../db/jobQueue.js';
import type { JobRegistry, ScheduledJob } from './registry.js';

export const SCHEDULED_BACKUP = 'backup.nightly';

const FILE = /^riktning-(\d{4}-\d{2}-\d{2})\.backup\.gz$/;

/**
 * The nightly backup, off unless BACKUP_DIR is set: `riktning backup` into
 * BACKUP_DIR/riktning-YYYY-MM-DD.backup.gz at 03:00 UTC, then the files of that name older than
 * BACKUP_KEEP_DAYS are deleted (other files in the folder are never touched). A failed backup is
 * retried as any job and, when it keeps failing, stays failed in the jobs table (and in
 * riktning_jobs{status="failed"} on /metrics).
 */
export async function runScheduledBackup(
  ctx: Ctx,
  backup: NonNullable<Config['backup']>,
): Promise<{ file: string; rows: number; removed: string[] }> {
  await mkdir(backup.dir, { recursive: true });
  const day = ctx.now().toISOString().slice(0, 10);
  const file = path.join(backup.dir, `riktning-${day}.backup.gz`);
  const partial = `${file}.partial`;
  const summary = await backupToFile(ctx.db, partial);
  // Renamed only when whole: a crash leaves a .partial file, never a short backup by the real name.
  await rename(partial, file);
  const oldest = new Date(ctx.now().getTime() - backup.keepDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const removed: string[] = [];
  for (const name of await readdir(backup.dir)) {
    const m = FILE.exec(name);
    if (m && m[1]! < oldest) {
      await rm(path.join(backup.dir, name));
      removed.push(name);
    }
  }
  return { file, rows: summary.tables.reduce((n, t) => n + t.rows, 0), removed };
}

/** The job and its schedule when BACKUP_DIR is set; nothing otherwise. */
export function scheduledBackup(backup: Config['backup']): {
  registry: JobRegistry;
  schedule: ScheduledJob[];
} {
  if (!backup) return { registry: {}, schedule: [] };
  return {
    registry: { [SCHEDULED_BACKUP]: (ctx) => runScheduledBackup(ctx, backup) },
    schedule: [{ kind: SCHEDULED_BACKUP, next: (now) => nextNight(now, 3) }],
  };
}
