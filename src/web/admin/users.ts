import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { organisations } from '../../db/schema/index.js';
import { listUsers, organisationChoices, userDetail } from '../../domain/actors/adminQueries.js';
import { INVITATION_TTL_MS, inviteUser } from '../../domain/actors/invitations.js';
import { can, roleNames } from '../../domain/actors/policies.js';
import { setUserDisabled } from '../../domain/actors/setUserDisabled.js';
import { setUserRole } from '../../domain/actors/setUserRole.js';
import type { Ctx, UserRole } from '../../domain/context.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Issue } from '../../domain/result.js';
import { invitationMail } from '../../mail/templates.js';
import type { AuthDeps } from '../auth/signedIn.js';
import { confirmationPage, isConfirmed } from '../components/confirmStep.js';
import { csrfToken } from '../csrf.js';
import { html } from '../html.js';
import { localIssues } from '../auth/localIssues.js';
import { ORGS } from './organisationsViews.js';
import { shownOnce, stringFields } from './shownOnce.js';
import {
  adminRouteKit,
  idParam,
  noticeText,
  queryParam,
  rawField,
  redirectWithNotice,
} from './adminRouteKit.js';
import {
  invitedView,
  inviteFormView,
  isRole,
  USERS,
  userView,
  usersListView,
} from './usersViews.js';

/**
 * Sends an invitation and its mail; shared by the users screen and an organisation's members.
 * Returns the link for the page, or the issues for the form.
 */
export async function sendInvitation(
  deps: Pick<AuthDeps, 'mailer' | 'baseUrl'>,
  req: FastifyRequest,
  ctx: Ctx,
  input: { email: string; role: string; organisation: string },
): Promise<
  { ok: true; email: string; link: string; mailed: boolean } | { ok: false; issues: Issue[] }
> {
  const result = await inviteUser(ctx, {
    email: input.email.trim(),
    role: input.role as UserRole,
    organisationSlug: input.organisation || null,
  });
  if (!result.ok) return result;
  const link = `${deps.baseUrl(req)}/inbjudan/${result.value.token}`;
  const [org] = input.organisation
    ? await ctx.db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.slug, input.organisation))
    : [];
  await deps.mailer.send(
    result.value.email,
    invitationMail({
      link,
      role: input.role as UserRole,
      organisation: org?.name ?? null,
      days: INVITATION_TTL_MS / 86_400_000,
    }),
  );
  return { ok: true, email: result.value.email, link, mailed: deps.mailer.delivers };
}

/**
 * The page that says what became of an invitation, reached by redirect from either invitation
 * form; the link reaches it once, with the organisation whose page the form was on.
 */
export const invitationResult = shownOnce('riktning_inbjudan', `${USERS}/inbjuden`, (v) =>
  stringFields(v, ['email', 'link', 'mailed', 'organisationId'] as const),
);

/** After an invitation: to the page that shows its result once, so a reload sends nothing. */
export function redirectToInvitationResult(
  req: FastifyRequest,
  reply: FastifyReply,
  sent: { email: string; link: string; mailed: boolean },
  organisationId: number | null,
) {
  return invitationResult.redirect(req, reply, {
    email: sent.email,
    link: sent.link,
    mailed: sent.mailed ? '1' : '0',
    organisationId: organisationId === null ? '' : String(organisationId),
  });
}

/** Users and roles, for administrators: list with filters, role, disable/enable, invite. */
export function userRoutes(app: FastifyInstance, deps: AuthDeps) {
  const p = adminRouteKit(deps);

  app.get(USERS, p.read('users.manage'), async (req, reply) => {
    const x = p.who(req);
    const role = queryParam(req, 'roll');
    const status = queryParam(req, 'status');
    const filter = { q: queryParam(req, 'q'), role: isRole(role) ? role : '', status };
    const rows = await listUsers(deps.db, {
      q: filter.q,
      role: isRole(role) ? role : undefined,
      status: status === 'aktiv' || status === 'avstangd' ? status : undefined,
    });
    const body = usersListView(x, { rows, filter, mayInvite: can(x.actor, 'users.invite') });
    return p.show(req, reply, USERS, x.a.usersTitle, body);
  });

  const inviteForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: { email: string; role: string; organisation: string },
    issues: Issue[],
    status = 200,
  ) => {
    const x = p.who(req);
    const body = html`<h1>${x.a.inviteTitle}</h1>${inviteFormView(x, {
      csrf: csrfToken(req, reply),
      action: `${USERS}/bjud-in`,
      values,
      organisations: await organisationChoices(deps.db),
      issues: localIssues(x.locale, issues),
      heading: x.a.inviteUser,
    })}`;
    return p.show(req, reply, USERS, x.a.inviteTitle, body, status);
  };

  app.get(`${USERS}/bjud-in`, p.read('users.invite'), (req, reply) =>
    inviteForm(req, reply, { email: '', role: 'aktor', organisation: '' }, []),
  );

  app.post(`${USERS}/bjud-in`, p.write('users.invite'), async (req, reply) => {
    const x = p.who(req);
    const values = {
      email: rawField(req.body, 'email', 320),
      role: rawField(req.body, 'role', 40),
      organisation: rawField(req.body, 'organisation', 200),
    };
    const sent = await sendInvitation(deps, req, x.ctx, values);
    if (!sent.ok) return inviteForm(req, reply, values, sent.issues, 400);
    return redirectToInvitationResult(req, reply, sent, null);
  });

  app.get(invitationResult.path, p.read('users.invite'), async (req, reply) => {
    const x = p.who(req);
    const result = invitationResult.take(req, reply);
    const orgId = Number(result?.organisationId || NaN);
    const [org] = Number.isSafeInteger(orgId)
      ? await deps.db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, orgId))
      : [];
    const back = org
      ? { back: `${ORGS}/${org.id}`, backLabel: org.name }
      : { back: USERS, backLabel: x.a.usersTitle };
    const body = result
      ? invitedView(x, {
          email: result.email,
          link: result.link,
          mailed: result.mailed === '1',
          ...back,
        })
      : html`<h1>${x.a.inviteTitle}</h1><p>${x.a.invitationShownOnce}</p><p><a href="${back.back}">${back.backLabel}</a></p>`;
    return p.show(req, reply, org ? ORGS : USERS, x.a.inviteTitle, body);
  });

  const userPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    issues: Issue[] = [],
    status = 200,
  ) => {
    const x = p.who(req);
    const user = await userDetail(deps.db, idParam(req));
    if (!user) throw new NotFoundError();
    const texts: Record<string, string> = {
      roll: x.a.roleChanged,
      avstangd: x.a.disabled,
      aktiverad: x.a.enabled,
    };
    const text = noticeText(req, texts);
    const body = userView(x, {
      user,
      csrf: csrfToken(req, reply),
      issues: localIssues(x.locale, issues),
      notice: text,
    });
    return p.show(req, reply, USERS, x.a.userTitle(user.name || user.email), body, status);
  };

  app.get(`${USERS}/:id`, p.read('users.manage'), (req, reply) => userPage(req, reply));

  app.post(`${USERS}/:id/roll`, p.write('users.manage'), async (req, reply) => {
    const x = p.who(req);
    const user = await userDetail(deps.db, idParam(req));
    if (!user) throw new NotFoundError();
    const role = rawField(req.body, 'role');
    if (isRole(role) && role !== user.role && !isConfirmed(req.body)) {
      const name = user.name || user.email;
      const names = (r: UserRole) => roleNames[r][x.locale];
      const body = confirmationPage({
        locale: x.locale,
        heading: x.a.roleConfirmHeading(name, names(role)),
        consequence: x.a.roleConfirmConsequence(names(user.role as UserRole), names(role)),
        action: `${USERS}/${user.id}/roll`,
        csrf: csrfToken(req, reply),
        body: req.body,
        confirmLabel: x.a.roleConfirm,
        cancelHref: `${USERS}/${user.id}`,
        reversible: true,
      });
      return p.show(req, reply, USERS, x.a.roleConfirmHeading(name, names(role)), body);
    }
    const result = await setUserRole(x.ctx, { email: user.email, role });
    if (!result.ok) return userPage(req, reply, result.issues, 400);
    return redirectWithNotice(reply, `${USERS}/${user.id}`, 'roll');
  });

  for (const [path, disabled, done] of [
    ['stang-av', true, 'avstangd'],
    ['aktivera', false, 'aktiverad'],
  ] as const) {
    app.post(`${USERS}/:id/${path}`, p.write('users.manage'), async (req, reply) => {
      const x = p.who(req);
      const id = idParam(req);
      const result = await setUserDisabled(x.ctx, { userId: id, disabled });
      if (!result.ok) return userPage(req, reply, result.issues, 400);
      return redirectWithNotice(reply, `${USERS}/${id}`, done);
    });
  }
}
