import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { countyCode } from '../../region/activeRegion.js';
import {
  indicatorSelect,
  toDetail,
  type IndicatorDetail,
  type IndicatorRow,
} from './indicatorQueries.js';
import { COUNTRY } from './indicatorStatus.js';
import type { YearValue } from './progressStatus.js';

/** One indicator of the current strategy read for one place, beside the county and riket. */
export interface PlaceIndicator {
  indicator: IndicatorDetail;
  /** The place's own totals, oldest first (empty when the source has none for it). */
  place: YearValue[];
  county: YearValue[];
  country: YearValue[];
}

/**
 * Every published indicator of the current strategy, in the strategy's order, with the totals
 * (gender T) of the place, the own county and riket. For the county itself `place` and `county`
 * are the same series.
 */
export async function placeIndicators(db: Db, placeCode: string): Promise<PlaceIndicator[]> {
  const rows = await queryRows<IndicatorRow>(
    db,
    sql`${indicatorSelect} where s.is_current order by a.position, g.position, i.id`,
  );
  if (rows.length === 0) return [];
  const county = countyCode();
  const codes = [...new Set([placeCode, county, COUNTRY])];
  const points = await queryRows<{
    indicatorId: number;
    placeCode: string;
    year: number;
    value: number;
  }>(
    db,
    sql`select indicator_id as "indicatorId", place_code as "placeCode", period as year, value
      from observations
      where gender = 'T' and value is not null
        and place_code in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})
        and indicator_id in (${sql.join(
          rows.map((r) => sql`${r.id}`),
          sql`, `,
        )})
      order by period`,
  );
  const byKey = new Map<string, YearValue[]>();
  for (const p of points) {
    const key = `${p.indicatorId}:${p.placeCode}`;
    const list = byKey.get(key) ?? [];
    list.push({ year: p.year, value: p.value });
    byKey.set(key, list);
  }
  const get = (id: number, code: string) => byKey.get(`${id}:${code}`) ?? [];
  return rows.map((r) => ({
    indicator: toDetail(r),
    place: get(r.id, placeCode),
    county: get(r.id, county),
    country: get(r.id, COUNTRY),
  }));
}
