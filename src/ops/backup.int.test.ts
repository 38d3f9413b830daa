import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { auditEvents, initiatives } from '../db/schema/index.js';
import { seedDemo } from '../seed/seedDemo.js';
import { createTestDatabase, testCtx } from '../test/database.js';
import { backupToFile, BackupFormatError, contentDigest, restoreFromFile } from './backup.js';

let source: Database;
let target: Database;
let dir: string;
beforeAll(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemo(testCtx(source.db));
  dir = await mkdtemp(path.join(tmpdir(), 'riktning-backup-'));
});
afterAll(async () => {
  await source?.close();
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips every table exactly, and new records continue after the restored ids', async () => {
    const file = path.join(dir, 'riktning.backup.gz');
    const header = await backupToFile(source.db, file);
    expect(header.tables.find((t) => t.name === 'initiatives')?.rows).toBeGreaterThanOrEqual(80);
    await restoreFromFile(testCtx(target.db), file);
    const [a, b] = await Promise.all([
      contentDigest(source.db, ['audit_events']),
      contentDigest(target.db, ['audit_events']),
    ]);
    expect(b).toEqual(a);
    const [[sa], [ta]] = await Promise.all([
      source.db.select({ n: count() }).from(auditEvents),
      target.db.select({ n: count() }).from(auditEvents),
    ]);
    expect(ta!.n).toBe(sa!.n + 1);
    const [{ n }] = (await target.db.select({ n: count() }).from(initiatives)) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(80);
    const { createOrganisation } = await import('../domain/actors/createOrganisation.js');
    const created = await createOrganisation(testCtx(target.db), {
      slug: 'ny-efter-aterstallning',
      name: 'Ny förening',
      kind: 'ideell-forening',
    });
    expect(created.ok).toBe(true);
  });

  it('refuses a damaged file and changes nothing', async () => {
    const file = path.join(dir, 'riktning.backup.gz');
    const broken = path.join(dir, 'broken.gz');
    const bytes = await readFile(file);
    await writeFile(broken, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = await contentDigest(target.db);
    await expect(restoreFromFile(testCtx(target.db), broken)).rejects.toBeInstanceOf(
      BackupFormatError,
    );
    expect(await contentDigest(target.db)).toEqual(before);
    const notOurs = path.join(dir, 'other.gz');
    const { gzipSync } = await import('node:zlib');
    await writeFile(notOurs, gzipSync('{"hello":"world"}\n'));
    await expect(restoreFromFile(testCtx(target.db), notOurs)).rejects.toBeInstanceOf(
      BackupFormatError,
    );
  });
});
