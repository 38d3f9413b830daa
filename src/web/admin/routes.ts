import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { isCurator } from '../../domain/actors/policies.js';
import type { SessionUser } from '../../domain/actors/sessions.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context, type Actor, type Ctx } from '../../domain/context.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import type { Issue } from '../../domain/result.js';
import type { Mailer } from '../../mail/mailer.js';
import {
  initiativePublishedMail,
  initiativeReturnedMail,
  initiativeSubmittedMail,
} from '../../mail/templates.js';
import { page } from '../auth/routes.js';
import { redirectToSignIn } from '../auth/session.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { adminSv as t } from '../i18n/admin.sv.js';
import { initiativeForm, readInitiativeForm, type FormValues } from './initiativeForm.js';
import { adminInitiative, adminInitiatives, formChoices } from './queries.js';
import { curatorEmails, ownerEmails } from './recipients.js';
import { accountView, adminShell, dashboardView, detailView, listView } from './views.js';

export interface AdminDeps {
  db: Db;
  mailer: Mailer;
  now: () => Date;
  baseUrl: (req: FastifyRequest) => string;
}

const notices: Record<string, string> = {
  skapad: 'Insatsen är sparad som utkast.',
  inskickad: 'Insatsen är inskickad för godkännande.',
  publicerad: 'Insatsen är godkänd och publicerad.',
  returnerad: 'Insatsen är returnerad till organisationen.',
};

/** Array items such as `goalIds.2` are shown at their list's field. */
const atField = (issues: Issue[]) =>
  issues.map((i) => ({
    ...i,
    field: i.field.replace(
      /^(placeCodes|goalIds|perspectiveIds|sdgTargetCodes|measureIds)\.\d+$/,
      '$1',
    ),
  }));

/** The admin area. Every route needs a session; every action checks its policy here and in the command. */
export function adminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
  };
  const csrf = { preHandler: [signedIn, verifyCsrf] };
  const auth = { preHandler: signedIn };
  const who = (req: FastifyRequest): { user: SessionUser; actor: Actor; ctx: Ctx } => {
    const user = req.account!;
    const actor = actorFor(user);
    return { user, actor, ctx: context(deps.db, actor, deps.now) };
  };
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    current: string,
    title: string,
    body: SafeHtml,
    status = 200,
  ) => page(req, reply, title, adminShell(current, who(req).actor, body), status);
  const notice = (req: FastifyRequest) =>
    notices[String((req.query as Record<string, unknown>).klart ?? '')];

  app.get('/admin', auth, async (req, reply) => {
    const { actor } = who(req);
    const drafts = await adminInitiatives(deps.db, actor, ['utkast', 'returnerad'], true);
    const waiting = isCurator(actor) ? await adminInitiatives(deps.db, actor, ['inskickad']) : null;
    return show(
      req,
      reply,
      '/admin',
      t.dashboardTitle,
      dashboardView({ drafts, waiting, notice: notice(req) }),
    );
  });

  app.get('/admin/insatser', auth, async (req, reply) => {
    const rows = await adminInitiatives(deps.db, who(req).actor);
    return show(req, reply, '/admin/insatser', t.initiativesTitle, listView(rows));
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    issues: Issue[],
    status = 200,
  ) => {
    const { actor } = who(req);
    const body = initiativeForm({
      actor,
      choices: await formChoices(deps.db),
      values,
      issues,
      csrf: csrfToken(req, reply),
    });
    return show(
      req,
      reply,
      '/admin/insatser/ny',
      t.newInitiativeTitle,
      html`<h1>${t.newInitiativeTitle}</h1>${body}`,
      status,
    );
  };

  app.get('/admin/insatser/ny', auth, async (req, reply) => {
    if (!initiativePolicy.create(who(req).actor)) throw new ForbiddenError();
    return formPage(req, reply, { placeCodes: ['0008'] }, []);
  });

  app.post('/admin/insatser', csrf, async (req, reply) => {
    const { actor, ctx } = who(req);
    if (!initiativePolicy.create(actor)) throw new ForbiddenError();
    const { values, input } = readInitiativeForm(req.body);
    if (input.ownerOrganisationId && !initiativePolicy.create(actor, input.ownerOrganisationId)) {
      throw new ForbiddenError('Du kan bara registrera insatser för din egen organisation.');
    }
    const result = await createInitiative(ctx, input);
    if (!result.ok) return formPage(req, reply, values, atField(result.issues), 400);
    return reply.redirect(`/admin/insatser/${result.value.id}?klart=skapad`, 303);
  });

  /** The initiative, if the actor may read it; otherwise not found, so ids cannot be probed. */
  const readable = async (req: FastifyRequest) => {
    const id = Number((req.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
    const initiative = await adminInitiative(deps.db, id);
    if (!initiative || !initiativePolicy.read(who(req).actor, initiative))
      throw new NotFoundError();
    return initiative;
  };

  app.get('/admin/insatser/:id', auth, async (req, reply) => {
    const initiative = await readable(req);
    const body = detailView({
      actor: who(req).actor,
      initiative,
      csrf: csrfToken(req, reply),
      notice: notice(req),
    });
    return show(req, reply, '/admin/insatser', initiative.title, body);
  });

  app.post('/admin/insatser/:id/skicka-in', csrf, async (req, reply) => {
    const initiative = await readable(req);
    const { ctx, actor } = who(req);
    if (!initiativePolicy.submit(actor, initiative)) throw new ForbiddenError();
    await transitionInitiative(ctx, { initiativeId: initiative.id, action: 'submit' });
    const link = `${deps.baseUrl(req)}/admin/insatser/${initiative.id}`;
    const mail = initiativeSubmittedMail({
      title: initiative.title,
      organisation: initiative.ownerName,
      link,
    });
    for (const to of await curatorEmails(deps.db)) await deps.mailer.send(to, mail);
    return reply.redirect(`/admin/insatser/${initiative.id}?klart=inskickad`, 303);
  });

  app.post('/admin/insatser/:id/godkann', csrf, async (req, reply) => {
    const initiative = await readable(req);
    const { ctx, actor } = who(req);
    if (!initiativePolicy.approve(actor, initiative)) throw new ForbiddenError();
    await transitionInitiative(ctx, { initiativeId: initiative.id, action: 'approve' });
    const mail = initiativePublishedMail({
      title: initiative.title,
      link: `${deps.baseUrl(req)}/insatser/${initiative.id}`,
    });
    for (const to of await ownerEmails(deps.db, initiative.id)) await deps.mailer.send(to, mail);
    return reply.redirect(`/admin/insatser/${initiative.id}?klart=publicerad`, 303);
  });

  app.post('/admin/insatser/:id/returnera', csrf, async (req, reply) => {
    const initiative = await readable(req);
    const { ctx, actor } = who(req);
    if (!initiativePolicy.return(actor, initiative)) throw new ForbiddenError();
    const raw = (req.body as Record<string, unknown> | undefined)?.comment;
    const comment = typeof raw === 'string' ? raw.trim().slice(0, 2000) : '';
    await transitionInitiative(ctx, { initiativeId: initiative.id, action: 'return', comment });
    const link = `${deps.baseUrl(req)}/admin/insatser/${initiative.id}`;
    const mail = initiativeReturnedMail({ title: initiative.title, comment: comment || '–', link });
    for (const to of await ownerEmails(deps.db, initiative.id)) await deps.mailer.send(to, mail);
    return reply.redirect(`/admin/insatser/${initiative.id}?klart=returnerad`, 303);
  });

  app.get('/admin/konto', auth, async (req, reply) => {
    const body = accountView({ user: who(req).user, csrf: csrfToken(req, reply) });
    return show(req, reply, '/admin/konto', t.accountTitle, body);
  });
}
