import { z } from 'zod';

/**
 * Web addresses as stored and shown. Every field that holds a URL uses `webAddressSchema`, so
 * only absolute http(s) addresses with a host are ever stored; `javascript:`, `data:`,
 * `vbscript:` and every other scheme are refused with one message (issue code
 * `invalid_format`). Values stored before that rule are shown through `linkableUrl`, which
 * gives nothing for them, so pages render them as text and the API returns null.
 */

export const MAX_WEB_ADDRESS_LENGTH = 2000;

export const WEB_ADDRESS_MESSAGE =
  'Ange en fullständig webbadress som börjar med https:// eller http://, till exempel https://www.exempel.se.';
export const WEB_ADDRESS_MESSAGE_EN =
  'Enter a full web address starting with https:// or http://, for example https://www.example.se.';

// eslint-disable-next-line no-control-regex
const NO_SPACE_OR_CONTROL = /^[^\s\u0000-\u001F\u007F]*$/;

/** A required http(s) address, trimmed. */
export const webAddressSchema = z
  .string({ error: WEB_ADDRESS_MESSAGE })
  .trim()
  .max(MAX_WEB_ADDRESS_LENGTH, `Högst ${MAX_WEB_ADDRESS_LENGTH} tecken.`)
  .regex(NO_SPACE_OR_CONTROL, WEB_ADDRESS_MESSAGE)
  .pipe(z.url({ protocol: /^https?$/, hostname: /^[^\s]+$/, error: WEB_ADDRESS_MESSAGE }));

/** The URL, if it is one `webAddressSchema` accepts; otherwise null (show it as text). */
export function linkableUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const parsed = webAddressSchema.safeParse(value);
  return parsed.success && parsed.data === value ? value : null;
}
