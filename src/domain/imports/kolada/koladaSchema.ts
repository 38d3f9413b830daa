import { z } from 'zod';
import { SourceParseError, type ParsedRow } from '../parsedRow.js';

/**
 * Kolada API v3 shapes, parsed defensively: `period` as a number or a string, `value` null with a
 * status such as "Missing", gender T/K/M, and the next page as `next_url` or the older `next_page`.
 */
const period = z.union([z.number().int(), z.string().regex(/^\d{4}$/)]).transform(Number);

const koladaValue = z.object({
  gender: z.enum(['T', 'K', 'M']),
  count: z.number().optional(),
  status: z.string().nullish(),
  value: z.number().finite().nullable().optional(),
});

const koladaDataRow = z.object({
  kpi: z.string(),
  municipality: z.string().regex(/^\d{4}$/),
  period,
  values: z.array(koladaValue),
});

const nextLink = z.string().nullish();

export const koladaDataPage = z.object({
  values: z.array(koladaDataRow),
  count: z.number().optional(),
  next_url: nextLink,
  next_page: nextLink,
});

export const koladaKpiPage = z.object({
  values: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string().nullish(),
      is_divided_by_gender: z.union([z.boolean(), z.number()]).optional(),
      municipality_type: z.string().nullish(),
      operating_area: z.string().nullish(),
      publication_date: z.string().nullish(),
      publ_period: z.string().nullish(),
    }),
  ),
  count: z.number().optional(),
});

export type KoladaDataPage = z.infer<typeof koladaDataPage>;
export type KoladaKpi = z.infer<typeof koladaKpiPage>['values'][number];

function describe(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(roten)'}: ${first.message}` : 'okänt fel';
}

/** Parses one page of data; throws only SourceParseError. */
export function parseKoladaDataPage(body: unknown): {
  rows: (ParsedRow & { kpi: string })[];
  next: string | null;
} {
  const parsed = koladaDataPage.safeParse(body);
  if (!parsed.success) {
    throw new SourceParseError(`Kolada svarade med oväntad form (${describe(parsed.error)}).`);
  }
  const rows = parsed.data.values.flatMap((r) =>
    r.values.map((v) => {
      const value = v.value ?? null;
      const status = (v.status ?? '').trim();
      return {
        kpi: r.kpi,
        placeCode: r.municipality,
        period: r.period,
        gender: v.gender,
        value,
        status: value === null && status === '' ? 'Missing' : status,
      };
    }),
  );
  return { rows, next: parsed.data.next_url || parsed.data.next_page || null };
}

export function parseKoladaKpiPage(body: unknown): KoladaKpi[] {
  const parsed = koladaKpiPage.safeParse(body);
  if (!parsed.success) {
    throw new SourceParseError(`Kolada svarade med oväntad form (${describe(parsed.error)}).`);
  }
  return parsed.data.values;
}
