import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { context, systemActor, type Actor } from '../../domain/context.js';
import { actorFor, loadSession, type SessionUser } from '../../domain/actors/sessions.js';
import { readCookie, writeCookie } from '../cookies.js';

/** The session cookie's name: `__Host-` prefixed when the site is served over https. */
export const sessionCookieName = (req: FastifyRequest) =>
  req.site.secure ? '__Host-riktning_session' : 'riktning_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, loaded by the accounts plugin's hook; null when signed out. */
    account: SessionUser | null;
  }
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  writeCookie(req, reply, sessionCookieName(req), token, { sameSite: 'lax', maxAge: 43200 });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  writeCookie(req, reply, sessionCookieName(req), '', { sameSite: 'lax', maxAge: 0 });
}

export const sessionToken = (req: FastifyRequest) => readCookie(req, sessionCookieName(req));

/** preHandler: loads the session's user, if any, onto the request. */
export function loadAccount(db: Db, now: () => Date) {
  return async (req: FastifyRequest) => {
    const token = sessionToken(req);
    req.account = token ? await loadSession(context(db, systemActor('session'), now), token) : null;
  };
}

export function actorOf(req: FastifyRequest): Actor | null {
  return req.account ? actorFor(req.account) : null;
}

/**
 * A return path is accepted only when it is a path on this site: it starts with one slash, has
 * no backslash, scheme or control character, and resolves to the same origin.
 */
export function safeReturnPath(value: unknown, fallback = '/admin'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return fallback;
  const hasControl = [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControl) {
    return fallback;
  }
  try {
    const base = 'http://riktning.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    // Dot segments can normalise to a protocol-relative path ("/.//evil.example" → "//evil.example").
    const path = url.pathname + url.search;
    return path.startsWith('//') ? fallback : path;
  } catch {
    return fallback;
  }
}

/** Sends the signed-out visitor to the sign-in page, with the way back. */
export function redirectToSignIn(req: FastifyRequest, reply: FastifyReply) {
  const back = safeReturnPath(req.url);
  return reply.redirect(`/logga-in?tillbaka=${encodeURIComponent(back)}`, 303);
}
