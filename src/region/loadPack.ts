import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { jsonKeyLines, lineOf, syntaxErrorLine, type JsonPath } from './jsonLines.js';
import {
  koladaKpiId,
  packFiles,
  type PackFile,
  type RegionIdentity,
  type RegionIndicator,
  type RegionPack,
  type RegionPages,
  type RegionStrategy,
} from './packSchema.js';
import { county, koladaCountyId } from './referenceGeo.js';

/** One problem in a pack: the file, the line and the key it is at, and what is wrong. */
export interface PackIssue {
  file: string;
  line: number;
  key: string;
  message: string;
}

export type PackResult = { ok: true; pack: RegionPack } | { ok: false; issues: PackIssue[] };

export class RegionPackError extends Error {
  constructor(
    readonly dir: string,
    readonly issues: PackIssue[],
  ) {
    super(
      `Regionpaketet ${dir} är ogiltigt / the region pack is invalid:\n` +
        issues.map(formatPackIssue).join('\n'),
    );
    this.name = 'RegionPackError';
  }
}

export const formatPackIssue = (i: PackIssue) => `  ${i.file}:${i.line}: ${i.key}: ${i.message}`;

const keyName = (p: JsonPath) =>
  p.length === 0
    ? '(file)'
    : p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

interface ParsedFile<T> {
  value: T | null;
  lines: Map<string, number>;
}

function readPackFile<F extends PackFile>(
  dir: string,
  file: F,
  issues: PackIssue[],
): ParsedFile<z.output<(typeof packFiles)[F]>> {
  const empty = { value: null, lines: new Map<string, number>() };
  let text: string;
  try {
    text = readFileSync(path.join(dir, file), 'utf8');
  } catch {
    issues.push({ file, line: 1, key: '(file)', message: 'the file is missing' });
    return empty;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    issues.push({
      file,
      line: syntaxErrorLine(text, error),
      key: '(file)',
      message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
    return empty;
  }
  const lines = jsonKeyLines(text);
  const parsed = packFiles[file].safeParse(json);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const keys =
        i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [i.path as JsonPath];
      for (const p of keys) {
        issues.push({
          file,
          line: lineOf(lines, p as JsonPath),
          key: keyName(p as JsonPath),
          message: i.code === 'unrecognized_keys' ? 'unknown key' : i.message,
        });
      }
    }
    return { value: null, lines };
  }
  return { value: parsed.data as z.output<(typeof packFiles)[F]>, lines };
}

/**
 * Reads and checks a region pack: each file against its schema, then the references between
 * them (the län code is a real län, each goal's area exists, each indicator's goal exists, a
 * Kolada KPI id has Kolada's form). Nothing is written; a bad pack gives every issue at once.
 */
export function loadRegionPack(dir: string): PackResult {
  const issues: PackIssue[] = [];
  const region = readPackFile(dir, 'region.json', issues);
  const strategy = readPackFile(dir, 'strategy.json', issues);
  const indicators = readPackFile(dir, 'indicators.json', issues);
  const pages = readPackFile(dir, 'pages.json', issues);
  const at = (file: string, f: ParsedFile<unknown>, p: JsonPath, message: string) =>
    issues.push({ file, line: lineOf(f.lines, p), key: keyName(p), message });

  if (region.value) checkIdentity(region.value, (p, m) => at('region.json', region, p, m));
  if (strategy.value) checkStrategy(strategy.value, (p, m) => at('strategy.json', strategy, p, m));
  if (indicators.value) {
    const goalCodes = new Set(strategy.value?.goals.map((g) => g.code) ?? []);
    checkIndicators(indicators.value.indicators, strategy.value ? goalCodes : null, (p, m) =>
      at('indicators.json', indicators, p, m),
    );
  }
  if (issues.length > 0 || !region.value || !strategy.value || !indicators.value || !pages.value) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    pack: {
      dir: path.resolve(dir),
      identity: region.value as RegionIdentity,
      strategy: strategy.value as RegionStrategy,
      indicators: indicators.value.indicators as RegionIndicator[],
      pages: pages.value as RegionPages,
    },
  };
}

type Report = (path: JsonPath, message: string) => void;

function checkIdentity(r: RegionIdentity, report: Report) {
  if (!county(r.lanCode)) report(['lanCode'], `"${r.lanCode}" is not the code of a Swedish län`);
  else if (r.koladaId !== koladaCountyId(r.lanCode)) {
    report(['koladaId'], `the Kolada id of län ${r.lanCode} is ${koladaCountyId(r.lanCode)}`);
  }
}

function checkStrategy(s: RegionStrategy, report: Report) {
  if (s.periodEnd < s.periodStart) report(['periodEnd'], 'the period ends before it starts');
  const areas = new Set(s.goalAreas.map((a) => a.slug));
  const seen = new Set<string>();
  s.goals.forEach((g, i) => {
    if (!areas.has(g.area)) report(['goals', i, 'area'], `no goal area has the slug "${g.area}"`);
    if (seen.has(g.code)) report(['goals', i, 'code'], `the goal code ${g.code} is used twice`);
    seen.add(g.code);
  });
  s.goalAreas.forEach((a, i) => {
    if (!s.goals.some((g) => g.area === a.slug)) {
      report(['goalAreas', i, 'slug'], 'the goal area has no goals');
    }
  });
}

function checkIndicators(list: RegionIndicator[], goals: Set<string> | null, report: Report) {
  const seen = new Set<string>();
  list.forEach((ind, i) => {
    if (goals && !goals.has(ind.goalCode)) {
      report(
        ['indicators', i, 'goalCode'],
        `no goal in strategy.json has the code ${ind.goalCode}`,
      );
    }
    if (seen.has(ind.key)) report(['indicators', i, 'key'], `the key ${ind.key} is used twice`);
    seen.add(ind.key);
    if (ind.source === 'kolada' && !koladaKpiId.test(ind.sourceRef ?? '')) {
      report(
        ['indicators', i, 'sourceRef'],
        `"${ind.sourceRef ?? ''}" is not a Kolada KPI id (N or U and five digits, such as N01951)`,
      );
    }
    if (ind.source === 'scb' && !ind.sourceRef) {
      report(['indicators', i, 'sourceRef'], 'an SCB indicator needs the table path');
    }
    if (ind.source === 'manual' && ind.sourceRef) {
      report(['indicators', i, 'sourceRef'], 'a manual indicator has no source reference');
    }
  });
}

/** Loads a pack or throws a RegionPackError listing every issue. */
export function requireRegionPack(dir: string): RegionPack {
  const result = loadRegionPack(dir);
  if (!result.ok) throw new RegionPackError(dir, result.issues);
  return result.pack;
}
