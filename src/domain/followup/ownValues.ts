import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { importParsedObservations } from '../imports/csv/importCsvObservations.js';
import { parseObservationsCsv } from '../imports/csv/parseObservationsCsv.js';
import { parseObservationsXlsx } from '../imports/csv/parseObservationsXlsx.js';
import {
  importObservations,
  type ImportIssue,
  type ImportOutcome,
  type ImportRow,
} from '../imports/importObservations.js';
import { analysisPolicy } from './policies.js';

/** How many years the table of own values shows back from the current one. */
const YEARS_SHOWN = 6;

export type Gender = 'T' | 'K' | 'M';

export interface OwnValuesIndicator {
  id: number;
  slug: string;
  nameSv: string;
  nameEn: string;
  unit: string;
  source: string;
  genderSplit: boolean;
  published: boolean;
}

/** An indicator's own values as a table: area × year × women, men and total. */
export interface OwnValuesTable {
  indicator: OwnValuesIndicator;
  places: { code: string; nameSv: string; nameEn: string }[];
  years: number[];
  genders: Gender[];
  /** Stored values by `cellKey`; a missing value is null. */
  values: Map<string, number | null>;
}

export const cellKey = (placeCode: string, year: number, gender: Gender) =>
  `v_${placeCode}_${year}_${gender}`;

async function indicatorOf(
  db: Db,
  id: number,
): Promise<OwnValuesIndicator & { placeCodes: string[]; baselineYear: number | null }> {
  const [row] = await queryRows<
    OwnValuesIndicator & { placeCodes: string[]; baselineYear: number | null }
  >(
    db,
    sql`select id, slug, name_sv as "nameSv", name_en as "nameEn", unit, source::text as source,
      gender_split as "genderSplit", published_at is not null as published, place_codes as "placeCodes",
      baseline_year as "baselineYear" from indicators where id = ${id}`,
  );
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * The table of an indicator's values: the places it follows (the county and every municipality
 * when it names none), the years from its baseline or the last six to this year, and a column
 * each for women and men beside the total when the indicator is split by gender.
 */
export async function ownValuesTable(db: Db, id: number, now: Date): Promise<OwnValuesTable> {
  const { placeCodes, baselineYear, ...indicator } = await indicatorOf(db, id);
  const places = await queryRows<{ code: string; nameSv: string; nameEn: string }>(
    db,
    placeCodes.length > 0
      ? sql`select code, name_sv as "nameSv", name_en as "nameEn" from places
          where code in (${sql.join(
            placeCodes.map((c) => sql`${c}`),
            sql`, `,
          )}) order by code`
      : sql`select code, name_sv as "nameSv", name_en as "nameEn" from places where code <> '0000' order by code`,
  );
  const stored = await queryRows<{
    placeCode: string;
    period: number;
    gender: Gender;
    value: number | null;
  }>(
    db,
    sql`select place_code as "placeCode", period, gender::text as gender, value from observations
      where indicator_id = ${id}`,
  );
  const thisYear = now.getUTCFullYear();
  const first = Math.min(
    thisYear - YEARS_SHOWN + 1,
    Math.max(baselineYear ?? thisYear, thisYear - 20),
    ...stored.map((s) => Math.max(s.period, thisYear - 20)),
  );
  const years = Array.from({ length: thisYear - first + 1 }, (_, i) => first + i);
  const genders: Gender[] = indicator.genderSplit ? ['K', 'M', 'T'] : ['T'];
  const values = new Map(stored.map((s) => [cellKey(s.placeCode, s.period, s.gender), s.value]));
  return { indicator, places, years, genders, values };
}

/** Reads a number as typed in Swedish or English ("1 234,5" or "1234.5"). */
export function numberOfText(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

function checkOwnSource(indicator: OwnValuesIndicator): ImportIssue[] {
  return indicator.source === 'manual'
    ? []
    : [
        {
          row: 0,
          field: '_',
          message: 'Indikatorn hämtar sina värden från sin källa; egna värden kan inte anges.',
          code: 'not_manual',
        },
      ];
}

/**
 * Saves the values typed into the table, all or none, through the importers' writer (an import
 * run with its counts, revisions of changed values and an audit event). An empty cell is left
 * as it is; a cell that is not a number stops everything and is named by its field.
 */
export async function enterOwnValues(
  ctx: Ctx,
  indicatorId: number,
  cells: { placeCode: string; period: number; gender: Gender; text: string }[],
): Promise<ImportOutcome | { ok: false; runId: null; issues: ImportIssue[] }> {
  if (!analysisPolicy.analyse(ctx.actor)) throw new ForbiddenError();
  const { placeCodes: _p, baselineYear: _b, ...indicator } = await indicatorOf(ctx.db, indicatorId);
  const issues = checkOwnSource(indicator);
  const rows: ImportRow[] = [];
  for (const c of cells) {
    if (c.text.trim() === '') continue;
    const value = numberOfText(c.text);
    if (value === null || !Number.isFinite(value)) {
      issues.push({
        row: 0,
        field: cellKey(c.placeCode, c.period, c.gender),
        message: `"${c.text.trim()}" är inte ett tal.`,
        code: 'invalid',
      });
      continue;
    }
    rows.push({
      indicatorId,
      placeCode: c.placeCode,
      period: c.period,
      gender: c.gender,
      value,
      status: '',
    });
  }
  if (rows.length === 0 && issues.length === 0)
    issues.push({ row: 0, field: '_', message: 'Ange minst ett värde.', code: 'empty' });
  if (issues.length > 0) return { ok: false, runId: null, issues };
  return importObservations(ctx, {
    source: 'manual',
    params: { indicator: indicator.slug, entry: 'table' },
    rows,
  });
}

/**
 * Imports an uploaded file of the indicator's values (the CLI's CSV format, or the same columns
 * in the first sheet of a workbook): all rows or none, every error with its row and column.
 */
export async function uploadOwnValues(
  ctx: Ctx,
  indicatorId: number,
  file: { fileName: string } & ({ kind: 'csv'; text: string } | { kind: 'xlsx'; data: Uint8Array }),
): Promise<ImportOutcome | { ok: false; runId: null; issues: ImportIssue[] }> {
  if (!analysisPolicy.analyse(ctx.actor)) throw new ForbiddenError();
  const { placeCodes: _p, baselineYear: _b, ...indicator } = await indicatorOf(ctx.db, indicatorId);
  const refused = checkOwnSource(indicator);
  if (refused.length > 0) return { ok: false, runId: null, issues: refused };
  const parsed =
    file.kind === 'xlsx' ? parseObservationsXlsx(file.data) : parseObservationsCsv(file.text);
  return importParsedObservations(ctx, parsed, {
    source: file.kind,
    params: { indicator: indicator.slug, file: file.fileName },
    onlyIndicator: indicator.slug,
  });
}
