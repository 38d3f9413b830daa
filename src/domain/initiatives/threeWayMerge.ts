import type { InitiativeDraft } from './initiativeSchema.js';
import { initiativeFields, type InitiativeField } from './versionDiff.js';

/** Which side a person chose for a field that both changed. */
export type MergeChoice = 'mine' | 'theirs';

export interface MergeResult {
  /** The record with every field decided (a conflicting field still holds the other's value). */
  merged: InitiativeDraft;
  /** Fields both changed, differently, and that no choice decided yet. */
  conflicts: InitiativeField[];
  /** Fields whose value in `merged` came from this person's change. */
  applied: InitiativeField[];
}

/** Lists whose order carries no meaning: compared as sets. */
const sets = new Set<InitiativeField>([
  'placeCodes',
  'goalIds',
  'perspectiveIds',
  'sdgTargetCodes',
  'measureIds',
  'partners',
]);

/** A field's value in a form that compares equal when it means the same. */
function canonical(d: Partial<InitiativeDraft>, f: InitiativeField): string {
  const v = d[f] as unknown;
  if (v === undefined || v === null || v === '') return 'null';
  if (typeof v === 'string') return JSON.stringify(v.trim());
  if (Array.isArray(v)) {
    const items = v.map((x) => JSON.stringify(x, Object.keys(x ?? {}).sort()));
    return JSON.stringify(sets.has(f) ? [...items].sort() : items);
  }
  return JSON.stringify(v);
}

export const sameValue = (
  a: Partial<InitiativeDraft>,
  b: Partial<InitiativeDraft>,
  f: InitiativeField,
) => canonical(a, f) === canonical(b, f);

/**
 * Three-way merge of an initiative, field by field: `base` is what this person read, `theirs`
 * what is stored now, `mine` what this person sends. A field only this person changed takes
 * their value; a field only the other changed keeps the other's; a field both changed to the
 * same value is no conflict; a field both changed differently is a conflict, decided by
 * `choices` or returned for the person to choose — never silently overwritten.
 */
export function threeWayMerge(
  base: InitiativeDraft,
  theirs: InitiativeDraft,
  mine: InitiativeDraft,
  choices: Partial<Record<InitiativeField, MergeChoice>> = {},
): MergeResult {
  const merged = { ...theirs } as Record<InitiativeField, unknown>;
  const conflicts: InitiativeField[] = [];
  const applied: InitiativeField[] = [];
  for (const f of initiativeFields) {
    const mineChanged = !sameValue(mine, base, f);
    if (!mineChanged) continue;
    const theirsChanged = !sameValue(theirs, base, f);
    if (!theirsChanged || sameValue(mine, theirs, f) || choices[f] === 'mine') {
      merged[f] = mine[f];
      applied.push(f);
    } else if (choices[f] !== 'theirs') {
      conflicts.push(f);
    }
  }
  return { merged: merged as InitiativeDraft, conflicts, applied };
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
