import { wordDiff, type DiffPart } from '../text/wordDiff.js';
import type { InitiativeDraft, InitiativeDraftInput } from './initiativeSchema.js';

/** The fields of an initiative in the order the form and the history show them. */
export const initiativeFields = [
  'title',
  'summary',
  'description',
  'titleEn',
  'summaryEn',
  'descriptionEn',
  'status',
  'startDate',
  'endDate',
  'ownerOrganisationId',
  'partners',
  'funding',
  'placeCodes',
  'goalIds',
  'perspectiveIds',
  'sdgTargetCodes',
  'measureIds',
  'diarienummer',
  'contactEmail',
  'exampleOfYear',
  'isDemo',
] as const satisfies readonly (keyof InitiativeDraft)[];

export type InitiativeField = (typeof initiativeFields)[number];

const longTexts = new Set<InitiativeField>([
  'summary',
  'description',
  'summaryEn',
  'descriptionEn',
]);
const lists = new Set<InitiativeField>([
  'partners',
  'funding',
  'placeCodes',
  'goalIds',
  'perspectiveIds',
  'sdgTargetCodes',
  'measureIds',
]);

/** Turns stored values (ids, codes) into words a reader knows; the web layer supplies names. */
export interface ValueNames {
  organisation(id: number): string;
  goal(id: number): string;
  perspective(id: number): string;
  place(code: string): string;
  measure(id: number): string;
  status(status: string): string;
  role(role: string): string;
  source(source: string): string;
  yes: string;
  no: string;
}

type Partial = Partial_<InitiativeDraftInput>;
type Partial_<T> = { [K in keyof T]?: T[K] | null };

/** One field as text (single values) or a list of texts (lists), for showing and comparing. */
export function fieldValue(d: Partial, field: InitiativeField, n: ValueNames): string | string[] {
  const arr = <T>(x: T[] | null | undefined): T[] => (Array.isArray(x) ? x : []);
  const money = (x: number) => `${new Intl.NumberFormat('sv-SE').format(x)} kr`;
  switch (field) {
    case 'ownerOrganisationId':
      return d.ownerOrganisationId ? n.organisation(Number(d.ownerOrganisationId)) : '';
    case 'status':
      return d.status ? n.status(d.status) : '';
    case 'isDemo':
      return d.isDemo ? n.yes : n.no;
    case 'partners':
      return arr(d.partners).map((p) => `${n.organisation(p.organisationId)} (${n.role(p.role)})`);
    case 'funding':
      return arr(d.funding).map(
        (f) =>
          `${n.source(f.source)}, ${money(f.amountSek)}, ${f.year}` +
          (f.funderOrganisationId ? `, ${n.organisation(f.funderOrganisationId)}` : ''),
      );
    case 'placeCodes':
      return arr(d.placeCodes).map((c) => n.place(c));
    case 'goalIds':
      return arr(d.goalIds).map((id) => n.goal(Number(id)));
    case 'perspectiveIds':
      return arr(d.perspectiveIds).map((id) => n.perspective(Number(id)));
    case 'measureIds':
      return arr(d.measureIds).map((id) => n.measure(Number(id)));
    case 'sdgTargetCodes':
      return arr(d.sdgTargetCodes).map(String);
    default: {
      const v = d[field];
      return v == null ? '' : String(v);
    }
  }
}

export type FieldChange =
  | { field: InitiativeField; kind: 'value'; before: string; after: string }
  | { field: InitiativeField; kind: 'list'; added: string[]; removed: string[] }
  | { field: InitiativeField; kind: 'text'; parts: DiffPart[] };

/**
 * The field-by-field difference between two states of an initiative: single values as before
 * and after, lists as added and removed items, long texts as a word diff (`wordDiff`, the one
 * the strategy comparison uses too). With no earlier state, every filled field counts as added.
 */
export function diffInitiatives(
  before: Partial | null,
  after: Partial,
  n: ValueNames,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of initiativeFields) {
    const a = before ? fieldValue(before, field, n) : lists.has(field) ? [] : '';
    const b = fieldValue(after, field, n);
    if (Array.isArray(a) || Array.isArray(b)) {
      const aa = Array.isArray(a) ? a : [];
      const bb = Array.isArray(b) ? b : [];
      const added = bb.filter((x) => !aa.includes(x));
      const removed = aa.filter((x) => !bb.includes(x));
      if (added.length || removed.length) changes.push({ field, kind: 'list', added, removed });
    } else if (a !== b) {
      changes.push(
        longTexts.has(field)
          ? { field, kind: 'text', parts: wordDiff(a, b) }
          : { field, kind: 'value', before: a, after: b },
      );
    }
  }
  return changes;
}

/** The fields whose values differ, for comparing two versions of the same form. */
export function differingFields(a: Partial, b: Partial, n: ValueNames): InitiativeField[] {
  return initiativeFields.filter((f) => {
    const x = fieldValue(a, f, n);
    const y = fieldValue(b, f, n);
    return Array.isArray(x) && Array.isArray(y)
      ? x.length !== y.length || [...x].sort().join('\n') !== [...y].sort().join('\n')
      : x !== y;
  });
}
