/**
 * The three-way merge of a record, field by field, for any record whose edit form carries the
 * values it was read at (`base`). `theirs` is what is stored now and `mine` what the editor
 * sends. A field only the editor changed takes their value; a field only the other person
 * changed keeps the other's; a field both changed to the same value is no conflict; a field
 * both changed differently is a conflict, left for the editor to choose – never overwritten.
 * Record-agnostic: each record names its fields (and which of them are unordered lists).
 */

/** Which side a person chose for a field that both changed. */
export type MergeChoice = 'mine' | 'theirs';

export type MergeChoices<F extends string = string> = Partial<Record<F, MergeChoice>>;

export interface FieldMergeSpec<F extends string> {
  fields: readonly F[];
  /** Lists whose order carries no meaning: compared as sets. */
  sets?: ReadonlySet<F>;
}

export interface FieldMergeResult<F extends string, R> {
  /** The record with every field decided (a conflicting field still holds the other's value). */
  merged: R;
  /** Fields both changed, differently: to be chosen, nothing saved until then. */
  conflicts: F[];
  /** Fields whose value in `merged` came from the editor's change. */
  applied: F[];
}

type Values = Partial<Record<string, unknown>>;

/** A field's value in a form that compares equal when it means the same. */
function canonical(v: unknown, unordered: boolean): string {
  if (v === undefined || v === null || v === '') return 'null';
  if (typeof v === 'string') return JSON.stringify(v.trim());
  if (Array.isArray(v)) {
    if (v.length === 0) return 'null';
    const items = v.map((x) => JSON.stringify(x, Object.keys(x ?? {}).sort()));
    return JSON.stringify(unordered ? [...items].sort() : items);
  }
  if (typeof v === 'object') return JSON.stringify(v, Object.keys(v).sort());
  return JSON.stringify(v);
}

export function sameField<F extends string>(
  spec: FieldMergeSpec<F>,
  a: Values,
  b: Values,
  f: F,
): boolean {
  const unordered = spec.sets?.has(f) ?? false;
  return canonical(a[f], unordered) === canonical(b[f], unordered);
}

/**
 * Merges `mine` into `theirs` against `base`. A choice `mine` takes the editor's value for a
 * field both changed; `theirs` keeps the stored one.
 */
export function mergeFields<F extends string, R extends Values>(
  spec: FieldMergeSpec<F>,
  base: Values,
  theirs: R,
  mine: Values,
  choices: MergeChoices<F> = {},
): FieldMergeResult<F, R> {
  const merged = { ...theirs } as Record<string, unknown>;
  const conflicts: F[] = [];
  const applied: F[] = [];
  for (const f of spec.fields) {
    if (sameField(spec, mine, base, f)) continue;
    const theirsChanged = !sameField(spec, theirs, base, f);
    if (!theirsChanged || sameField(spec, mine, theirs, f) || choices[f] === 'mine') {
      merged[f] = mine[f];
      applied.push(f);
    } else if (choices[f] !== 'theirs') {
      conflicts.push(f);
    }
  }
  return { merged: merged as R, conflicts, applied };
}

/** The record's merged fields of a row (and nothing else). */
export function pickFields<F extends string>(spec: FieldMergeSpec<F>, row: Values): Values {
  return Object.fromEntries(spec.fields.map((f) => [f, row[f]]));
}

/** What an edit form posts for the merge: the values it was read at and the editor's choices. */
export interface PostedMerge<F extends string = string> {
  base: Values;
  choices: MergeChoices<F>;
}

/** A save that met a change by someone else to the same field: nothing was saved. */
export interface MergeConflict<F extends string = string> {
  /** The fields both changed differently. */
  fields: F[];
  /** What is stored now: the next base of the form, and the `theirs` side of each choice. */
  theirs: Values;
  /** The values to show in the form: the merge, with the editor's own value in each conflict. */
  merged: Values;
}

/**
 * The values a save writes, merged with what is stored now; or the conflict to show. Without a
 * posted base (a client that sends whole records) the editor's values are saved as they are.
 * A choice `theirs` posted from a re-shown form (whose base is the stored values) puts the
 * stored value back; a later change by a third person is then merged again, not overwritten.
 */
export function mergeOnSave<F extends string, R extends Values>(
  spec: FieldMergeSpec<F>,
  posted: PostedMerge<F> | undefined,
  stored: Values,
  mine: R,
): { values: R; applied: F[] } | { conflict: MergeConflict<F> } {
  if (!posted) return { values: mine, applied: [...spec.fields] };
  const now = pickFields(spec, stored);
  const own = { ...mine } as Record<string, unknown>;
  for (const f of spec.fields) if (posted.choices[f] === 'theirs') own[f] = posted.base[f];
  const { merged, conflicts, applied } = mergeFields(spec, posted.base, now, own);
  if (conflicts.length > 0) {
    const shown = { ...merged } as Record<string, unknown>;
    for (const f of conflicts) shown[f] = own[f];
    return { conflict: { fields: conflicts, theirs: now, merged: shown } };
  }
  return { values: { ...mine, ...merged } as R, applied };
}
