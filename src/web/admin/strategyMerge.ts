import type { FastifyRequest } from 'fastify';
import type { ContentKind, EditMode } from '../../domain/drafting/content.js';
import { contentFieldsOf } from '../../domain/drafting/content.js';
import { detailsMergeSpec } from '../../domain/drafting/mergeContent.js';
import type { VersionContent } from '../../domain/drafting/queries.js';
import { pickFields, type MergeConflict, type PostedMerge } from '../../domain/merge/fieldMerge.js';
import type { SaveMergeResult } from '../../domain/drafting/mergeContent.js';
import { issue, type Issue } from '../../domain/result.js';
import { strategyEn } from '../i18n/strategy.en.js';
import { strategySv } from '../i18n/strategy.sv.js';
import { html, type SafeHtml } from '../html.js';
import type { StrategyMessages } from '../i18n/strategy.sv.js';
import { baseField, mergeChoicesBlock, mergeWords, readPostedMerge } from './fieldMerge.js';
import { translateIssues, type FormState } from './strategyFormParts.js';
import { adminLocale } from './locale.js';

/**
 * The merge of two editors' saves on the strategy pages: which fields each form merges by, the
 * hidden base of a form, and the choices shown when both changed the same field.
 */

/** The fields of a form: the draft's details, or a piece of content in the version's mode. */
export function strategyFormFields(kind: ContentKind | 'details', mode: EditMode): string[] {
  if (kind === 'details') return [...detailsMergeSpec.fields];
  return mode === 'none' ? [] : [...contentFieldsOf(kind, mode)];
}

/** What a form carries for the merge: the values it was read at, and a conflict to choose. */
export interface MergeState {
  base: Record<string, unknown>;
  conflict?: MergeConflict<string>;
}

/** The form's base again and, after a conflict, both values with a choice per field. */
export function strategyMergeExtra(p: {
  req: FastifyRequest;
  t: StrategyMessages;
  content: VersionContent;
  fields: string[];
  base: Record<string, unknown>;
  conflict?: MergeConflict<string>;
}): SafeHtml {
  const { t, content } = p;
  const locale = adminLocale(p.req);
  const named = (x: { nameSv: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameSv);
  const area = (id: unknown) => {
    const a = content.areas.find((x) => x.id === Number(id));
    return a ? named(a) : String(id);
  };
  const labels: Record<string, string> = {
    ...t.fieldNames,
    slug: t.slug,
    goalAreaId: t.goalArea,
    goalAreaIds: t.goalAreasLegend,
    programmeId: t.programme,
    periodStart: t.periodStart,
    periodEnd: t.periodEnd,
  };
  const show = (f: string, v: unknown): string => {
    if (v === undefined || v === null) return '';
    if (f === 'goalAreaId') return area(v);
    if (f === 'goalAreaIds') return ([] as unknown[]).concat(v).map(area).join(', ');
    if (f === 'programmeId') {
      const pr = content.programmes.find((x) => x.id === Number(v));
      return pr ? named(pr) : String(v as number);
    }
    return String(v as string);
  };
  return html`${baseField(pickFields({ fields: p.fields }, p.conflict?.theirs ?? p.base))}${
    p.conflict
      ? mergeChoicesBlock({
          locale,
          conflict: p.conflict,
          label: (f) => labels[f] ?? f,
          show,
        })
      : ''
  }`;
}

/** The form state of a post that left conflicting fields undecided: 409 with the choices again. */
export function undecidedState(
  req: FastifyRequest,
  values: Record<string, unknown>,
  missing: string[],
  posted: PostedMerge,
): { state: FormState; conflict: MergeConflict<string> } {
  const conflict = { fields: missing, theirs: posted.base, merged: values };
  const chooseEach = mergeWords(adminLocale(req)).chooseEach;
  return { state: { values, issues: [issue('conflicts', chooseEach, 'choice')] }, conflict };
}

const strategyMessages = (req: FastifyRequest): StrategyMessages =>
  adminLocale(req) === 'en' ? strategyEn : strategySv;

/**
 * Saves a strategy form with the merge: a post leaving a conflict undecided, a conflict with a
 * save by someone else (409, both values and a choice), or a wrong value (400, the posted base
 * kept) is shown again; nothing when the save went through.
 */
export async function saveMerged<T>(p: {
  req: FastifyRequest;
  /** The merged fields; none for a form that adds. */
  fields: string[];
  values: Record<string, unknown>;
  save: (posted: PostedMerge | undefined) => Promise<SaveMergeResult<T>>;
  show: (state: FormState, status: number, merge: MergeState | undefined) => Promise<unknown>;
  issues?: (issues: Issue[]) => Issue[];
}): Promise<unknown> {
  const { posted, missing } = readPostedMerge(p.req.body, p.fields);
  const merging = p.fields.length > 0 ? posted : undefined;
  if (merging && missing.length > 0) {
    const { state, conflict } = undecidedState(p.req, p.values, missing, merging);
    return p.show(state, 409, { ...merging, conflict });
  }
  const result = await p.save(merging);
  if (result.ok) return null;
  if ('conflict' in result) {
    const { merged, theirs } = result.conflict;
    return p.show({ values: merged, issues: [] }, 409, { base: theirs, conflict: result.conflict });
  }
  const issues = translateIssues(strategyMessages(p.req), adminLocale(p.req), result.issues);
  return p.show({ values: p.values, issues }, 400, merging ? { base: merging.base } : undefined);
}
