import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows, sqlList } from '../../db/rows.js';
import type { AuditEntityType } from '../../domain/audit/vocabulary.js';
import type { Locale } from '../i18n/index.js';
import { ADMIN_BASE as CONSULTATIONS } from './consultationViews.js';
import { IMPORTS_PATH } from './importsViews.js';
import { INDICATORS_PATH } from './indicatorForm.js';
import { ORGS } from './organisationsViews.js';
import { STRATEGY_PATH } from './strategyViews.js';
import { USERS } from './usersViews.js';

/** A record the audit log names: its title as it reads now and, where it has one, its admin page. */
export interface AuditRecordName {
  title: string | null;
  href: string | null;
}

interface Source {
  /** `select id, title from … where id in (…)`, with the locale's title. */
  titles?: (ids: number[], locale: Locale) => SQL;
  page?: (id: number) => string;
}

/** The column of the locale's title; English falls back to Swedish where it is empty. */
const localised = (locale: Locale, svColumn: string, enColumn: string) =>
  sql.raw(locale === 'en' ? `coalesce(nullif(${enColumn}, ''), ${svColumn})` : svColumn);

const sources: Partial<Record<AuditEntityType, Source>> = {
  initiative: {
    titles: (ids) => sql`select id, title from initiatives where id in ${sqlList(ids)}`,
    page: (id) => `/admin/insatser/${id}`,
  },
  organisation: {
    titles: (ids) => sql`select id, name as title from organisations where id in ${sqlList(ids)}`,
    page: (id) => `${ORGS}/${id}`,
  },
  user: {
    titles: (ids) =>
      sql`select id, coalesce(nullif(name, ''), email) as title from users where id in ${sqlList(ids)}`,
    page: (id) => `${USERS}/${id}`,
  },
  indicator: {
    titles: (ids, l) =>
      sql`select id, ${localised(l, 'name_sv', 'name_en')} as title from indicators where id in ${sqlList(ids)}`,
    page: (id) => `${INDICATORS_PATH}/${id}`,
  },
  import_run: { page: (id) => `${IMPORTS_PATH}/${id}` },
  consultation: {
    titles: (ids, l) =>
      sql`select id, ${localised(l, 'title_sv', 'title_en')} as title from consultations where id in ${sqlList(ids)}`,
    page: (id) => `${CONSULTATIONS}/${id}`,
  },
  strategy: {
    titles: (ids, l) =>
      sql`select id, ${localised(l, 'name_sv', 'name_en')} as title from strategies where id in ${sqlList(ids)}`,
    page: (id) => `${STRATEGY_PATH}/${id}`,
  },
  evaluation: {
    titles: (ids) => sql`select id, title from evaluations where id in ${sqlList(ids)}`,
    page: (id) => `/admin/utvarderingar/${id}`,
  },
  follow_up_report: {
    titles: (ids) => sql`select id, title from follow_up_reports where id in ${sqlList(ids)}`,
  },
  reporting_period: {
    titles: (ids, l) =>
      sql`select id, ${localised(l, 'name_sv', 'name_en')} as title from reporting_periods where id in ${sqlList(ids)}`,
  },
  progress_report: {
    titles: (ids) =>
      sql`select r.id, i.title from progress_reports r join initiatives i on i.id = r.initiative_id where r.id in ${sqlList(ids)}`,
    page: (id) => `/admin/rapportering/granska/${id}`,
  },
  action_programme: {
    titles: (ids, l) =>
      sql`select id, ${localised(l, 'name_sv', 'name_en')} as title from action_programmes where id in ${sqlList(ids)}`,
  },
  api_token: {
    titles: (ids) => sql`select id, name as title from api_tokens where id in ${sqlList(ids)}`,
  },
};

const key = (type: string, id: string) => `${type}:${id}`;

/**
 * The names of the records on one page of the log, one query per kind of record present; a record
 * since deleted, or of a kind without a title, keeps only its page link (if any).
 */
export async function auditRecordNames(
  db: Db,
  locale: Locale,
  records: readonly { entityType: string; entityId: string }[],
): Promise<Map<string, AuditRecordName>> {
  const ids = new Map<string, Set<number>>();
  for (const r of records) {
    if (!/^\d{1,10}$/.test(r.entityId)) continue;
    const set = ids.get(r.entityType) ?? new Set<number>();
    set.add(Number(r.entityId));
    ids.set(r.entityType, set);
  }
  const names = new Map<string, AuditRecordName>();
  for (const [type, set] of ids) {
    const source = Object.hasOwn(sources, type) ? sources[type as AuditEntityType] : undefined;
    if (!source) continue;
    const list = [...set];
    const titles = source.titles
      ? await queryRows<{ id: number; title: string }>(db, source.titles(list, locale))
      : [];
    const byId = new Map(titles.map((t) => [Number(t.id), t.title]));
    for (const id of list) {
      names.set(key(type, String(id)), {
        title: byId.get(id) ?? null,
        href: source.page && (byId.has(id) || !source.titles) ? source.page(id) : null,
      });
    }
  }
  return names;
}

export const auditNameOf = (
  names: ReadonlyMap<string, AuditRecordName>,
  r: { entityType: string; entityId: string },
): AuditRecordName => names.get(key(r.entityType, r.entityId)) ?? { title: null, href: null };
