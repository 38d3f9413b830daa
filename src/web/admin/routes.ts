import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCurator } from '../../domain/actors/policies.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import {
  loadInitiativeData,
  type StoredInitiative,
} from '../../domain/initiatives/initiativeData.js';
import { previewInitiative } from '../../domain/initiatives/previewInitiative.js';
import { measuresById } from '../../domain/strategy/programmeQueries.js';
import { initiativePageFor } from '../public/initiativePageData.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { submissionIssues } from '../../domain/initiatives/initiativeSchema.js';
import { diffInitiatives } from '../../domain/initiatives/versionDiff.js';
import { proposalMerge } from '../../domain/initiatives/threeWayMerge.js';
import type { WorkflowAction } from '../../domain/initiatives/workflow.js';
import type { Issue } from '../../domain/result.js';
import {
  initiativePublishedMail,
  initiativeReturnedMail,
  initiativeSubmittedMail,
} from '../../mail/templates.js';
import { confirmationPage, isConfirmed } from '../components/confirmStep.js';
import { csrfToken } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { adminSv } from '../i18n/admin.sv.js';
import { adminEn } from '../i18n/admin.en.js';
import { initiativeAdminEn } from '../i18n/initiativeAdmin.en.js';
import { initiativeAdminSv } from '../i18n/initiativeAdmin.sv.js';
import {
  adminRouteKit,
  messagesFor,
  noticeText,
  postedNumber,
  redirectWithNotice,
  type AdminDeps,
  idParam,
} from './adminRouteKit.js';
import { archiveRoutes } from './archiveRoutes.js';
import { bulkRoutes } from './bulkRoutes.js';
import { historyRoutes } from './historyRoutes.js';
import { initiativeDetailView, type InitiativeDetailParams } from './initiativeDetailView.js';
import { atField, initiativeEditRoutes } from './initiativeEditRoutes.js';
import { initiativeForm, readInitiativeForm, type FormValues } from './initiativeForm.js';
import { valueNames } from './initiativeNames.js';
import { adminLocale } from './locale.js';
import { mergeChoices, readChoices } from './mergeChoices.js';
import { adminInitiative, adminInitiatives, formChoices, type AdminInitiative } from './queries.js';
import { curatorEmails, ownerEmails } from '../../domain/actors/recipients.js';
import { rebasedProposalsNotice } from './rebasedProposals.js';
import { deskItems } from './desk.js';
import { deskView } from './deskView.js';
import { initiativeList, readListQuery } from './initiativeList.js';
import { initiativeListView } from './initiativeListView.js';
import { accountView, dashboardView } from './views.js';
import { countyCode } from '../../region/activeRegion.js';

export type { AdminDeps } from './adminRouteKit.js';

const initiativeMessages = messagesFor(initiativeAdminSv, initiativeAdminEn);

type ConfirmKind = keyof (typeof initiativeAdminSv)['confirm'];

/** The admin kit with what the initiative pages add: their messages and the initiative itself. */
function initiativeRouteKit(deps: AdminDeps) {
  const kit = adminRouteKit(deps);
  const texts = (req: FastifyRequest) => ({ locale: adminLocale(req), t: initiativeMessages(req) });
  return {
    ...kit,
    texts,
    /** The confirmation page of an irreversible step on an initiative; nothing is changed yet. */
    askFirst: (
      req: FastifyRequest,
      reply: FastifyReply,
      i: AdminInitiative,
      kind: ConfirmKind,
      path: string,
      fields?: SafeHtml,
    ) => {
      const { t, locale } = texts(req);
      const expected = postedNumber(req, 'version');
      if (expected !== undefined && expected !== i.version) {
        throw new ConflictError(t.staleAction, 'stale_version');
      }
      const c = t.confirm[kind];
      const body = confirmationPage({
        locale,
        heading: c.heading(i.title),
        consequence: c.consequence,
        action: `/admin/insatser/${i.id}/${path}`,
        csrf: csrfToken(req, reply),
        body: req.body,
        confirmLabel: c.button,
        cancelHref: `/admin/insatser/${i.id}`,
        reversible: kind === 'archive' || kind === 'withdraw',
        ...(fields ? { fields } : {}),
      });
      return kit.show(req, reply, '/admin/insatser', c.heading(i.title), body);
    },
    /** The initiative, if the actor may read it; otherwise not found, so ids cannot be probed. */
    readable: async (req: FastifyRequest) => {
      const initiative = await adminInitiative(deps.db, idParam(req));
      if (!initiative || !initiativePolicy.read(kit.who(req).actor, initiative))
        throw new NotFoundError();
      return initiative;
    },
  };
}

export type InitiativeRouteKit = ReturnType<typeof initiativeRouteKit>;

/** The admin area. Every route needs a session; every action checks its policy here and in the command. */
export function adminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const kit = initiativeRouteKit(deps);
  const { who, show, readable } = kit;
  const auth = kit.read();
  const csrf = kit.write();
  const shell = messagesFor(adminSv, adminEn);
  const notice = (req: FastifyRequest) => noticeText(req, kit.texts(req).t.notices);

  app.get('/admin', auth, async (req, reply) => {
    const { actor } = who(req);
    const drafts = await adminInitiatives(deps.db, actor, ['utkast', 'returnerad'], true);
    const waiting = isCurator(actor) ? await adminInitiatives(deps.db, actor, ['inskickad']) : null;
    const desk = deskView(await deskItems(deps.db, actor, deps.now()), kit.texts(req).locale);
    const rebased = await rebasedProposalsNotice(deps.db, actor, kit.texts(req).locale);
    return show(
      req,
      reply,
      '/admin',
      shell(req).dashboardTitle,
      html`${dashboardView({ drafts, waiting, notice: notice(req), desk }, kit.texts(req).locale)}${rebased}`,
    );
  });

  app.get('/admin/insatser', auth, async (req, reply) => {
    const { actor } = who(req);
    const { locale } = kit.texts(req);
    const query = readListQuery(req);
    const list = await initiativeList(deps.db, actor, query, locale);
    const view = { query, list, mayExport: initiativePolicy.create(actor) };
    return show(
      req,
      reply,
      '/admin/insatser',
      shell(req).initiativesTitle,
      initiativeListView({ ...view, heading: shell(req).initiativesTitle }, locale),
    );
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    issues: Issue[],
    status = 200,
  ) => {
    const { actor } = who(req);
    const title = shell(req).newInitiativeTitle;
    const body = initiativeForm({
      actor,
      choices: await formChoices(deps.db),
      values,
      issues,
      csrf: csrfToken(req, reply),
      t: kit.texts(req).t,
    });
    return show(req, reply, '/admin/insatser/ny', title, html`<h1>${title}</h1>${body}`, status);
  };

  app.get('/admin/insatser/ny', auth, async (req, reply) => {
    const { actor } = who(req);
    if (!initiativePolicy.create(actor)) throw new ForbiddenError();
    // A member of one organisation registers for it: the owner is chosen already.
    const own = !isCurator(actor) && actor.kind === 'user' ? actor.organisationIds : [];
    const values: FormValues = { placeCodes: [countyCode()] };
    if (own.length === 1) values.ownerOrganisationId = String(own[0]);
    return formPage(req, reply, values, []);
  });

  app.post('/admin/insatser', csrf, async (req, reply) => {
    const { actor, ctx } = who(req);
    if (!initiativePolicy.create(actor)) throw new ForbiddenError();
    const { values, input } = readInitiativeForm(req.body);
    if (input.ownerOrganisationId && !initiativePolicy.create(actor, input.ownerOrganisationId)) {
      throw new ForbiddenError('Du kan bara registrera insatser för din egen organisation.');
    }
    const result = await createInitiative(ctx, input, { asDraft: true });
    if (!result.ok) return formPage(req, reply, values, atField(result.issues), 400);
    return redirectWithNotice(reply, `/admin/insatser/${result.value.id}`, 'skapad');
  });

  app.get('/admin/insatser/:id', auth, async (req, reply) => {
    const readInitiative = await readable(req);
    const { t } = kit.texts(req);
    const insider = initiativePolicy.readWorkInProgress(who(req).actor, readInitiative);
    // Anyone else sees the published record only: no proposal, its comment or its history.
    const initiative = insider
      ? readInitiative
      : { ...readInitiative, pendingState: null, pendingComment: null };
    let pendingChanges = null;
    const stored = await loadInitiativeData(deps.db, initiative.id);
    if (initiative.pendingState != null && stored?.pending) {
      const names = valueNames(await formChoices(deps.db), t);
      pendingChanges = diffInitiatives(stored.data, stored.pending, names);
    }
    const body = initiativeDetailView({
      t,
      actor: who(req).actor,
      initiative,
      csrf: csrfToken(req, reply),
      notice: notice(req),
      pendingChanges,
      showHistory: insider,
      preview: stored ? await reviewPreview(req, initiative, stored) : undefined,
    });
    return show(req, reply, '/admin/insatser', initiative.title, body);
  });

  /**
   * The public page as it will look: the open proposal once approved, a record not yet published
   * once published, or the published page. An archived record has none.
   */
  const reviewPreview = async (
    req: FastifyRequest,
    i: AdminInitiative,
    stored: StoredInitiative,
  ): Promise<InitiativeDetailParams['preview']> => {
    if (i.workflowState === 'arkiverad') return undefined;
    const of =
      i.pendingState != null && stored.pending
        ? 'change'
        : i.workflowState === 'publicerad'
          ? 'published'
          : 'draft';
    const values = of === 'change' ? stored.pending! : stored.data;
    const detail = await previewInitiative(deps.db, i.id, values);
    if (!detail) return undefined;
    const { locale } = kit.texts(req);
    const measures = await measuresById(deps.db, values.measureIds);
    const { body } = await initiativePageFor(deps.db, locale, detail, { measures });
    return { body, of };
  };

  /** The choices an approval still needs: fields both the proposal and a later change set. */
  const openMergeChoices = async (
    req: FastifyRequest,
    id: number,
    choices: ReturnType<typeof readChoices>['choices'],
  ): Promise<SafeHtml | null> => {
    const stored = await loadInitiativeData(deps.db, id);
    if (!stored?.pending) return null;
    const { conflicts } = proposalMerge(stored, choices);
    if (conflicts.length === 0) return null;
    const { t } = kit.texts(req);
    const c = t.conflict;
    return html`<p>${c.approveChoices}</p>${mergeChoices({
      t,
      names: valueNames(await formChoices(deps.db), t),
      fields: conflicts,
      theirs: stored.data,
      mine: stored.pending,
      labels: {
        theirs: c.publishedValue,
        mine: c.proposalValue,
        keepTheirs: c.keepPublished,
        useMine: c.useProposal,
      },
      caption: c.approveChoices,
    })}`;
  };

  /** One step of the workflow, checked by the policy here and in the command, then mailed. */
  const step = (
    path: string,
    action: WorkflowAction,
    done: string,
    mail: (req: FastifyRequest, i: AdminInitiative, comment: string) => Promise<void>,
  ) =>
    app.post(`/admin/insatser/:id/${path}`, csrf, async (req, reply) => {
      const initiative = await readable(req);
      const { ctx, actor } = who(req);
      const allowed = { submit: 'submit', approve: 'approve', return: 'return' } as const;
      if (!initiativePolicy[allowed[action as keyof typeof allowed]](actor, initiative)) {
        throw new ForbiddenError();
      }
      const raw = (req.body as Record<string, unknown> | undefined)?.comment;
      const comment = typeof raw === 'string' ? raw.trim().slice(0, 2000) : '';
      if (action === 'submit' && initiative.workflowState !== 'publicerad') {
        const stored = await loadInitiativeData(deps.db, initiative.id);
        // An incomplete draft goes back to its form, which names what is missing.
        if (stored && submissionIssues(stored.data).length > 0) {
          return reply.redirect(`/admin/insatser/${initiative.id}/redigera?saknas=1`, 303);
        }
      }
      const onChange = initiative.workflowState === 'publicerad';
      const { choices, missing } = readChoices(req.body);
      // A proposal made on an older version: the fields both it and a later change set are chosen.
      const open =
        action === 'approve' && onChange
          ? await openMergeChoices(req, initiative.id, choices)
          : null;
      if (
        (action === 'approve' || action === 'return') &&
        (!isConfirmed(req.body) || missing.length > 0 || open)
      ) {
        const kind = action === 'approve' && onChange ? 'approveChange' : action;
        return kit.askFirst(req, reply, initiative, kind, path, open ?? undefined);
      }
      await transitionInitiative(ctx, {
        initiativeId: initiative.id,
        action,
        comment: action === 'return' ? comment : undefined,
        expectedVersion: postedNumber(req, 'version'),
        choices,
      });
      await mail(req, initiative, comment);
      return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, done);
    });

  const adminLink = (req: FastifyRequest, i: AdminInitiative) =>
    `${deps.baseUrl(req)}/admin/insatser/${i.id}`;
  step('skicka-in', 'submit', 'inskickad', async (req, i) => {
    const mail = initiativeSubmittedMail({
      title: i.title,
      organisation: i.ownerName,
      link: adminLink(req, i),
    });
    for (const to of await curatorEmails(deps.db)) await deps.mailer.send(to, mail);
  });
  step('godkann', 'approve', 'publicerad', async (req, i) => {
    const mail = initiativePublishedMail({
      title: i.title,
      link: `${deps.baseUrl(req)}/insatser/${i.id}`,
    });
    for (const to of await ownerEmails(deps.db, i.id)) await deps.mailer.send(to, mail);
  });
  step('returnera', 'return', 'returnerad', async (req, i, comment) => {
    const mail = initiativeReturnedMail({
      title: i.title,
      comment: comment || '–',
      link: adminLink(req, i),
    });
    for (const to of await ownerEmails(deps.db, i.id)) await deps.mailer.send(to, mail);
  });

  initiativeEditRoutes(app, deps, kit);
  archiveRoutes(app, deps, kit);
  historyRoutes(app, deps, kit);
  bulkRoutes(app, deps, kit);

  app.get('/admin/konto', auth, async (req, reply) => {
    const body = accountView(
      { user: who(req).user, csrf: csrfToken(req, reply) },
      kit.texts(req).locale,
    );
    return show(req, reply, '/admin/konto', shell(req).accountTitle, body);
  });
}
