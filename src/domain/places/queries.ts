import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

export interface PlaceSummary {
  code: string;
  kind: 'riket' | 'region' | 'kommun';
  nameSv: string;
  nameEn: string;
  initiativeCount: number;
  fundingSek: number;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
}

/** The region and its municipalities with counts of published initiatives and their money. */
export async function placeSummaries(db: Db): Promise<PlaceSummary[]> {
  return queryRows<PlaceSummary>(
    db,
    sql`select p.code, p.kind::text as kind, p.name_sv as "nameSv", p.name_en as "nameEn", p.geometry,
      (select count(*)::int from initiative_places ip join initiatives i on i.id = ip.initiative_id
        where ip.place_code = p.code and i.workflow_state = 'publicerad') as "initiativeCount",
      coalesce((select sum(f.amount_sek) from funding_lines f join initiatives i on i.id = f.initiative_id
        where i.workflow_state = 'publicerad' and f.initiative_id in (select initiative_id from initiative_places where place_code = p.code)), 0)::float8 as "fundingSek"
    from places p where p.kind in ('region', 'kommun') and not p.comparison order by p.kind, p.name_sv`,
  );
}
