import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, writeCookie } from '../cookies.js';

/** How long a secret waits for its page after the form post, in seconds. */
const SHOWN_ONCE_SECONDS = 120;

/**
 * A secret (a new API key, an invitation link) shown once on a page reached by redirect after the
 * form post: the post stashes it in a short-lived cookie scoped to that page, and the page takes
 * it and clears the cookie. Reloading the page then neither posts the form again nor shows the
 * secret.
 */
export function shownOnce<T>(name: string, path: string, parse: (value: unknown) => T | null) {
  const options = { path, sameSite: 'strict' as const, maxAge: SHOWN_ONCE_SECONDS };
  return {
    path,
    /** Stashes the value for the page and redirects to it. */
    redirect(req: FastifyRequest, reply: FastifyReply, value: T) {
      const encoded = Buffer.from(JSON.stringify(value)).toString('base64url');
      writeCookie(req, reply, name, encoded, options);
      return reply.redirect(path, 303);
    },
    /** The stashed value, once: the cookie is cleared whatever it held. */
    take(req: FastifyRequest, reply: FastifyReply): T | null {
      const raw = readCookie(req, name);
      writeCookie(req, reply, name, '', { ...options, maxAge: 0 });
      if (!raw || raw.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
      try {
        return parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
      } catch {
        return null;
      }
    },
  };
}

/** The fields of a stashed object that are strings, or null when one is missing. */
export function stringFields<K extends string>(
  value: unknown,
  keys: readonly K[],
): Record<K, string> | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const v = record[key];
    if (typeof v !== 'string') return null;
    out[key] = v;
  }
  return out;
}
