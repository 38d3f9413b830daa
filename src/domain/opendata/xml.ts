import { escapeXml } from '../../lib/xml.js';

export { escapeXml };

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
