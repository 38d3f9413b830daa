import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OidcConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { revokeSession } from '../../domain/actors/sessions.js';
import { context, systemActor } from '../../domain/context.js';
import type { Mailer } from '../../mail/mailer.js';
import type { SafeHtml } from '../html.js';
import { sendPage } from '../page.js';
import { textsOf } from './texts.js';
import { safeReturnPath, sessionToken, setSessionCookie } from './session.js';

/**
 * What the signed-in doors share: the dependencies of the signed-in area, its page shell (no
 * cache, the language link through /sprak) and the start of a session after any sign-in.
 */
export interface AuthDeps {
  db: Db;
  mailer: Mailer;
  now: () => Date;
  baseUrl: (req: FastifyRequest) => string;
  /** Single sign-on, when OIDC_ISSUER is configured. */
  oidc?: OidcConfig | null;
}

export function page(
  req: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: SafeHtml,
  status = 200,
) {
  reply.header('cache-control', 'no-store');
  const { locale } = textsOf(req);
  const other = locale === 'sv' ? 'en' : 'sv';
  const languageHref = `/sprak?till=${other}&tillbaka=${encodeURIComponent(safeReturnPath(req.url))}`;
  return sendPage(reply, { title, body, path: req.url, languageHref }, status, locale);
}

/**
 * Starts the signed-in session in the browser: the session the browser held before, if any,
 * ends, so a session id planted before sign-in is worth nothing after it.
 */
export async function startSession(
  deps: Pick<AuthDeps, 'db' | 'now'>,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
) {
  const previous = sessionToken(req);
  if (previous) await revokeSession(context(deps.db, systemActor('sign-in'), deps.now), previous);
  setSessionCookie(req, reply, token);
}
