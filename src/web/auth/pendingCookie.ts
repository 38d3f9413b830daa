import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, writeCookie } from '../cookies.js';
import { adminLocale } from '../admin/locale.js';
import { secondFactorEn } from '../i18n/secondFactor.en.js';
import { secondFactorSv, type SecondFactorMessages } from '../i18n/secondFactor.sv.js';

/**
 * The half session between password and second factor. Its cookie is sent only to the sign-in
 * paths, lives as long as the half session, and opens nothing else.
 */
export const PENDING_COOKIE = 'riktning_inloggning';
const PATH = '/logga-in';

export function setPendingCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  writeCookie(req, reply, PENDING_COOKIE, token, { path: PATH, sameSite: 'lax', maxAge: 600 });
}

export function clearPendingCookie(req: FastifyRequest, reply: FastifyReply) {
  writeCookie(req, reply, PENDING_COOKIE, '', { path: PATH, sameSite: 'lax', maxAge: 0 });
}

export const pendingToken = (req: FastifyRequest) => readCookie(req, PENDING_COOKIE);

/** The second factor's messages in the language of the signed-in pages. */
export const secondFactorTexts = (req: FastifyRequest): SecondFactorMessages =>
  adminLocale(req) === 'en' ? secondFactorEn : secondFactorSv;
