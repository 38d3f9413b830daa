import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { readCookie, writeCookie } from './cookies.js';

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

/** The CSRF cookie's name: `__Host-` prefixed when the site is served over https. */
export const csrfCookieName = (req: FastifyRequest) =>
  req.site.secure ? '__Host-riktning_csrf' : 'riktning_csrf';

/** Tokens issued during this request, so two forms on one page carry the same token. */
const issued = new WeakMap<FastifyRequest, string>();

/**
 * Double-submit CSRF token for forms without a session: the token sits in a SameSite=Strict,
 * HttpOnly cookie and in a hidden field; a post is accepted only when the two agree.
 */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  const existing = readCookie(req, csrfCookieName(req));
  if (existing && TOKEN.test(existing)) return existing;
  const already = issued.get(req);
  if (already) return already;
  const token = randomBytes(24).toString('base64url');
  issued.set(req, token);
  writeCookie(req, reply, csrfCookieName(req), token, { sameSite: 'strict' });
  return token;
}

export class CsrfError extends DomainError {
  constructor() {
    super(403, 'csrf_failed', 'Formuläret har gått ut. Ladda om sidan och försök igen.');
  }
}

const single = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : value;

/**
 * The second line behind the token: a browser says where a request comes from. A request
 * another site started (`Sec-Fetch-Site: cross-site` or `same-site`; from a browser without
 * Fetch Metadata, an `Origin` that is not this site's) is refused. A client that sends neither header (curl, scripts) passes this check
 * only; the token is still required.
 */
export async function verifyOrigin(req: FastifyRequest): Promise<void> {
  const fetchSite = single(req.headers['sec-fetch-site']);
  if (fetchSite !== undefined) {
    if (fetchSite !== 'same-origin' && fetchSite !== 'none') throw new CsrfError();
    // The browser itself vouches for the request; its Origin may be "null" under a
    // no-referrer policy (the comment confirmation page), which says nothing more.
    return;
  }
  const origin = single(req.headers.origin);
  if (origin === undefined) return;
  if (req.site.origin) {
    if (origin !== req.site.origin) throw new CsrfError();
    return;
  }
  // Without a configured public address, the origin must name the host the request was sent to.
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new CsrfError();
  }
  if (host === '' || host !== req.headers.host) throw new CsrfError();
}

/** A fixed-length digest, so any two inputs compare in constant time whatever their lengths. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Refuses a request whose token does not match its cookie; any input gives 403, never 500. */
export function verifyCsrfToken(req: FastifyRequest): void {
  const cookie = readCookie(req, csrfCookieName(req));
  const body = req.body as Record<string, unknown> | null | undefined;
  const field = typeof body === 'object' && typeof body?._csrf === 'string' ? body._csrf : '';
  if (!cookie || !field) throw new CsrfError();
  if (!timingSafeEqual(digest(cookie), digest(field))) throw new CsrfError();
}

/** preHandler: refuses a state-changing request from another site or without a matching token. */
export async function verifyCsrf(req: FastifyRequest): Promise<void> {
  await verifyOrigin(req);
  verifyCsrfToken(req);
}
