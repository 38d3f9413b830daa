import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { can, type AccountPermission } from '../../domain/actors/policies.js';
import { actorFor, type SessionUser } from '../../domain/actors/sessions.js';
import { context, type Actor, type Ctx } from '../../domain/context.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { page } from '../auth/signedIn.js';
import { redirectToSignIn } from '../auth/session.js';
import { textsOf, type Texts } from '../auth/texts.js';
import { verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { adminLocale } from './locale.js';
import { adminShell } from './views.js';

export interface AdminDeps {
  db: Db;
  mailer: Mailer;
  now: () => Date;
  baseUrl: (req: FastifyRequest) => string;
}

/** What a route needs of the signed-in person: an account permission or an area's policy. */
export type Allowed = AccountPermission | ((actor: Actor) => boolean);

const mayDo = (actor: Actor, allowed: Allowed) =>
  typeof allowed === 'function' ? allowed(actor) : can(actor, allowed);

/**
 * What every admin route shares. The guard sends the signed-out to the sign-in page and, for a
 * route that needs a permission or an area's policy, answers 403 to a role without it; a form post also needs a valid
 * CSRF token, checked before the handler. The policies are checked again in the commands. `who`
 * is the signed-in user, their actor and context, and the language and messages of the admin
 * pages; `show` puts a page inside the admin shell, never cached.
 */
export function adminRouteKit(deps: Pick<AdminDeps, 'db' | 'now'>) {
  const guard = (allowed?: Allowed) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
    if (allowed && !mayDo(actorFor(req.account), allowed)) throw new ForbiddenError();
  };
  const signedIn = guard();
  const who = (req: FastifyRequest): { user: SessionUser; actor: Actor; ctx: Ctx } & Texts => {
    const user = req.account!;
    const actor = actorFor(user);
    return { user, actor, ctx: context(deps.db, actor, deps.now), ...textsOf(req) };
  };
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    current: string,
    title: string,
    body: SafeHtml,
    status = 200,
  ) => {
    const shell = adminShell(req, reply, current, body);
    return page(req, reply, title, shell, status);
  };
  return {
    /** The guard alone, for routes that read their body before the CSRF check. */
    signedIn,
    /** Route options for a page: signed in and, when given, the permission. */
    read: (allowed?: Allowed) => ({
      preHandler: allowed ? guard(allowed) : signedIn,
    }),
    /** Route options for a form post: as `read`, and a valid CSRF token. */
    write: (allowed?: Allowed) => ({
      preHandler: [allowed ? guard(allowed) : signedIn, verifyCsrf],
    }),
    who,
    show,
  };
}

/** An area's messages in the language of the admin pages (Swedish unless English was chosen). */
export const messagesFor =
  <M>(sv: M, en: M) =>
  (req: FastifyRequest): M =>
    adminLocale(req) === 'en' ? en : sv;

/** A positive whole-number id from the path, written in digits, or not found. */
export function idParam(req: FastifyRequest, name = 'id'): number {
  const raw = (req.params as Record<string, string>)[name];
  const id = Number(raw);
  // Ids are PostgreSQL integers: anything longer or larger names nothing.
  if (!/^\d{1,10}$/.test(raw ?? '') || id <= 0 || id > 2_147_483_647) {
    throw new NotFoundError();
  }
  return id;
}

/** A query parameter as a string. */
export function queryParam(req: FastifyRequest, key: string, max = 200): string {
  const v = (req.query as Record<string, unknown>)[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

type Body = Record<string, unknown>;

/** A string field of a form body, trimmed. */
export function field(body: unknown, key: string): string {
  const v = (body as Body | undefined)?.[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** A string field of a form body as typed, not trimmed, cut to a length. */
export function rawField(body: unknown, key: string, max = 500): string {
  const v = (body as Body | undefined)?.[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** A number field: empty is undefined, text that is not a number stays NaN for the schema to reject. */
export function numberField(body: unknown, key: string): number | undefined {
  const v = field(body, key).replace(/\s/g, '');
  return v === '' ? undefined : Number(v);
}

/** A posted whole number such as the version a page was made from, or undefined. */
export function postedNumber(req: FastifyRequest, name: string): number | undefined {
  const raw = (req.body as Body | undefined)?.[name];
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * After a change, to the page that shows it with the key of its notice (`?klart=…`), as a 303
 * so that reloading the page does not post the form again.
 */
export function redirectWithNotice(
  reply: FastifyReply,
  path: string,
  notice: string,
  fragment = '',
) {
  return reply.redirect(`${path}?klart=${notice}${fragment}`, 303);
}

/** The text of the notice the redirect after a change asked for, if it is one of `notices`. */
export function noticeText(req: FastifyRequest, notices: Record<string, string>) {
  return notices[String((req.query as Record<string, unknown>).klart ?? '')];
}

/** The notice the redirect after a change asked for, as a status message. */
export function noticeOf(req: FastifyRequest, notices: Record<string, string>): SafeHtml | '' {
  const text = noticeText(req, notices);
  return text ? html`<p class="message" role="status">${text}</p>` : '';
}
