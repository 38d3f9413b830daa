import { z } from 'zod';
import { SourceParseError } from '../parsedRow.js';

/**
 * SCB's table catalogue in PxWebApi 2.0: `GET /tables?query=…` lists tables (`tables[]` with id,
 * label, description, updated, first and last period, variable names, and `page.totalElements`),
 * and `GET /tables/{id}/metadata` answers a JSON-stat 2.0 dataset without values whose
 * dimensions list every variable and value, with `extension.elimination` where a variable may be
 * left out, `role` naming the time, geo and metric variables, and units on the metric's category.
 */
const tableInfo = z.object({
  id: z.string().min(1).max(40),
  label: z.string().max(1000),
  description: z.string().max(4000).nullish(),
  updated: z.string().max(40).nullish(),
  firstPeriod: z.string().max(20).nullish(),
  lastPeriod: z.string().max(20).nullish(),
  variableNames: z.array(z.string().max(200)).max(50).optional(),
  discontinued: z.boolean().nullish(),
});

const tablesPage = z.object({
  tables: z.array(tableInfo).max(1000),
  page: z.object({ totalElements: z.number().int().nonnegative() }).optional(),
});

const unit = z.object({
  base: z.string().max(100).optional(),
  decimals: z.number().int().optional(),
});

const metadata = z.object({
  label: z.string().max(1000).optional(),
  updated: z.string().max(40).optional(),
  id: z.array(z.string().max(100)).min(1).max(50),
  dimension: z.record(
    z.string(),
    z.object({
      label: z.string().max(500).optional(),
      category: z.object({
        index: z
          .union([z.array(z.string()), z.record(z.string(), z.number().int().nonnegative())])
          .optional(),
        label: z.record(z.string(), z.string()).optional(),
        unit: z.record(z.string(), unit).optional(),
      }),
      extension: z.object({ elimination: z.boolean().optional() }).loose().optional(),
    }),
  ),
  role: z
    .object({
      time: z.array(z.string()).optional(),
      geo: z.array(z.string()).optional(),
      metric: z.array(z.string()).optional(),
    })
    .optional(),
});

/** Values one table's metadata may list in all (every municipality and year of a big table fits). */
export const MAX_METADATA_VALUES = 50_000;

export type ScbTable = z.infer<typeof tablesPage>['tables'][number];

export interface ScbVariable {
  code: string;
  label: string;
  role: 'time' | 'geo' | 'metric' | null;
  /** Whether the table may be asked without choosing a value of it. */
  eliminable: boolean;
  values: { code: string; label: string }[];
  /** Units of a metric's values: SCB's base unit and decimals. */
  units: Record<string, { base?: string; decimals?: number }>;
}

export interface ScbTableMetadata {
  id: string;
  label: string;
  updated: string | null;
  variables: ScbVariable[];
}

const problem = (error: z.ZodError) => {
  const i = error.issues[0];
  return i ? `${i.path.join('.') || '(roten)'}: ${i.message}` : 'okänt fel';
};

/** Parses one page of `/tables`; throws only SourceParseError. */
export function parseScbTables(body: unknown): { tables: ScbTable[]; total: number } {
  const parsed = tablesPage.safeParse(body);
  if (!parsed.success)
    throw new SourceParseError(`SCB:s tabellsökning: oväntad form (${problem(parsed.error)}).`);
  return {
    tables: parsed.data.tables,
    total: parsed.data.page?.totalElements ?? parsed.data.tables.length,
  };
}

/** Parses `/tables/{id}`, one table as the search lists it; throws only SourceParseError. */
export function parseScbTable(body: unknown): ScbTable {
  const parsed = tableInfo.safeParse(body);
  if (!parsed.success)
    throw new SourceParseError(`SCB:s tabell: oväntad form (${problem(parsed.error)}).`);
  return parsed.data;
}

/** Parses `/tables/{id}/metadata`; throws only SourceParseError. */
export function parseScbMetadata(tableId: string, body: unknown): ScbTableMetadata {
  const parsed = metadata.safeParse(body);
  if (!parsed.success)
    throw new SourceParseError(`SCB:s metadata: oväntad form (${problem(parsed.error)}).`);
  const d = parsed.data;
  const roleOf = (code: string): ScbVariable['role'] =>
    d.role?.time?.includes(code)
      ? 'time'
      : d.role?.geo?.includes(code)
        ? 'geo'
        : d.role?.metric?.includes(code)
          ? 'metric'
          : null;
  let count = 0;
  const variables = d.id.map((code): ScbVariable => {
    const dim = Object.hasOwn(d.dimension, code) ? d.dimension[code] : undefined;
    if (!dim) throw new SourceParseError(`SCB:s metadata: variabeln ${code} saknas.`);
    const { index, label = {}, unit: units = {} } = dim.category;
    const codes = Array.isArray(index)
      ? index
      : index
        ? Object.entries(index)
            .sort((a, b) => a[1] - b[1])
            .map(([c]) => c)
        : Object.keys(label);
    count += codes.length;
    if (count > MAX_METADATA_VALUES)
      throw new SourceParseError(`SCB:s metadata: fler än ${MAX_METADATA_VALUES} värden.`);
    return {
      code,
      label: dim.label ?? code,
      role: roleOf(code),
      eliminable: dim.extension?.elimination === true,
      values: codes.map((c) => ({ code: c, label: Object.hasOwn(label, c) ? label[c]! : c })),
      units,
    };
  });
  return { id: tableId, label: d.label ?? tableId, updated: d.updated ?? null, variables };
}
