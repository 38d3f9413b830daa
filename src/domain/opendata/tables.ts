import type { Db } from '../../db/client.js';
import { toXlsx } from '../../lib/xlsx.js';
import { presentInitiative } from '../initiatives/presentInitiative.js';
import type { CsvCell, CsvDelimiter } from './csv.js';
import { toCsv } from './csv.js';
import { fundingSourceNames } from './iati.js';
import {
  findPublishedInitiativeIds,
  loadPublishedInitiatives,
  type OpenInitiativeFilter,
} from './initiativeQueries.js';
import { koladaAttribution, licence, publisher } from './publisher.js';
import { findObservations, indicatorBySlug, type ObservationFilter } from './referenceQueries.js';

/**
 * A downloadable list, written once and serialised as CSV or XLSX (and into the bulk dump):
 * comment rows with source, licence and unit, a header row of snake_case names, then the rows.
 */
export interface Table {
  /** File name without extension. */
  name: string;
  comments: string[];
  header: string[];
  rows: CsvCell[][];
}

export const sourceComments = (base: string, extra: string[] = []) => [
  `Källa: ${publisher.name}, Riktning (${base}/)`,
  `Licens: ${licence.nameSv}, ${licence.uri}`,
  ...extra,
];

export async function initiativesTable(
  db: Db,
  filter: OpenInitiativeFilter,
  base: string,
): Promise<Table> {
  const { ids } = await findPublishedInitiativeIds(db, filter);
  const list = (await loadPublishedInitiatives(db, ids)).map(presentInitiative);
  return {
    name: 'insatser',
    comments: sourceComments(base, ['Belopp i kronor (SEK); datum ÅÅÅÅ-MM-DD']),
    header: [
      'id',
      'title',
      'summary',
      'status',
      'start_date',
      'end_date',
      'owner',
      'partners',
      'funding_total_sek',
      'funding_sources',
      'places',
      'goals',
      'perspectives',
      'sdg_targets',
      'diarienummer',
      'contact_email',
      'example_of_year',
      'is_demo',
      'url',
    ],
    rows: list.map((i) => [
      i.id,
      i.title,
      i.summary,
      i.status,
      i.start_date,
      i.end_date,
      i.owner.name,
      i.partners.map((p) => `${p.name} (${p.role})`).join(' | '),
      i.funding_total_sek,
      [...new Set(i.funding.map((f) => fundingSourceNames[f.source] ?? f.source))].join(' | '),
      i.places.map((p) => p.name).join(' | '),
      i.goals.map((g) => g.code).join(' | '),
      i.perspectives.map((p) => p.slug).join(' | '),
      i.sdg_targets.join(' | '),
      i.diarienummer,
      i.contact_email,
      i.example_of_year,
      i.is_demo,
      `${base}/insatser/${i.id}`,
    ]),
  };
}

export async function observationsTable(
  db: Db,
  slug: string,
  filter: ObservationFilter,
  base: string,
): Promise<Table> {
  const indicator = await indicatorBySlug(db, slug);
  const { rows } = await findObservations(db, indicator.indicator.id, filter);
  const i = indicator.indicator;
  return {
    name: `utfall-${i.slug}`,
    comments: sourceComments(base, [
      `Indikator: ${i.nameSv} (${i.unit})`,
      ...(i.source === 'kolada' ? [koladaAttribution] : []),
    ]),
    header: ['indicator', 'place_code', 'period', 'gender', 'value', 'status', 'source', 'is_demo'],
    rows: rows.map((o) => [
      i.slug,
      o.placeCode,
      o.period,
      o.gender,
      o.value,
      o.status,
      o.source,
      o.isDemo,
    ]),
  };
}

export const tableCsv = (t: Table, delimiter: CsvDelimiter = 'comma') =>
  toCsv({ delimiter, comments: t.comments, header: t.header, rows: t.rows });

const xlsxCell = (c: CsvCell) => (typeof c === 'boolean' ? (c ? 'true' : 'false') : c);

/**
 * The table as a workbook of one sheet: the comment rows (source, licence, unit) first, then
 * the header row, all bold. Cells are text or numbers only — no formulas are ever written.
 */
export function tableXlsx(t: Table, sheetName: string): Buffer {
  const rows = [...t.comments.map((c) => [c]), t.header, ...t.rows.map((r) => r.map(xlsxCell))];
  return toXlsx([{ name: sheetName, rows }], { headerRows: t.comments.length + 1 });
}
