import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listOrganisations, organisationDetail } from '../../domain/actors/adminQueries.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { addMember, removeMember, setMemberRole } from '../../domain/actors/memberships.js';
import { formatOrganisationNumber } from '../../domain/actors/organisationNumber.js';
import { can } from '../../domain/actors/policies.js';
import {
  setOrganisationArchived,
  updateOrganisation,
} from '../../domain/actors/updateOrganisation.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Issue } from '../../domain/result.js';
import type { AuthDeps } from '../auth/signedIn.js';
import { csrfToken } from '../csrf.js';
import { html } from '../html.js';
import {
  adminRouteKit,
  idParam,
  noticeText,
  queryParam,
  rawField,
  redirectWithNotice,
} from './adminRouteKit.js';
import {
  emptyOrganisation,
  organisationForm,
  organisationView,
  organisationsListView,
  ORGS,
  type OrganisationValues,
} from './organisationsViews.js';
import { redirectToInvitationResult, sendInvitation } from './users.js';
import { localIssues } from '../auth/localIssues.js';

const readValues = (body: unknown): OrganisationValues => ({
  slug: rawField(body, 'slug', 80).trim(),
  name: rawField(body, 'name', 200),
  kind: rawField(body, 'kind', 40),
  orgNumber: rawField(body, 'orgNumber', 20).trim(),
  municipalityCode: rawField(body, 'municipalityCode', 4).trim(),
  website: rawField(body, 'website', 300).trim(),
});

/** What the commands take: empty optional fields become null. */
const toInput = (v: OrganisationValues) => ({
  name: v.name,
  kind: v.kind as never,
  orgNumber: v.orgNumber || null,
  municipalityCode: v.municipalityCode || null,
  website: v.website || null,
});

interface PageState {
  values?: OrganisationValues;
  issues?: Issue[];
  memberForm?: { email: string; role: string; issues: Issue[] };
  inviteForm?: { email: string; role: string; issues: Issue[] };
}

/** Organisations and their members, for administrators and the Region's coordinators. */
export function organisationRoutes(app: FastifyInstance, deps: AuthDeps) {
  const p = adminRouteKit(deps);
  const manage = 'organisations.manage' as const;

  app.get(ORGS, p.read(manage), async (req, reply) => {
    const x = p.who(req);
    const q = queryParam(req, 'q');
    const archived = queryParam(req, 'arkiverade') === '1';
    const rows = await listOrganisations(deps.db, { q, archived });
    return p.show(
      req,
      reply,
      ORGS,
      x.a.organisationsTitle,
      organisationsListView(x, { rows, q, archived }),
    );
  });

  const newForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: OrganisationValues,
    issues: Issue[],
    status = 200,
  ) => {
    const x = p.who(req);
    const form = organisationForm(x, {
      csrf: csrfToken(req, reply),
      action: ORGS,
      values,
      issues: localIssues(x.locale, issues),
      create: true,
    });
    const body = html`<h1>${x.a.newOrganisation}</h1>${form}`;
    return p.show(req, reply, ORGS, x.a.newOrganisation, body, status);
  };

  app.get(`${ORGS}/ny`, p.read(manage), (req, reply) => newForm(req, reply, emptyOrganisation, []));

  app.post(ORGS, p.write(manage), async (req, reply) => {
    const values = readValues(req.body);
    const result = await createOrganisation(p.who(req).ctx, {
      ...toInput(values),
      slug: values.slug,
    });
    if (!result.ok) return newForm(req, reply, values, result.issues, 400);
    return redirectWithNotice(reply, `${ORGS}/${result.value.id}`, 'skapad');
  });

  const orgPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: PageState = {},
    status = 200,
  ) => {
    const x = p.who(req);
    const org = await organisationDetail(deps.db, idParam(req));
    if (!org) throw new NotFoundError();
    const notices: Record<string, string> = {
      skapad: x.a.created,
      sparad: x.a.saved,
      arkiverad: x.a.archivedNotice,
      aterstalld: x.a.unarchivedNotice,
      medlem: x.a.memberAdded,
      medlemsroll: x.a.memberRoleChanged,
      borttagen: x.a.memberRemoved,
    };
    const local = (issues: Issue[]) => localIssues(x.locale, issues);
    const invite = state.inviteForm ?? { email: '', role: 'aktor', issues: [] };
    const body = organisationView(x, {
      org,
      csrf: csrfToken(req, reply),
      values: state.values ?? {
        slug: org.slug,
        name: org.name,
        kind: org.kind,
        orgNumber: org.orgNumber ? formatOrganisationNumber(org.orgNumber) : '',
        municipalityCode: org.municipalityCode ?? '',
        website: org.website ?? '',
      },
      issues: local(state.issues ?? []),
      memberForm: { ...(state.memberForm ?? { email: '', role: 'editor', issues: [] }) },
      inviteForm: can(x.actor, 'users.invite') ? { ...invite, issues: local(invite.issues) } : null,
      notice: noticeText(req, notices),
    });
    return p.show(req, reply, ORGS, org.name, body, status);
  };

  app.get(`${ORGS}/:id`, p.read(manage), (req, reply) => orgPage(req, reply));

  app.post(`${ORGS}/:id`, p.write(manage), async (req, reply) => {
    const id = idParam(req);
    const values = readValues(req.body);
    const result = await updateOrganisation(p.who(req).ctx, id, toInput(values));
    if (!result.ok) return orgPage(req, reply, { values, issues: result.issues }, 400);
    return redirectWithNotice(reply, `${ORGS}/${id}`, 'sparad');
  });

  for (const [path, archived, done] of [
    ['arkivera', true, 'arkiverad'],
    ['aterstall', false, 'aterstalld'],
  ] as const) {
    app.post(`${ORGS}/:id/${path}`, p.write(manage), async (req, reply) => {
      const id = idParam(req);
      await setOrganisationArchived(p.who(req).ctx, { id, archived });
      return redirectWithNotice(reply, `${ORGS}/${id}`, done);
    });
  }

  app.post(`${ORGS}/:id/medlemmar`, p.write(manage), async (req, reply) => {
    const id = idParam(req);
    const form = { email: rawField(req.body, 'email', 320), role: rawField(req.body, 'role', 40) };
    const result = await addMember(p.who(req).ctx, { organisationId: id, ...form });
    if (!result.ok)
      return orgPage(req, reply, { memberForm: { ...form, issues: result.issues } }, 400);
    return redirectWithNotice(reply, `${ORGS}/${id}`, 'medlem');
  });

  app.post(`${ORGS}/:id/medlemmar/:userId`, p.write(manage), async (req, reply) => {
    const id = idParam(req);
    const result = await setMemberRole(p.who(req).ctx, {
      organisationId: id,
      userId: idParam(req, 'userId'),
      role: rawField(req.body, 'role', 40),
    });
    if (!result.ok) {
      return orgPage(
        req,
        reply,
        { memberForm: { email: '', role: '', issues: result.issues } },
        400,
      );
    }
    return redirectWithNotice(reply, `${ORGS}/${id}`, 'medlemsroll');
  });

  app.post(`${ORGS}/:id/medlemmar/:userId/ta-bort`, p.write(manage), async (req, reply) => {
    const id = idParam(req);
    await removeMember(p.who(req).ctx, { organisationId: id, userId: idParam(req, 'userId') });
    return redirectWithNotice(reply, `${ORGS}/${id}`, 'borttagen');
  });

  app.post(`${ORGS}/:id/bjud-in`, p.write(manage), async (req, reply) => {
    const x = p.who(req);
    if (!can(x.actor, 'users.invite')) throw new ForbiddenError();
    const org = await organisationDetail(deps.db, idParam(req));
    if (!org) throw new NotFoundError();
    const form = { email: rawField(req.body, 'email', 320), role: rawField(req.body, 'role', 40) };
    const sent = await sendInvitation(deps, req, x.ctx, { ...form, organisation: org.slug });
    if (!sent.ok) {
      return orgPage(req, reply, { inviteForm: { ...form, issues: sent.issues } }, 400);
    }
    return redirectToInvitationResult(req, reply, sent, org.id);
  });
}
