import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { buildAnnualReport } from '../../src/domain/evaluation/annualReport.js';
import { createDemoDatabase } from '../../src/test/database.js';
import { renderPdf } from '../../src/web/pdf.js';
import { reportDocument } from '../../src/web/reportDocument.js';

let database: Database;
let dir: string;
beforeAll(async () => {
  database = await createDemoDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'riktning-pdf-'));
});
afterAll(async () => {
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function tool(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' });
  } catch (err) {
    throw new Error(
      `${cmd} behövs för PDF-testet (Debian: apt-get install -y poppler-utils): ${(err as Error).message}`,
    );
  }
}

describe('annual report PDF', () => {
  it('has a title, a language, tagged structure and extractable text', async () => {
    const data = await buildAnnualReport(database.db, 2024);
    const pdf = await renderPdf(
      await reportDocument('sv', data, 'https://riktning.example'),
      process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    );
    const file = path.join(dir, 'rapport.pdf');
    await writeFile(file, pdf);
    const info = tool('pdfinfo', [file]);
    expect(info).toMatch(/Title:\s+Regionala utvecklingsåret 2024/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(pdf.toString('latin1')).toMatch(/\/Lang\s*\(sv\)/);
    const text = tool('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text).toContain('Regionala utvecklingsåret 2024');
    expect(text).toContain('Stärkt konkurrenskraft');
    expect(text).toContain('Året i siffror');
  });
});
