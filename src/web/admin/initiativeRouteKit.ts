import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { SessionUser } from '../../domain/actors/sessions.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context, type Actor, type Ctx } from '../../domain/context.js';
import { NotFoundError } from '../../domain/errors.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import type { Issue } from '../../domain/result.js';
import type { Mailer } from '../../mail/mailer.js';
import { redirectToSignIn } from '../auth/session.js';
import { verifyCsrf } from '../csrf.js';
import type { SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import { initiativeAdminEn } from '../i18n/initiativeAdmin.en.js';
import { initiativeAdminSv, type InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';
import { sendPage } from '../public/routes.js';
import { adminLocale } from './locale.js';
import { adminInitiative } from './queries.js';
import { adminShell } from './views.js';

export interface AdminDeps {
  db: Db;
  mailer: Mailer;
  now: () => Date;
  baseUrl: (req: FastifyRequest) => string;
}

/** Array items such as `goalIds.2` are shown at their list's field. */
export const atField = (issues: Issue[]) =>
  issues.map((i) => ({
    ...i,
    field: i.field.replace(
      /^(placeCodes|goalIds|perspectiveIds|sdgTargetCodes|measureIds)\.\d+$/,
      '$1',
    ),
  }));

/** What every initiative route of the admin area shares: sign-in, CSRF, the actor, the page. */
export function initiativeRouteKit(deps: AdminDeps) {
  const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
  };
  const who = (req: FastifyRequest): { user: SessionUser; actor: Actor; ctx: Ctx } => {
    const user = req.account!;
    const actor = actorFor(user);
    return { user, actor, ctx: context(deps.db, actor, deps.now) };
  };
  const texts = (req: FastifyRequest): { locale: Locale; t: InitiativeAdminMessages } => {
    const locale = adminLocale(req);
    return { locale, t: locale === 'en' ? initiativeAdminEn : initiativeAdminSv };
  };
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    current: string,
    title: string,
    body: SafeHtml,
    status = 200,
  ) => {
    reply.header('cache-control', 'no-store');
    const page = {
      title,
      body: adminShell(current, who(req).actor, body, adminLocale(req)),
      path: req.url,
    };
    return sendPage(reply, page, status, adminLocale(req));
  };
  /** The initiative, if the actor may read it; otherwise not found, so ids cannot be probed. */
  const readable = async (req: FastifyRequest) => {
    const id = Number((req.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
    const initiative = await adminInitiative(deps.db, id);
    if (!initiative || !initiativePolicy.read(who(req).actor, initiative))
      throw new NotFoundError();
    return initiative;
  };
  /** A posted whole number such as the version a page was made from, or undefined. */
  const postedNumber = (req: FastifyRequest, name: string): number | undefined => {
    const raw = (req.body as Record<string, unknown> | undefined)?.[name];
    const n = typeof raw === 'string' ? Number(raw) : NaN;
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };
  return {
    signedIn,
    auth: { preHandler: signedIn },
    csrf: { preHandler: [signedIn, verifyCsrf] },
    who,
    texts,
    show,
    readable,
    postedNumber,
  };
}

export type InitiativeRouteKit = ReturnType<typeof initiativeRouteKit>;
