import type { InitiativeDraft } from './initiativeSchema.js';
import { initiativeFields, type InitiativeField } from './versionDiff.js';
import { mergeFields, sameField, type MergeChoice } from '../merge/fieldMerge.js';

export type { MergeChoice };

export interface MergeResult {
  /** The record with every field decided (a conflicting field still holds the other's value). */
  merged: InitiativeDraft;
  /** Fields both changed, differently, and that no choice decided yet. */
  conflicts: InitiativeField[];
  /** Fields whose value in `merged` came from this person's change. */
  applied: InitiativeField[];
}

/** The merged fields of an initiative; lists whose order carries no meaning compare as sets. */
export const initiativeMergeSpec = {
  fields: initiativeFields,
  sets: new Set<InitiativeField>([
    'placeCodes',
    'goalIds',
    'perspectiveIds',
    'sdgTargetCodes',
    'measureIds',
    'partners',
  ]),
};

export const sameValue = (
  a: Partial<InitiativeDraft>,
  b: Partial<InitiativeDraft>,
  f: InitiativeField,
) => sameField(initiativeMergeSpec, a, b, f);

/**
 * Three-way merge of an initiative, field by field (domain/merge/fieldMerge.ts): `base` is what
 * this person read, `theirs` what is stored now, `mine` what this person sends.
 */
export function threeWayMerge(
  base: InitiativeDraft,
  theirs: InitiativeDraft,
  mine: InitiativeDraft,
  choices: Partial<Record<InitiativeField, MergeChoice>> = {},
): MergeResult {
  return mergeFields(initiativeMergeSpec, base, theirs, mine, choices);
}

/**
 * Approving a proposal: the proposal is "mine", the published record "theirs", and the base the
 * published values the proposal was made from (or last moved onto). A later published change is
 * so kept, and a field both changed waits for the approver's choice.
 */
export function proposalMerge(
  stored: {
    data: InitiativeDraft;
    pending: InitiativeDraft | null;
    pendingBase: InitiativeDraft | null;
  },
  choices: Partial<Record<InitiativeField, MergeChoice>> = {},
): MergeResult {
  return threeWayMerge(
    stored.pendingBase ?? stored.data,
    stored.data,
    stored.pending ?? stored.data,
    choices,
  );
}
