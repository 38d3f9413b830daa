import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { moneyByPlace } from '../evaluation/moneyTotals.js';

export interface PlaceSummary {
  code: string;
  kind: 'riket' | 'region' | 'kommun';
  nameSv: string;
  nameEn: string;
  initiativeCount: number;
  fundingSek: number;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
}

/**
 * The region and its municipalities with counts of published initiatives and their money by the
 * money rule (moneyTotals.ts).
 */
export async function placeSummaries(db: Db): Promise<PlaceSummary[]> {
  const [rows, money] = await Promise.all([
    queryRows<Omit<PlaceSummary, 'fundingSek'>>(
      db,
      sql`select p.code, p.kind::text as kind, p.name_sv as "nameSv", p.name_en as "nameEn", p.geometry,
      (select count(*)::int from initiative_places ip join initiatives i on i.id = ip.initiative_id
        where ip.place_code = p.code and i.workflow_state = 'publicerad') as "initiativeCount"
    from places p where p.kind in ('region', 'kommun') and not p.comparison order by p.kind, p.name_sv`,
    ),
    moneyByPlace(db),
  ]);
  return rows.map((r) => ({ ...r, fundingSek: money.get(r.code) ?? 0 }));
}
