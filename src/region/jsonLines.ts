/**
 * Where each key of a JSON text stands: a scan of the text that maps every path (object keys and
 * array indexes) to the line it starts on, so a validation issue can name the line. The text is
 * parsed by JSON.parse first; this scan only runs on text that is already known to be valid.
 */
export type JsonPath = readonly (string | number)[];

export function jsonKeyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) {
      if (text[pos] === '\n') line++;
      pos++;
    }
  };
  const readString = (): string => {
    const start = pos;
    pos++; // opening quote
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++; // closing quote
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (path: (string | number)[]): void => {
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        skipSpace();
        const keyLine = line;
        const key = readString();
        lines.set(pathKey([...path, key]), keyLine);
        skipSpace();
        pos++; // colon
        value([...path, key]);
        skipSpace();
        if (text[pos++] === '}') return;
      }
    }
    if (c === '[') {
      pos++;
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        skipSpace();
        lines.set(pathKey([...path, i]), line);
        value([...path, i]);
        skipSpace();
        if (text[pos++] === ']') return;
      }
    }
    if (c === '"') {
      readString();
      return;
    }
    while (pos < text.length && !/[\s,\]}]/.test(text[pos]!)) pos++;
  };
  value([]);
  return lines;
}

export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/** The line of the deepest part of `path` found in the text (1 when none is). */
export function lineOf(lines: Map<string, number>, path: JsonPath): number {
  for (let n = path.length; n > 0; n--) {
    const found = lines.get(pathKey(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return 1;
}

/** The line and column of a JSON.parse error, from V8's "at position N" or "line L column C". */
export function syntaxErrorLine(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column/.exec(message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /position (\d+)/.exec(message);
  if (!position) return 1;
  return text.slice(0, Number(position[1])).split('\n').length;
}
