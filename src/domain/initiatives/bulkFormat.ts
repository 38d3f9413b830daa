import {
  fundingSources,
  partnerRoles,
  type InitiativeDraft,
  type InitiativeDraftInput,
} from './initiativeSchema.js';

/**
 * The columns of the bulk file (CSV or XLSX), in order. `owner_name` and `workflow_state` are
 * written for reading and ignored on import. Lists are written with `|` between the values.
 */
export const bulkColumns = [
  'id',
  'version',
  'title',
  'summary',
  'description',
  'title_en',
  'summary_en',
  'description_en',
  'status',
  'start_date',
  'end_date',
  'owner_organisation_id',
  'owner_name',
  'partners',
  'funding',
  'places',
  'goals',
  'perspectives',
  'sdg_targets',
  'measures',
  'diarienummer',
  'contact_email',
  'example_of_year',
  'workflow_state',
] as const;

export type BulkColumn = (typeof bulkColumns)[number];

/** Columns a new row needs; an update keeps the stored value of a column left out of the file. */
export const requiredColumns: readonly BulkColumn[] = ['title', 'summary', 'status', 'start_date'];

/** Where a form field's problem is shown in the file. */
export const fieldColumns: Record<string, BulkColumn> = {
  title: 'title',
  summary: 'summary',
  description: 'description',
  titleEn: 'title_en',
  summaryEn: 'summary_en',
  descriptionEn: 'description_en',
  status: 'status',
  startDate: 'start_date',
  endDate: 'end_date',
  ownerOrganisationId: 'owner_organisation_id',
  partners: 'partners',
  funding: 'funding',
  placeCodes: 'places',
  goalIds: 'goals',
  perspectiveIds: 'perspectives',
  sdgTargetCodes: 'sdg_targets',
  measureIds: 'measures',
  diarienummer: 'diarienummer',
  contactEmail: 'contact_email',
  exampleOfYear: 'example_of_year',
  expectedVersion: 'version',
  strategyId: 'id',
};

export const columnOfField = (field: string): string => fieldColumns[field.split('.')[0]!] ?? field;

/** Codes the file uses instead of ids for goals and perspectives. */
export interface BulkCodes {
  goalCode(id: number): string;
  goalId(code: string): number | undefined;
  perspectiveSlug(id: number): string;
  perspectiveId(slug: string): number | undefined;
  organisationName(id: number): string;
}

const list = (xs: (string | number)[]) => xs.join('|');

/** One initiative as a row of the file. */
export function toBulkRow(
  d: InitiativeDraft,
  meta: { id: number; version: number; workflowState: string },
  codes: BulkCodes,
): (string | number | null)[] {
  const cells: Record<BulkColumn, string | number | null> = {
    id: meta.id,
    version: meta.version,
    title: d.title,
    summary: d.summary,
    description: d.description,
    title_en: d.titleEn,
    summary_en: d.summaryEn,
    description_en: d.descriptionEn,
    status: d.status,
    start_date: d.startDate,
    end_date: d.endDate,
    owner_organisation_id: d.ownerOrganisationId,
    owner_name: codes.organisationName(d.ownerOrganisationId),
    partners: list(d.partners.map((p) => `${p.organisationId}:${p.role}`)),
    funding: list(
      d.funding.map((f) =>
        [
          f.source,
          f.amountSek,
          f.year,
          ...(f.funderOrganisationId ? [f.funderOrganisationId] : []),
        ].join(':'),
      ),
    ),
    places: list(d.placeCodes),
    goals: list(d.goalIds.map((id) => codes.goalCode(id))),
    perspectives: list(d.perspectiveIds.map((id) => codes.perspectiveSlug(id))),
    sdg_targets: list(d.sdgTargetCodes),
    measures: list(d.measureIds),
    diarienummer: d.diarienummer,
    contact_email: d.contactEmail,
    example_of_year: d.exampleOfYear,
    workflow_state: meta.workflowState,
  };
  return bulkColumns.map((c) => cells[c]);
}

export interface CellIssue {
  column: BulkColumn;
  message: string;
}

const split = (s: string) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

/** Excel may turn an ISO date into a day number; this turns it back (1900 date system). */
function isoDate(s: string): string {
  const t = s.trim();
  if (/^\d{5}(\.0+)?$/.test(t)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  return t;
}

const integer = (s: string): number => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/**
 * Reads the cells of one row over a base (the stored initiative for an update, empty for a new
 * one): columns present in the file replace the base's values. Cells that cannot be read
 * become issues; the values are then checked by the form's schema.
 */
export function fromBulkRow(
  cell: (c: BulkColumn) => string | undefined,
  base: InitiativeDraftInput,
  codes: BulkCodes,
): { input: InitiativeDraftInput; issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const input: InitiativeDraftInput = { ...base };
  /** A whole number, or an issue naming what was expected (and 0, which the schema refuses). */
  const whole = (column: BulkColumn, s: string, what: string): number => {
    const n = integer(s);
    if (Number.isNaN(n)) {
      issues.push({ column, message: `${what} måste vara ett heltal, inte "${s}".` });
      return 0;
    }
    return n;
  };
  const text = (c: BulkColumn, set: (v: string) => void) => {
    const v = cell(c);
    if (v !== undefined) set(v.trim());
  };
  text('title', (v) => (input.title = v));
  text('summary', (v) => (input.summary = v));
  text('description', (v) => (input.description = v));
  text('title_en', (v) => (input.titleEn = v || null));
  text('summary_en', (v) => (input.summaryEn = v || null));
  text('description_en', (v) => (input.descriptionEn = v || null));
  text('status', (v) => (input.status = v as InitiativeDraftInput['status']));
  text('start_date', (v) => (input.startDate = isoDate(v)));
  text('end_date', (v) => (input.endDate = v ? isoDate(v) : null));
  text(
    'owner_organisation_id',
    (v) =>
      (input.ownerOrganisationId = v ? whole('owner_organisation_id', v, 'Organisationens id') : 0),
  );
  text('diarienummer', (v) => (input.diarienummer = v || null));
  text('contact_email', (v) => (input.contactEmail = v || null));
  text(
    'example_of_year',
    (v) => (input.exampleOfYear = v ? whole('example_of_year', v, 'Året') : null),
  );
  text('partners', (v) => {
    input.partners = split(v).map((p) => {
      const [org, role = 'partner'] = p.split(':').map((x) => x.trim());
      if (!(partnerRoles as readonly string[]).includes(role)) {
        issues.push({
          column: 'partners',
          message: `Okänd roll "${role}". Använd ${partnerRoles.join(', ')}.`,
        });
      }
      return {
        organisationId: whole('partners', org ?? '', 'Organisationens id'),
        role: role as (typeof partnerRoles)[number],
      };
    });
  });
  text('funding', (v) => {
    input.funding = split(v).map((f) => {
      const [source = '', amount = '', year = '', funder = ''] = f.split(':').map((x) => x.trim());
      if (!(fundingSources as readonly string[]).includes(source)) {
        issues.push({
          column: 'funding',
          message: `Okänd finansieringskälla "${source}". Använd ${fundingSources.join(', ')}.`,
        });
      }
      return {
        source: source as (typeof fundingSources)[number],
        amountSek: whole('funding', amount.replace(/[\s ]/g, ''), 'Beloppet'),
        year: whole('funding', year, 'Året'),
        funderOrganisationId: funder ? whole('funding', funder, 'Finansiärens id') : null,
      };
    });
  });
  text('places', (v) => (input.placeCodes = split(v)));
  text('goals', (v) => {
    input.goalIds = split(v).flatMap((code) => {
      const id = codes.goalId(code);
      if (id === undefined) issues.push({ column: 'goals', message: `Okänt mål "${code}".` });
      return id === undefined ? [] : [id];
    });
  });
  text('perspectives', (v) => {
    input.perspectiveIds = split(v).flatMap((slug) => {
      const id = codes.perspectiveId(slug);
      if (id === undefined)
        issues.push({ column: 'perspectives', message: `Okänt perspektiv "${slug}".` });
      return id === undefined ? [] : [id];
    });
  });
  text('sdg_targets', (v) => (input.sdgTargetCodes = split(v)));
  text(
    'measures',
    (v) => (input.measureIds = split(v).map((m) => whole('measures', m, 'Åtgärdens id'))),
  );
  return { input, issues };
}
