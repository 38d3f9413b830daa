import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.js';
import { inTransaction, type Ctx } from '../../domain/context.js';
import type { ParsedRow } from '../../domain/imports/parsedRow.js';
import { auditBatch, insertJson } from './sqlBatch.js';
import { random, title } from './text.js';

const genders = ['T', 'K', 'M'] as const;
const FIRST_YEAR = 1990;
const LAST_YEAR = 2025;

/**
 * Kolada-shaped rows (place, year, gender, value or a missing value with its status) for one
 * indicator: every place × year × gender until `count` rows, about 2 % missing.
 */
export function koladaShapedRows(places: string[], count: number, seed: number): ParsedRow[] {
  const rnd = random(seed);
  const rows: ParsedRow[] = [];
  for (let year = LAST_YEAR; rows.length < count; year--) {
    if (year < FIRST_YEAR) break;
    for (const placeCode of places) {
      const level = 50 + (Number(placeCode) % 97);
      for (const gender of genders) {
        if (rows.length >= count) break;
        const missing = rnd() < 0.02;
        rows.push({
          placeCode,
          period: year,
          gender,
          value: missing ? null : Math.round((level + rnd() * 20 + (year - FIRST_YEAR)) * 10) / 10,
          status: missing ? 'Missing' : '',
        });
      }
    }
  }
  return rows;
}

/** Rows one indicator can hold within the synthetic years. */
export const rowsPerIndicator = (places: number) => places * (LAST_YEAR - FIRST_YEAR + 1) * 3;

/**
 * Loads about M synthetic observations for synthetic, demo-marked indicators, with multi-row
 * inserts, one transaction and one audit event per batch.
 */
export async function seedSyntheticObservations(
  ctx: Ctx,
  options: { observations: number; seed?: number; batchSize?: number },
): Promise<{ indicators: number; observations: number }> {
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 5000;
  const places = (
    await queryRows<{ code: string }>(
      ctx.db,
      sql`select code from places where not comparison or kind <> 'kommun' order by code`,
    )
  ).map((r) => r.code);
  const goalIds = (
    await queryRows<{ id: number }>(ctx.db, sql`select id from goals order by id`)
  ).map((r) => r.id);
  if (places.length === 0 || goalIds.length === 0)
    throw new Error('Platser och mål saknas: kör riktning seed först.');
  const perIndicator = rowsPerIndicator(places.length);
  const indicatorCount = Math.ceil(options.observations / perIndicator);
  const rnd = random(seed ^ 0x0b5);
  await insertJson(
    ctx.db,
    'indicators',
    {
      goal_id: 'int',
      slug: 'text',
      name_sv: 'text',
      name_en: 'text',
      unit: 'text',
      source: 'indicator_source',
      direction: 'indicator_direction',
      gender_split: 'boolean',
      is_demo: 'boolean',
    },
    Array.from({ length: indicatorCount }, (_, i) => {
      const name = title(rnd);
      return {
        goal_id: goalIds[i % goalIds.length],
        slug: `syntetisk-${seed}-${i + 1}`,
        name_sv: name,
        name_en: `Synthetic indicator ${i + 1}`,
        unit: 'antal',
        source: 'kolada',
        direction: i % 3 === 0 ? 'lower' : 'higher',
        gender_split: true,
        is_demo: true,
      };
    }),
    sql`on conflict (slug) do nothing`,
  );
  const indicatorIds = (
    await queryRows<{ id: number }>(
      ctx.db,
      sql`select id from indicators where slug like ${`syntetisk-${seed}-%`} order by id limit ${indicatorCount}`,
    )
  ).map((r) => r.id);
  let written = 0;
  for (const [i, indicatorId] of indicatorIds.entries()) {
    const want = Math.min(perIndicator, options.observations - i * perIndicator);
    const rows = koladaShapedRows(places, want, seed + indicatorId).map((r) => ({
      indicator_id: indicatorId,
      place_code: r.placeCode,
      period: r.period,
      gender: r.gender,
      value: r.value,
      status: r.status,
      source: 'kolada',
      is_demo: true,
    }));
    for (let b = 0; b < rows.length; b += batchSize) {
      const batch = rows.slice(b, b + batchSize);
      await inTransaction(ctx, async (tx) => {
        await insertJson(
          tx.db,
          'observations',
          {
            indicator_id: 'int',
            place_code: 'text',
            period: 'int',
            gender: 'gender',
            value: 'float8',
            status: 'text',
            source: 'text',
            is_demo: 'boolean',
          },
          batch,
          sql`on conflict (indicator_id, place_code, period, gender) do nothing`,
        );
        await auditBatch(tx, 'indicator', indicatorId, indicatorId, { seed, rows: batch.length });
      });
      written += batch.length;
    }
  }
  return { indicators: indicatorIds.length, observations: written };
}
