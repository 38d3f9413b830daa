import type { MergeMessages } from './merge.sv.js';

/** The shared words of a merge of two people's edits, English. */
export const mergeEn: MergeMessages = {
  heading: 'Someone else changed the same fields meanwhile',
  lead: 'The fields only one of you changed are already merged in the form. Choose for each field below which value applies, and save. Nothing is saved yet.',
  caption: 'Fields you both changed',
  field: 'Field',
  theirs: 'Saved by the other person',
  mine: 'Your change',
  choose: 'Choose',
  keepTheirs: 'Keep the saved value',
  useMine: 'Use my change',
  empty: '(empty)',
  chooseEach: 'Choose which value applies for every field you both changed.',
};
