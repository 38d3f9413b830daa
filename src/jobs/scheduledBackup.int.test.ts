import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { contentDigest, restoreFromFile } from '../ops/backup.js';
import { createTestDatabase, testCtx } from '../test/database.js';
import { ensureScheduled } from '../db/jobQueue.js';
import { SCHEDULED_BACKUP, scheduledBackup } from './scheduledBackup.js';
import { createWorker } from './worker.js';

let database: Database;
let target: Database;
let dir: string;
beforeAll(async () => {
  [database, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  dir = await mkdtemp(path.join(tmpdir(), 'riktning-nightly-'));
});
afterAll(async () => {
  await database?.close();
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the nightly backup', () => {
  it('is off unless BACKUP_DIR is set', () => {
    expect(scheduledBackup(null)).toEqual({ registry: {}, schedule: [] });
  });

  it('runs at night as a job, writes a whole file that restores, and keeps only the last days', async () => {
    for (const day of ['2026-05-01', '2026-06-01', '2026-06-10']) {
      await writeFile(path.join(dir, `riktning-${day}.backup.gz`), 'old');
    }
    await writeFile(path.join(dir, 'notes.txt'), 'not ours');
    const job = scheduledBackup({ dir, keepDays: 14 });
    expect(job.schedule[0]!.next(new Date('2026-06-15T10:00:00Z')).toISOString()).toBe(
      '2026-06-16T03:00:00.000Z',
    );
    const now = new Date('2026-06-16T03:00:05Z');
    await ensureScheduled(database.db, SCHEDULED_BACKUP, new Date('2026-06-16T03:00:00Z'));
    const worker = createWorker({ db: database.db, registry: job.registry, now: () => now });
    expect(await worker.drain()).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([
      'notes.txt',
      'riktning-2026-06-10.backup.gz',
      'riktning-2026-06-16.backup.gz',
    ]);
    await restoreFromFile(testCtx(target.db), path.join(dir, 'riktning-2026-06-16.backup.gz'));
    expect(await contentDigest(target.db, ['audit_events', 'jobs'])).toEqual(
      await contentDigest(database.db, ['audit_events', 'jobs']),
    );
  });
});
