/** One run of a word-level diff: text both have, or text only the new or only the old has. */
export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Largest comparison table the diff fills before it shows the middle as removed and added. */
const MAX_CELLS = 4_000_000;

/**
 * A text as its words (runs of non-whitespace) and the whitespace around them: `gaps[i]` comes
 * before `words[i]` and the last gap ends the text, so there is one gap more than words and any
 * of them may be empty. Joining gap, word, gap, … gives the text back.
 */
interface Split {
  words: string[];
  gaps: string[];
}

function split(text: string): Split {
  const pieces = text.split(/(\S+)/);
  return {
    words: pieces.filter((_, i) => i % 2 === 1),
    gaps: pieces.filter((_, i) => i % 2 === 0),
  };
}

/**
 * The words both texts keep, as index pairs in increasing order: the common start and end first,
 * then a longest common subsequence of the middle, unless its table would exceed MAX_CELLS.
 */
function matchWords(x: string[], y: string[]): [number, number][] {
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endX - start;
  const m = endY - start;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_CELLS) {
    const w = m + 1;
    const table = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * w + j] =
          x[start + i] === y[start + j]
            ? table[(i + 1) * w + j + 1]! + 1
            : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[start + i] === y[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) i++;
      else j++;
    }
  }
  for (let k = 0; endX + k < x.length; k++) pairs.push([endX + k, endY + k]);
  return pairs;
}

/**
 * A word-level diff of two texts: the runs of text both have (`same`), only the old has
 * (`removed`) and only the new has (`added`). Joining the same and removed runs gives the old
 * text exactly, and the same and added runs the new text, whitespace included.
 *
 * Words (runs of non-whitespace) are compared exactly, as a longest common subsequence after the
 * common start and end are set aside; when the rest would need a table larger than MAX_CELLS, it
 * is shown as removed and added as a whole. Whitespace follows one rule:
 *
 * - whitespace between two unchanged words that are neighbours in both texts is unchanged if it
 *   is the same in both, and otherwise removed and added (a space that became a line break);
 * - whitespace next to a removed or added word belongs to that change, except that the
 *   whitespace at either edge of a change stays unchanged when both texts have exactly that
 *   whitespace there. Where one text has no word in the change, its single gap can serve one
 *   edge only: the leading one if it fits, so an inserted word takes the whitespace after it
 *   (`a b` → `a x b` is `a `, +`x `, `b`), and a word added at the very end takes the space
 *   before it (`a` → `a x` is `a`, +` x`);
 * - within a change the removed run comes before the added run, and consecutive runs of the same
 *   kind are merged, so no run is empty and no two neighbours share a kind.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = split(before);
  const b = split(after);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  const join = (s: Split, from: number, to: number) => {
    let text = s.gaps[from]!;
    for (let k = from; k < to; k++) text += s.words[k]! + s.gaps[k + 1]!;
    return text;
  };
  /** The stretch between two kept words (or an edge of the texts): words from..to of each. */
  const stretch = (i0: number, i1: number, j0: number, j1: number) => {
    const oldText = join(a, i0, i1);
    const newText = join(b, j0, j1);
    if (i0 === i1 && j0 === j1) {
      if (oldText === newText) push('same', oldText);
      else {
        push('removed', oldText);
        push('added', newText);
      }
      return;
    }
    const lead = a.gaps[i0] === b.gaps[j0] ? a.gaps[i0]! : null;
    const oneGap = i0 === i1 || j0 === j1;
    const trail = a.gaps[i1] === b.gaps[j1] && !(oneGap && lead !== null) ? a.gaps[i1]! : null;
    const cut = (text: string) => text.slice(lead?.length ?? 0, text.length - (trail?.length ?? 0));
    push('same', lead ?? '');
    push('removed', cut(oldText));
    push('added', cut(newText));
    push('same', trail ?? '');
  };
  let i = 0;
  let j = 0;
  for (const [x, y] of matchWords(a.words, b.words)) {
    stretch(i, x, j, y);
    push('same', a.words[x]!);
    i = x + 1;
    j = y + 1;
  }
  stretch(i, a.words.length, j, b.words.length);
  return parts;
}

/** Whether a diff has any change. */
export const hasChange = (parts: DiffPart[]): boolean => parts.some((p) => p.op !== 'same');
