/** XML 1.0 cannot hold most control characters, even escaped: they are dropped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML element content and attribute values (both quote kinds). */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Attrs = Record<string, string | number | null | undefined>;

/** One element with escaped attributes; children are already XML (strings from el()). */
const attributes = (attrs: Attrs) =>
  Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v as string | number)}"`)
    .join('');

export function el(name: string, attrs: Attrs, ...children: (string | null | false)[]): string {
  const a = attributes(attrs);
  const body = children.filter((c): c is string => typeof c === 'string').join('');
  return body === '' ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

/** A text element: the text is escaped. */
export const text = (name: string, attrs: Attrs, value: string | number): string =>
  `<${name}${attributes(attrs)}>${escapeXml(value)}</${name}>`;
