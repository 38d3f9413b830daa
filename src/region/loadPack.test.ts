import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRegionDir } from '../config.js';
import { loadRegionPack } from './loadPack.js';
import { packJsonSchema } from './packSchema.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the shipped pack with one file's text changed. */
function packWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pack-'));
  dirs.push(dir);
  cpSync(defaultRegionDir, dir, { recursive: true });
  const full = path.join(dir, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
  return dir;
}

const lineOfText = (dir: string, file: string, needle: string) =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

describe('region pack', () => {
  it('accepts the shipped default pack', () => {
    const result = loadRegionPack(defaultRegionDir);
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.pack.identity.lanCode).toMatch(/^\d{2}$/);
    expect(result.pack.strategy.goals.length).toBeGreaterThan(0);
  });

  it('accepts every pack shipped in regions/, each for its own county', () => {
    const root = path.dirname(defaultRegionDir);
    const shipped = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(root, e.name));
    expect(shipped.length).toBeGreaterThanOrEqual(2);
    const lan = shipped.map((dir) => {
      const result = loadRegionPack(dir);
      expect(result.ok ? [] : result.issues, dir).toEqual([]);
      return result.ok ? result.pack.identity.lanCode : null;
    });
    expect(new Set(lan).size).toBe(shipped.length);
  });

  it('names file, line and key of an unknown län code', () => {
    const dir = packWith('region.json', (t) => t.replace(/"lanCode": "\d\d"/, '"lanCode": "02"'));
    const result = loadRegionPack(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        file: 'region.json',
        key: 'lanCode',
        line: lineOfText(dir, 'region.json', '"lanCode"'),
      }),
    );
  });

  it('names a goal that points at a missing area, by line', () => {
    const dir = packWith('strategy.json', (t) => t.replace(/"area": "[^"]+"/, '"area": "saknas"'));
    const result = loadRegionPack(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        file: 'strategy.json',
        key: 'goals[0].area',
        line: lineOfText(dir, 'strategy.json', '"area": "saknas"'),
      }),
    );
  });

  it('refuses a Kolada id that is not of Kolada form, and a missing key', () => {
    const missing = loadRegionPack(
      packWith('indicators.json', (t) => t.replace(/"unit": "[^"]*",/, '')),
    );
    const keys = missing.ok ? [] : missing.issues.map((i) => `${i.file}:${i.key}`);
    expect(keys.some((k) => /^indicators\.json:indicators\[\d+\]\.unit$/.test(k))).toBe(true);
    const dir = packWith('indicators.json', (t) =>
      t.replace(/"sourceRef": "N\d{5}"/, '"sourceRef": "X123"'),
    );
    const result = loadRegionPack(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const kolada = result.issues.find((i) => i.message.includes('X123'));
    expect(kolada?.line).toBe(lineOfText(dir, 'indicators.json', '"X123"'));
  });

  it('names the line of a syntax error and an unknown key', () => {
    const dir = packWith('pages.json', (t) => t.replace('{', '{\n  "extra": 1,'));
    const syntax = packWith('region.json', (t) => t.replace('"siteName"', 'siteName'));
    const a = loadRegionPack(dir);
    const b = loadRegionPack(syntax);
    expect(a.ok || a.issues[0]).toMatchObject({ file: 'pages.json', key: 'extra', line: 2 });
    expect(b.ok || b.issues[0]).toMatchObject({
      file: 'region.json',
      key: '(file)',
      line: lineOfText(syntax, 'region.json', 'siteName'),
    });
  });

  it('publishes the JSON Schema generated from the zod schema', () => {
    const published: unknown = JSON.parse(
      readFileSync(new URL('../../docs/region-pack.schema.json', import.meta.url), 'utf8'),
    );
    expect(published).toEqual(packJsonSchema());
  });
});
