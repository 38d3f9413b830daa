import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows, sqlList } from '../../db/rows.js';
import { NotFoundError } from '../errors.js';

export interface ProgrammeSummary {
  id: number;
  slug: string;
  nameSv: string;
  nameEn: string;
  descriptionSv: string;
  descriptionEn: string;
  periodStart: number;
  periodEnd: number;
  isDemo: boolean;
  ownerName: string | null;
  goalAreas: { slug: string; nameSv: string; nameEn: string }[];
  measureCount: number;
  initiativeCount: number;
}

const summarySql = (where: ReturnType<typeof sql>) => sql`
  select ap.id, ap.slug, ap.name_sv as "nameSv", ap.name_en as "nameEn", ap.description_sv as "descriptionSv",
    ap.description_en as "descriptionEn", ap.period_start as "periodStart", ap.period_end as "periodEnd", ap.is_demo as "isDemo", o.name as "ownerName",
    coalesce((select json_agg(json_build_object('slug', ga.slug, 'nameSv', ga.name_sv, 'nameEn', ga.name_en) order by ga.position)
      from action_programme_goal_areas apg join goal_areas ga on ga.id = apg.goal_area_id where apg.programme_id = ap.id), '[]') as "goalAreas",
    (select count(*)::int from measures m where m.programme_id = ap.id) as "measureCount",
    (select count(distinct im.initiative_id)::int from measures m join initiative_measures im on im.measure_id = m.id
      join initiatives i on i.id = im.initiative_id and i.workflow_state = 'publicerad' where m.programme_id = ap.id) as "initiativeCount"
  from action_programmes ap join strategies s on s.id = ap.strategy_id and s.is_current
  left join organisations o on o.id = ap.owner_organisation_id
  ${where} order by ap.name_sv`;

export function programmeSummaries(db: Db): Promise<ProgrammeSummary[]> {
  return queryRows<ProgrammeSummary>(db, summarySql(sql``));
}

export interface MeasureWithInitiatives {
  id: number;
  code: string;
  nameSv: string;
  nameEn: string;
  descriptionSv: string;
  initiatives: {
    id: number;
    title: string;
    titleEn: string | null;
    status: string;
    isDemo: boolean;
  }[];
}

export async function programmeDetail(db: Db, slug: string) {
  const [programme] = await queryRows<ProgrammeSummary>(
    db,
    summarySql(sql`where ap.slug = ${slug}`),
  );
  if (!programme) throw new NotFoundError('Handlingsprogrammet finns inte.');
  const measureRows = await queryRows<MeasureWithInitiatives>(
    db,
    sql`select m.id, m.code, m.name_sv as "nameSv", m.name_en as "nameEn", m.description_sv as "descriptionSv",
      coalesce((select json_agg(json_build_object('id', i.id, 'title', i.title, 'titleEn', i.title_en, 'status', i.status, 'isDemo', i.is_demo) order by i.start_date desc)
        from initiative_measures im join initiatives i on i.id = im.initiative_id
        where im.measure_id = m.id and i.workflow_state = 'publicerad'), '[]') as initiatives
    from measures m where m.programme_id = ${programme.id} order by m.code`,
  );
  return { programme, measures: measureRows };
}

const measureColumns = sql`m.code, m.name_sv as "nameSv", m.name_en as "nameEn", ap.slug as "programmeSlug",
      ap.name_sv as "programmeNameSv", ap.name_en as "programmeNameEn"`;

export interface InitiativeMeasure {
  code: string;
  nameSv: string;
  nameEn: string;
  programmeSlug: string;
  programmeNameSv: string;
  programmeNameEn: string;
}

/** The measures an initiative carries out, with their programmes. */
export function measuresOfInitiative(db: Db, initiativeId: number) {
  return queryRows<InitiativeMeasure>(
    db,
    sql`select ${measureColumns}
    from initiative_measures im join measures m on m.id = im.measure_id join action_programmes ap on ap.id = m.programme_id
    where im.initiative_id = ${initiativeId} order by ap.name_sv, m.code`,
  );
}

/** Measures by id with their programmes, in the order of `measuresOfInitiative` (a preview's). */
export async function measuresById(db: Db, ids: number[]): Promise<InitiativeMeasure[]> {
  if (ids.length === 0) return [];
  return queryRows<InitiativeMeasure>(
    db,
    sql`select ${measureColumns}
    from measures m join action_programmes ap on ap.id = m.programme_id
    where m.id in ${sqlList(ids)} order by ap.name_sv, m.code`,
  );
}
