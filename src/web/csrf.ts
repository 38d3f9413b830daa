import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';

const COOKIE = 'riktning_csrf';

export function readCookie(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/**
 * Double-submit CSRF token for forms without a session: the token sits in a SameSite=Strict,
 * HttpOnly cookie and in a hidden field; a post is accepted only when the two agree.
 */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  const existing = readCookie(req, COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  const secure = req.protocol === 'https' ? '; Secure' : '';
  reply.header('set-cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure}`);
  return token;
}

export class CsrfError extends DomainError {
  constructor() {
    super(403, 'csrf_failed', 'Formuläret har gått ut. Ladda om sidan och försök igen.');
  }
}

/** preHandler: refuses a state-changing request whose token does not match its cookie. */
export async function verifyCsrf(req: FastifyRequest): Promise<void> {
  const cookie = readCookie(req, COOKIE);
  const body = req.body as Record<string, unknown> | undefined;
  const field = typeof body?._csrf === 'string' ? body._csrf : '';
  if (!cookie || !field || cookie.length !== field.length) throw new CsrfError();
  if (!timingSafeEqual(Buffer.from(cookie), Buffer.from(field))) throw new CsrfError();
}
