/**
 * A small, linear scanner for the flat XML inside Office Open XML parts. Every search moves
 * forward with `indexOf`, so no input (an unclosed tag, a million cells in one row) makes it
 * scan the same text twice; a regular expression with lazy quantifiers would.
 */

export interface XmlElement {
  /** The index of the element's `<`. */
  start: number;
  /** The text between the element name and the closing `>` (or `/>`). */
  attrs: string;
  /** The element's content, or undefined for `<name/>`. */
  inner: string | undefined;
  /** The index just after the element. */
  end: number;
}

export class XmlScanError extends Error {
  constructor(readonly element: string) {
    super(`Unclosed <${element}> element.`);
    this.name = 'XmlScanError';
  }
}

const NAME_END = /[\s/>]/;

/**
 * The next `<name …>…</name>` or `<name …/>` in `xml` at or after `from`, or null. Elements of
 * the same name are not expected to nest (true of rows, cells, shared strings and text runs).
 */
export function nextElement(xml: string, name: string, from: number): XmlElement | null {
  const open = `<${name}`;
  let at = xml.indexOf(open, from);
  while (at !== -1 && !NAME_END.test(xml.charAt(at + open.length))) {
    at = xml.indexOf(open, at + open.length);
  }
  if (at === -1) return null;
  const tagEnd = xml.indexOf('>', at + open.length);
  if (tagEnd === -1) throw new XmlScanError(name);
  if (xml.charAt(tagEnd - 1) === '/') {
    return {
      start: at,
      attrs: xml.slice(at + open.length, tagEnd - 1),
      inner: undefined,
      end: tagEnd + 1,
    };
  }
  const close = `</${name}>`;
  const closeAt = xml.indexOf(close, tagEnd + 1);
  if (closeAt === -1) throw new XmlScanError(name);
  return {
    start: at,
    attrs: xml.slice(at + open.length, tagEnd),
    inner: xml.slice(tagEnd + 1, closeAt),
    end: closeAt + close.length,
  };
}

/** Every `<name>` element of `xml`, in order. */
export function* elements(xml: string, name: string): Generator<XmlElement> {
  for (let e = nextElement(xml, name, 0); e; e = nextElement(xml, name, e.end)) yield e;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Characters XML 1.0 cannot hold, even as a character reference. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function fromCodePoint(code: number): string {
  if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) return '';
  if (code >= 0xd800 && code <= 0xdfff) return '';
  return String.fromCodePoint(code).replace(NOT_XML, '');
}

/** Entity and character references resolved; a reference to no character gives nothing. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-z]{2,4});/g, (whole, code: string) => {
    if (code.startsWith('#x')) return fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return fromCodePoint(parseInt(code.slice(1), 10));
    return ENTITIES[code] ?? whole;
  });
}

/** The value of attribute `name` in an element's attribute text. */
export function attribute(attrs: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|\\s)${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? unescapeXml(m[1] ?? m[2]!) : undefined;
}
