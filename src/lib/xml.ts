/**
 * Characters XML 1.0 cannot hold, even escaped: C0 controls other than tab, newline and
 * carriage return, U+FFFE, U+FFFF, and UTF-16 surrogates that are not part of a pair.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every character XML 1.0 cannot hold dropped. */
export function xmlChars(value: string): string {
  return value.replace(NOT_XML, '');
}

/**
 * Escapes text for XML element content and attribute values (both quote kinds), dropping the
 * characters XML cannot hold, so a control character in a title never makes a feed invalid.
 */
export function escapeXml(value: string | number): string {
  return xmlChars(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
