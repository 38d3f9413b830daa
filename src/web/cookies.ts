import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Cookies, read and written through @fastify/cookie. Whether the site is served over https is
 * decided once, from configuration (the scheme of RIKTNING_PUBLIC_URL), never by a request
 * header: it sets the Secure attribute and the `__Host-` prefix of the CSRF cookie.
 */
export interface SiteSettings {
  /** The site's origin (`https://riktning.example.se`) when the public address is configured. */
  origin: string | null;
  /** True when the public address is https: cookies are Secure and the CSRF cookie `__Host-`. */
  secure: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** How this deployment is served, from configuration. */
    site: SiteSettings;
  }
}

export function siteSettings(publicUrl: string | null | undefined): SiteSettings {
  if (!publicUrl) return { origin: null, secure: false };
  const url = new URL(publicUrl);
  return { origin: url.origin, secure: url.protocol === 'https:' };
}

export async function registerCookies(app: FastifyInstance, settings: SiteSettings) {
  await app.register(cookie, { hook: 'onRequest' });
  app.decorateRequest('site', {
    getter: () => settings,
  });
}

/**
 * The named cookie of the request, or null when it is absent, empty or malformed. The parser
 * leaves a value it cannot percent-decode (`%zz`) as it came; a `%` left in a value is therefore
 * malformed or a decoded percent sign, which no cookie of this site holds: either way, absent.
 */
export function readCookie(req: FastifyRequest, name: string): string | null {
  const value = req.cookies?.[name];
  return typeof value === 'string' && value !== '' && !value.includes('%') ? value : null;
}

export interface CookieOptions {
  path?: string;
  httpOnly?: boolean;
  sameSite: 'strict' | 'lax';
  /** Seconds; 0 clears the cookie. Unset: a session cookie. */
  maxAge?: number;
}

/** Sets a cookie, Secure when the site is served over https (by configuration or this request). */
export function writeCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  options: CookieOptions,
) {
  reply.setCookie(name, value, {
    path: options.path ?? '/',
    httpOnly: options.httpOnly ?? true,
    sameSite: options.sameSite,
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
    secure: req.site.secure || req.protocol === 'https',
  });
}
