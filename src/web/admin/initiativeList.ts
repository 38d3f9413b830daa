import type { FastifyRequest } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern, queryRows, sqlList } from '../../db/rows.js';
import { isCurator } from '../../domain/actors/policies.js';
import type { Actor } from '../../domain/context.js';
import type { WorkflowState } from '../../domain/initiatives/workflow.js';
import type { Locale } from '../i18n/index.js';
import { queryParam } from './adminRouteKit.js';

export const INITIATIVE_LIST_PAGE_SIZE = 25;

const states: readonly WorkflowState[] = [
  'utkast',
  'inskickad',
  'returnerad',
  'publicerad',
  'arkiverad',
];
export const listStates = [...states, 'vantar'] as const;
export type ListState = (typeof listStates)[number];
export const listSorts = ['andrad', 'namn', 'organisation', 'lage'] as const;
export type ListSort = (typeof listSorts)[number];

/** What the coordinator asked the list for; every part optional, unknown values ignored. */
export interface InitiativeListQuery {
  q: string;
  state: ListState | '';
  organisationId: number | null;
  goalAreaId: number | null;
  placeCode: string;
  sort: ListSort;
  page: number;
}

const idOf = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);
const oneOf = <T extends string>(values: readonly T[], v: string): T | undefined =>
  values.find((x) => x === v);

export function readListQuery(req: FastifyRequest): InitiativeListQuery {
  const page = Number(queryParam(req, 'sida', 6));
  return {
    q: queryParam(req, 'q', 200).trim(),
    state: oneOf(listStates, queryParam(req, 'lage', 20)) ?? '',
    organisationId: idOf(queryParam(req, 'organisation', 10)),
    goalAreaId: idOf(queryParam(req, 'malomrade', 10)),
    placeCode: /^\d{2,4}$/.test(queryParam(req, 'plats', 4)) ? queryParam(req, 'plats', 4) : '',
    sort: oneOf(listSorts, queryParam(req, 'sortering', 20)) ?? 'andrad',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

/** The query string of a list query, without its defaults; `page` replaces the page. */
export function listQueryString(q: InitiativeListQuery, page = q.page): string {
  const s = new URLSearchParams();
  if (q.q) s.set('q', q.q);
  if (q.state) s.set('lage', q.state);
  if (q.organisationId !== null) s.set('organisation', String(q.organisationId));
  if (q.goalAreaId !== null) s.set('malomrade', String(q.goalAreaId));
  if (q.placeCode) s.set('plats', q.placeCode);
  if (q.sort !== 'andrad') s.set('sortering', q.sort);
  if (page > 1) s.set('sida', String(page));
  return s.toString();
}

export interface InitiativeListRow {
  id: number;
  title: string;
  workflowState: WorkflowState;
  pendingState: WorkflowState | null;
  ownerName: string;
  updatedAt: string;
}

/** Which initiatives the actor may list: every one for curators, their organisations' otherwise. */
function scope(actor: Actor): SQL | null {
  if (isCurator(actor)) return sql`true`;
  const own = actor.kind === 'user' ? actor.organisationIds : [];
  if (own.length === 0) return null;
  return sql`i.owner_organisation_id in ${sqlList(own)}`;
}

/** "Waiting for me": for curators what waits for review, for members what was returned to them. */
const waiting = (actor: Actor) =>
  isCurator(actor)
    ? sql`(i.workflow_state = 'inskickad' or i.pending_state = 'inskickad')`
    : sql`(i.workflow_state = 'returnerad' or i.pending_state = 'returnerad')`;

function conditions(actor: Actor, q: InitiativeListQuery, visible: SQL): SQL {
  const parts: SQL[] = [visible];
  if (q.q) {
    parts.push(
      sql`(i.title ilike ${containsPattern(q.q)} or o.name ilike ${containsPattern(q.q)})`,
    );
  }
  if (q.state === 'vantar') parts.push(waiting(actor));
  else if (q.state) {
    parts.push(sql`(i.workflow_state = ${q.state} or i.pending_state = ${q.state})`);
  }
  if (q.organisationId !== null) parts.push(sql`i.owner_organisation_id = ${q.organisationId}`);
  if (q.goalAreaId !== null) {
    parts.push(sql`exists (select 1 from initiative_goals ig join goals g on g.id = ig.goal_id
      where ig.initiative_id = i.id and g.goal_area_id = ${q.goalAreaId})`);
  }
  if (q.placeCode) {
    parts.push(sql`exists (select 1 from initiative_places ip
      where ip.initiative_id = i.id and ip.place_code = ${q.placeCode})`);
  }
  return sql.join(parts, sql` and `);
}

const orderBy: Record<ListSort, SQL> = {
  andrad: sql`i.updated_at desc, i.id desc`,
  namn: sql`lower(i.title), i.id`,
  organisation: sql`lower(o.name), lower(i.title), i.id`,
  lage: sql`array_position(array['inskickad','returnerad','utkast','publicerad','arkiverad'], coalesce(i.pending_state, i.workflow_state)::text), i.updated_at desc, i.id desc`,
};

export interface ListChoice {
  value: string;
  label: string;
}

/**
 * One page of the actor's initiatives for the query, how many match, and the organisations,
 * goal areas and places the actor's initiatives have, for the filters.
 */
export async function initiativeList(db: Db, actor: Actor, q: InitiativeListQuery, locale: Locale) {
  const visible = scope(actor);
  if (!visible) {
    const none: ListChoice[] = [];
    return { rows: [], total: 0, organisations: none, goalAreas: none, places: none };
  }
  const where = conditions(actor, q, visible);
  const from = sql`from initiatives i join organisations o on o.id = i.owner_organisation_id`;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n ${from} where ${where}`,
  );
  const rows = await queryRows<InitiativeListRow>(
    db,
    sql`select i.id, i.title, i.workflow_state as "workflowState", i.pending_state as "pendingState",
          o.name as "ownerName", to_char(i.updated_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD') as "updatedAt"
        ${from} where ${where}
        order by ${orderBy[q.sort]}
        limit ${INITIATIVE_LIST_PAGE_SIZE} offset ${(q.page - 1) * INITIATIVE_LIST_PAGE_SIZE}`,
  );
  const name = sql.raw(
    locale === 'en' ? "coalesce(nullif(x.name_en, ''), x.name_sv)" : 'x.name_sv',
  );
  const organisations = await queryRows<ListChoice>(
    db,
    sql`select distinct o.id::text as value, o.name as label ${from} where ${visible} order by 2`,
  );
  const goalAreas = await queryRows<ListChoice>(
    db,
    sql`select distinct x.id::text as value, ${name} as label, x.position
        from initiatives i join initiative_goals ig on ig.initiative_id = i.id
        join goals g on g.id = ig.goal_id join goal_areas x on x.id = g.goal_area_id
        where ${visible} order by x.position, 2`,
  );
  const places = await queryRows<ListChoice>(
    db,
    sql`select distinct x.code as value, ${name} as label
        from initiatives i join initiative_places ip on ip.initiative_id = i.id
        join places x on x.code = ip.place_code
        where ${visible} order by 2`,
  );
  return { rows, total: count?.n ?? 0, organisations, goalAreas, places };
}

export type InitiativeList = Awaited<ReturnType<typeof initiativeList>>;
