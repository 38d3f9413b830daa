import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../csrf.js';
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
  const secure = req.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${PENDING_COOKIE}=${token}; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=600${secure}`,
  );
}

export function clearPendingCookie(req: FastifyRequest, reply: FastifyReply) {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${PENDING_COOKIE}=; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=0${secure}`,
  );
}

export const pendingToken = (req: FastifyRequest) => readCookie(req, PENDING_COOKIE);

/** The second factor's messages in the language of the signed-in pages. */
export const secondFactorTexts = (req: FastifyRequest): SecondFactorMessages =>
  adminLocale(req) === 'en' ? secondFactorEn : secondFactorSv;
