import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { auditEvents, initiatives } from '../db/schema/index.js';
import { seedDemo } from '../seed/seedDemo.js';
import { createTestDatabase, testCtx } from '../test/database.js';
import { testEnv } from '../test/env.js';
import { backupToFile, BackupFormatError, contentDigest, restoreFromFile } from './backup.js';

const long = testEnv.longTests;

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
    expect(header.tables.map((t) => t.name)).toContain('audit_events');
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
    await writeFile(notOurs, gzipSync('{"hello":"world"}\n'));
    await expect(restoreFromFile(testCtx(target.db), notOurs)).rejects.toBeInstanceOf(
      BackupFormatError,
    );
  });

  it('reads and writes a page at a time: a page size that splits every table round-trips exactly', async () => {
    const file = path.join(dir, 'paged.backup.gz');
    const header = await backupToFile(source.db, file, 25);
    const total = (await backupToFile(source.db, path.join(dir, 'whole.gz'))).tables;
    expect(header.tables).toEqual(total);
    await restoreFromFile(testCtx(target.db), file);
    const [a, b] = await Promise.all([
      contentDigest(source.db, ['audit_events']),
      contentDigest(target.db, ['audit_events']),
    ]);
    expect(b).toEqual(a);
  });

  it('still restores a version 1 file (the counts in the header), and refuses one without its end', async () => {
    const file = path.join(dir, 'riktning.backup.gz');
    const lines = gunzipSync(await readFile(file))
      .toString()
      .trimEnd()
      .split('\n');
    const trailer = JSON.parse(lines.at(-1)!) as { tables: unknown };
    const header = { ...JSON.parse(lines[0]!), version: 1, tables: trailer.tables };
    const v1 = path.join(dir, 'v1.gz');
    await writeFile(
      v1,
      gzipSync([JSON.stringify(header), ...lines.slice(1, -1)].join('\n') + '\n'),
    );
    await restoreFromFile(testCtx(target.db), v1);
    expect(await contentDigest(target.db, ['audit_events'])).toEqual(
      await contentDigest(source.db, ['audit_events']),
    );
    const before = await contentDigest(target.db);
    const cut = path.join(dir, 'no-end.gz');
    await writeFile(cut, gzipSync(lines.slice(0, -1).join('\n') + '\n'));
    await expect(restoreFromFile(testCtx(target.db), cut)).rejects.toBeInstanceOf(
      BackupFormatError,
    );
    expect(await contentDigest(target.db)).toEqual(before);
  });

  it.runIf(long)(
    'keeps memory flat on a large database: 300 000 audit rows back up and restore within 150 MiB of heap',
    async () => {
      await source.db.execute(
        sql`insert into audit_events (action, entity_type, entity_id, actor_label, after)
          select 'synthetic.row', 'synthetic', g::text, 'test',
            jsonb_build_object('n', g, 'text', repeat('x', 400))
          from generate_series(1, 300000) g`,
      );
      const file = path.join(dir, 'large.gz');
      let peak = 0;
      const base = process.memoryUsage().heapUsed;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }, 20);
      try {
        const header = await backupToFile(source.db, file);
        expect(header.tables.find((t) => t.name === 'audit_events')!.rows).toBeGreaterThan(300000);
        await restoreFromFile(testCtx(target.db), file);
      } finally {
        clearInterval(timer);
      }
      console.log(
        `backup and restore of 300 000 extra rows: peak heap growth ${Math.round(peak / 2 ** 20)} MiB`,
      );
      expect(peak).toBeLessThan(150 * 2 ** 20);
    },
    600_000,
  );
});
