import { adminLocale } from '../admin/locale.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { can, type AccountPermission } from '../../domain/actors/policies.js';
import { actorFor, type SessionUser } from '../../domain/actors/sessions.js';
import { context, type Actor, type Ctx } from '../../domain/context.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { verifyCsrf } from '../csrf.js';
import type { SafeHtml } from '../html.js';
import { adminShell } from '../admin/views.js';
import { page } from './routes.js';
import { redirectToSignIn } from './session.js';
import { textsOf, type Texts } from './texts.js';

/**
 * The pieces every admin screen of the accounts area uses: a guard that sends the signed-out to
 * the sign-in page and answers 403 when the role lacks the permission (checked on the server,
 * before the handler, and again in the command), the actor and context of the request, and the
 * page inside the admin shell in the chosen language.
 */
export function adminPages(deps: { db: Db; now: () => Date }) {
  const guard =
    (permission: AccountPermission) => async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.account) return redirectToSignIn(req, reply);
      if (!can(actorFor(req.account), permission)) throw new ForbiddenError();
    };
  const who = (req: FastifyRequest): { user: SessionUser; actor: Actor; ctx: Ctx } & Texts => {
    const user = req.account!;
    const actor = actorFor(user);
    return { user, actor, ctx: context(deps.db, actor, deps.now), ...textsOf(req) };
  };
  return {
    /** Route options for a GET that needs the permission. */
    read: (permission: AccountPermission) => ({ preHandler: guard(permission) }),
    /** Route options for a POST that needs the permission and a valid CSRF token. */
    write: (permission: AccountPermission) => ({ preHandler: [guard(permission), verifyCsrf] }),
    who,
    show(
      req: FastifyRequest,
      reply: FastifyReply,
      current: string,
      title: string,
      body: SafeHtml,
      status = 200,
    ) {
      return page(
        req,
        reply,
        title,
        adminShell(current, who(req).actor, body, adminLocale(req)),
        status,
      );
    },
  };
}

/** A positive whole-number id from the path, or not found. */
export function idParam(req: FastifyRequest, name = 'id'): number {
  const raw = (req.params as Record<string, string>)[name];
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw ?? '') || !Number.isSafeInteger(id) || id <= 0) {
    throw new NotFoundError();
  }
  return id;
}

/** A string field of a form body, trimmed to a length. */
export function field(body: unknown, key: string, max = 500): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** A query parameter as a string. */
export function queryParam(req: FastifyRequest, key: string, max = 200): string {
  const v = (req.query as Record<string, unknown>)[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
}
