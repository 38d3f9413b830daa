// Kolada-shaped observation import through the shared writer, against a raw multi-row INSERT of
// the same rows into the same database.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { context, systemActor } from '../../dist/domain/context.js';
import { queryRows } from '../../dist/db/rows.js';
import { importObservations } from '../../dist/domain/imports/importObservations.js';
import { insertJson } from '../../dist/seed/synthetic/sqlBatch.js';
import {
  koladaShapedRows,
  rowsPerIndicator,
} from '../../dist/seed/synthetic/syntheticObservations.js';

async function indicatorsFor(db, prefix, count) {
  const [goal] = await queryRows(db, sql`select id from goals order by id limit 1`);
  await insertJson(
    db,
    'indicators',
    {
      goal_id: 'int',
      slug: 'text',
      name_sv: 'text',
      name_en: 'text',
      unit: 'text',
      source: 'indicator_source',
      direction: 'indicator_direction',
      is_demo: 'boolean',
    },
    Array.from({ length: count }, (_, i) => ({
      goal_id: goal.id,
      slug: `${prefix}-${i}`,
      name_sv: `Bench ${prefix} ${i}`,
      name_en: `Bench ${prefix} ${i}`,
      unit: 'antal',
      source: 'kolada',
      direction: 'higher',
      is_demo: true,
    })),
  );
  return (
    await queryRows(db, sql`select id from indicators where slug like ${`${prefix}-%`} order by id`)
  ).map((r) => r.id);
}

export async function benchImport(database, { rows }) {
  const db = database.db;
  const places = (await queryRows(db, sql`select code from places order by code`)).map(
    (r) => r.code,
  );
  const per = rowsPerIndicator(places.length);
  const count = Math.ceil(rows / per);
  const tag = `bench-${Date.now()}`;
  const writerIds = await indicatorsFor(db, `${tag}-w`, count + 1);
  const rawIds = await indicatorsFor(db, `${tag}-r`, count + 1);
  const shaped = (ids) =>
    ids.flatMap((id, i) =>
      koladaShapedRows(places, Math.min(per, rows - i * per), 42 + i).map((r) => ({
        ...r,
        indicatorId: id,
      })),
    );
  const ctx = context(db, systemActor('import'));
  const viaWriter = async (ids) => {
    const input = shaped(ids);
    const t = performance.now();
    const out = await importObservations(ctx, {
      source: 'kolada',
      params: { bench: true },
      rows: input,
    });
    if (!out.ok) throw new Error(`import rejected: ${JSON.stringify(out.issues.slice(0, 3))}`);
    return { rows: input.length, ms: performance.now() - t };
  };
  const viaInsert = async (ids) => {
    const input = shaped(ids).map((r) => ({
      indicator_id: r.indicatorId,
      place_code: r.placeCode,
      period: r.period,
      gender: r.gender,
      value: r.value,
      status: r.status,
      source: 'kolada',
    }));
    const t = performance.now();
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < input.length; i += 5000)
        await insertJson(
          tx,
          'observations',
          {
            indicator_id: 'int',
            place_code: 'text',
            period: 'int',
            gender: 'gender',
            value: 'float8',
            status: 'text',
            source: 'text',
          },
          input.slice(i, i + 5000),
        );
    });
    return { rows: input.length, ms: performance.now() - t };
  };
  // Warm both paths on one indicator each, then measure on the others.
  await viaWriter(writerIds.slice(0, 1));
  await viaInsert(rawIds.slice(0, 1));
  const writer = await viaWriter(writerIds.slice(1));
  const raw = await viaInsert(rawIds.slice(1));
  return {
    rows: writer.rows,
    writerPerSecond: (writer.rows / writer.ms) * 1000,
    rawPerSecond: (raw.rows / raw.ms) * 1000,
  };
}
