import { z } from 'zod';
import { SourceParseError, type ParsedRow } from '../parsedRow.js';

/**
 * JSON-stat 2.0 datasets (https://json-stat.org/full/): `id` and `size` name the dimensions in
 * order, each `dimension.{id}.category.index` is an array or an object of positions, `value` is
 * row-major (the last dimension varies fastest) and may be sparse, `status` likewise.
 */
const cellMap = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.record(z.string(), item)]);

const dataset = z.object({
  version: z.string().optional(),
  class: z.literal('dataset').optional(),
  id: z.array(z.string()).min(1),
  size: z.array(z.number().int().nonnegative()),
  dimension: z.record(
    z.string(),
    z.object({
      label: z.string().optional(),
      category: z.object({
        index: z
          .union([z.array(z.string()), z.record(z.string(), z.number().int().nonnegative())])
          .optional(),
        label: z.record(z.string(), z.string()).optional(),
      }),
    }),
  ),
  value: cellMap(z.number().nullable()),
  status: z.union([z.string(), cellMap(z.string().nullable())]).nullish(),
});

export interface JsonStatCell {
  /** Category code per dimension id. */
  coords: Record<string, string>;
  value: number | null;
  status: string;
}

export interface JsonStatDataset {
  ids: string[];
  categories: Record<string, { codes: string[]; labels: Record<string, string> }>;
  cells: JsonStatCell[];
}

/** Cells read from one table, and cells its size may span (a sparse value object spans many). */
export const MAX_JSON_STAT_CELLS = 500_000;
export const MAX_JSON_STAT_SPAN = 5_000_000;

function fail(message: string): never {
  throw new SourceParseError(`JSON-stat: ${message}`);
}

/** Parses a JSON-stat 2.0 dataset into cells; throws only SourceParseError. */
export function parseJsonStat(body: unknown): JsonStatDataset {
  const parsed = dataset.safeParse(body);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    fail(`oväntad form (${i ? `${i.path.join('.') || '(roten)'}: ${i.message}` : 'okänt fel'}).`);
  }
  const d = parsed.data;
  if (d.id.length !== d.size.length) fail('id och size har olika längd.');
  // Keyed by the source's dimension ids, which may be any string ("valueOf", "__proto__"): only
  // own properties count, and the map has no prototype to collide with.
  const categories: JsonStatDataset['categories'] = Object.create(null) as Record<
    string,
    { codes: string[]; labels: Record<string, string> }
  >;
  d.id.forEach((id, n) => {
    const dim = Object.hasOwn(d.dimension, id) ? d.dimension[id] : undefined;
    if (!dim) fail(`dimensionen ${id} saknas.`);
    const { index, label = {} } = dim.category;
    let codes: string[];
    if (Array.isArray(index)) codes = index;
    else if (index) {
      codes = [];
      for (const [code, pos] of Object.entries(index)) {
        if (pos >= d.size[n]! || codes[pos] !== undefined) fail(`ogiltigt index för ${id}.`);
        codes[pos] = code;
      }
    } else codes = Object.keys(label);
    if (codes.length !== d.size[n] || codes.some((c) => c === undefined)) {
      fail(`dimensionen ${id} har ${codes.length} kategorier men size säger ${d.size[n]}.`);
    }
    categories[id] = { codes, labels: label };
  });
  const total = d.size.reduce((a, b) => a * b, 1);
  if (total > MAX_JSON_STAT_SPAN) fail('för många celler.');
  const valueAt = (i: number): number | null | undefined =>
    Array.isArray(d.value) ? d.value[i] : d.value[String(i)];
  if (Array.isArray(d.value) && d.value.length !== total) {
    fail(`value har ${d.value.length} celler men ska ha ${total}.`);
  }
  const statusAt = (i: number): string => {
    const s = d.status;
    if (s == null) return '';
    if (typeof s === 'string') return s;
    return (Array.isArray(s) ? s[i] : s[String(i)]) ?? '';
  };
  const cells: JsonStatCell[] = [];
  for (let i = 0; i < total; i += 1) {
    const v = valueAt(i);
    const status = statusAt(i);
    if (v === undefined && status === '') continue;
    const coords: Record<string, string> = {};
    let rest = i;
    for (let n = d.id.length - 1; n >= 0; n -= 1) {
      const size = d.size[n]!;
      coords[d.id[n]!] = categories[d.id[n]!]!.codes[rest % size]!;
      rest = Math.floor(rest / size);
    }
    if (cells.length >= MAX_JSON_STAT_CELLS)
      fail(`fler än ${MAX_JSON_STAT_CELLS} celler med värden.`);
    cells.push({ coords, value: v ?? null, status });
  }
  return { ids: d.id, categories, cells };
}

/** SCB region codes to our place codes: "00" → "0000", "08" → "0008", municipalities as they are. */
export function scbRegionToPlace(code: string): string {
  if (/^\d{2}$/.test(code)) return `00${code}`;
  return code;
}

const genders: Record<string, ParsedRow['gender']> = { '1': 'M', '2': 'K', '1+2': 'T' };

export interface ScbMapping {
  regionDimension?: string;
  timeDimension?: string;
  genderDimension?: string;
  /** Which ContentsCode to keep when the table carries several measures. */
  contentsCode?: string;
}

/** Maps SCB cells to rows; every other dimension must be fixed to one category. */
export function scbCellsToRows(data: JsonStatDataset, mapping: ScbMapping = {}): ParsedRow[] {
  const region = mapping.regionDimension ?? 'Region';
  const time = mapping.timeDimension ?? 'Tid';
  const kon = mapping.genderDimension ?? 'Kon';
  if (!data.categories[region]) fail(`dimensionen ${region} saknas.`);
  if (!data.categories[time]) fail(`dimensionen ${time} saknas.`);
  for (const id of data.ids) {
    if ([region, time, kon].includes(id)) continue;
    if (id === 'ContentsCode' && mapping.contentsCode) continue;
    if (data.categories[id]!.codes.length !== 1) {
      fail(`dimensionen ${id} har flera värden; välj ett.`);
    }
  }
  const rows: ParsedRow[] = [];
  for (const cell of data.cells) {
    if (mapping.contentsCode && cell.coords.ContentsCode !== mapping.contentsCode) continue;
    const year = cell.coords[time]!;
    if (!/^\d{4}$/.test(year)) fail(`perioden ${year} är inte ett år.`);
    const g = cell.coords[kon] === undefined ? 'T' : genders[cell.coords[kon]];
    if (!g) fail(`okänt kön ${cell.coords[kon]}.`);
    const value = cell.value;
    const status = cell.status.trim();
    rows.push({
      placeCode: scbRegionToPlace(cell.coords[region]!),
      period: Number(year),
      gender: g,
      value,
      status: value === null && status === '' ? 'Missing' : status,
    });
  }
  return rows;
}
