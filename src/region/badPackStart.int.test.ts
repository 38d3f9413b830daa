import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { defaultRegionDir, loadConfig } from '../config.js';
import { startServer } from '../cli/serve.js';
import { RegionPackError } from './loadPack.js';

const root = mkdtempSync(path.join(tmpdir(), 'riktning-badpack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a bad region pack', () => {
  it('stops the start before anything is written, naming file, line and key', async () => {
    const pack = path.join(root, 'pack');
    cpSync(defaultRegionDir, pack, { recursive: true });
    const file = path.join(pack, 'strategy.json');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/"area": "[^"]+"/, '"area": "finns-inte"'),
    );
    const dataDir = path.join(root, 'data');
    const config = loadConfig({ RIKTNING_DATA_DIR: dataDir, RIKTNING_REGION: pack, PORT: '3999' });
    const error = await startServer(config, { handleSignals: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegionPackError);
    expect((error as RegionPackError).issues[0]).toMatchObject({
      file: 'strategy.json',
      key: 'goals[0].area',
    });
    expect(() => readdirSync(dataDir)).toThrow();
  });

  it('is reported by `riktning region check` with exit status 1', async () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => lines.push(args.join(' '));
    try {
      expect(await main(['region', 'check', path.join(root, 'pack')])).toBe(1);
      expect(await main(['region', 'check', defaultRegionDir])).toBe(0);
    } finally {
      console.error = original;
    }
    expect(lines.join('\n')).toMatch(/strategy\.json:\d+: goals\[0\]\.area:/);
  });
});
