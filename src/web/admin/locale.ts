import type { FastifyRequest } from 'fastify';
import { readCookie } from '../cookies.js';
import type { Locale } from '../i18n/index.js';

/** The cookie that keeps the chosen language of the signed-in pages. */
export const LANGUAGE_COOKIE = 'riktning_sprak';

/**
 * The language of the admin area for this request: English when the visitor chose it (the
 * language switch sets a cookie), otherwise Swedish.
 */
export function adminLocale(req: FastifyRequest): Locale {
  return readCookie(req, LANGUAGE_COOKIE) === 'en' ? 'en' : 'sv';
}
