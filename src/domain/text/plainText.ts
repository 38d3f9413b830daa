import { z } from 'zod';

/**
 * Text hygiene for every text a person or a system sends in. Control characters (C0 other than
 * tab, line feed and carriage return; DEL; C1), the non-characters U+FFFE and U+FFFF and UTF-16
 * halves without their pair have no meaning in a title or a description, and XML 1.0 cannot
 * hold most of them: one in a title used to make the Atom feed invalid for every subscriber.
 * They are stripped. Single-line fields also turn tab and line breaks into a space.
 */

const NOT_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without control characters; tab, line feed and carriage return are kept. */
export function stripControls(text: string): string {
  return text.replace(NOT_TEXT, '');
}

/** The text on one line: controls stripped, tabs and line breaks become one space each. */
export function oneLine(text: string): string {
  return stripControls(text).replace(/\r\n|[\t\n\r]/g, ' ');
}

/** A text field that holds one line (a title, a name); chain `.trim().min().max()` as usual. */
export const singleLineText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).overwrite(oneLine);

/** A text field that may hold several lines (a description); tab and newlines are kept. */
export const multiLineText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).overwrite(stripControls);

/**
 * Every string inside a parsed request body with controls stripped (tab and line breaks kept),
 * in place; arrays and plain objects are walked to `depth`, other values (files) left alone.
 */
export function stripControlsDeep(value: unknown, depth = 32): unknown {
  if (typeof value === 'string') return stripControls(value);
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripControlsDeep(value[i], depth - 1);
    return value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = stripControlsDeep(record[key], depth - 1);
  return value;
}
