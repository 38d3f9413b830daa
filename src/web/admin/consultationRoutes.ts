import { readUploadForm, fileTooBigIssue, notMultipartIssue } from '../documents.js';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  answerFeedback,
  answerField,
  allEntries,
  compilationData,
  feedbackTags,
  publishCompilation,
  type FeedbackAnswer,
  type FeedbackTag,
} from '../../domain/consultation/compilation.js';
import { commentsForModeration, moderateComment } from '../../domain/consultation/comments.js';
import {
  consultationSchema,
  createConsultation,
  loadConsultation,
  setConsultationOpen,
} from '../../domain/consultation/consultations.js';
import { inviteOrganisations } from '../../domain/consultation/invitations.js';
import { listDialogueMeetings, recordDialogueMeeting } from '../../domain/consultation/meetings.js';
import {
  consultationPolicy,
  effectiveStatus,
  respondForbidden,
  swedishDate,
} from '../../domain/consultation/policies.js';
import {
  draftOutline,
  draftStrategies,
  invitableOrganisations,
  invitationsFor,
  invitees,
  listConsultations,
  municipalityChoices,
  organisationName,
  strategyName,
} from '../../domain/consultation/queries.js';
import {
  attachResponseDocument,
  ownResponse,
  saveResponse,
  submitResponse,
} from '../../domain/consultation/responses.js';
import { MAX_DOCUMENT_BYTES } from '../../domain/evaluation/evaluationDocuments.js';
import { ForbiddenError } from '../../domain/errors.js';
import { issue, type Issue } from '../../domain/result.js';
import { consultationInvitationMail } from '../../mail/consultationTemplates.js';
import { csrfToken, verifyCsrfToken, verifyOrigin } from '../csrf.js';
import { html } from '../html.js';
import { consultationEn } from '../i18n/consultation.en.js';
import {
  confirmationPage,
  isConfirmed,
  type ConfirmationParams,
} from '../components/confirmStep.js';
import { consultationSv } from '../i18n/consultation.sv.js';
import {
  compileView,
  responseValues,
  responseView,
  type ResponseFormValues,
} from './consultationResponseViews.js';
import {
  ADMIN_BASE,
  consultationDetailView,
  consultationFormView,
  consultationListView,
  emptyMeeting,
  type ConsultationFormValues,
  type MeetingFormValues,
} from './consultationViews.js';
import {
  adminRouteKit,
  field,
  messagesFor,
  noticeOf,
  redirectWithNotice,
  type AdminDeps,
  idParam,
} from './adminRouteKit.js';

const formKeys = [
  'strategyId',
  'titleSv',
  'titleEn',
  'introductionSv',
  'introductionEn',
  'questionsSv',
  'questionsEn',
  'opensOn',
  'closesOn',
] as const;

const meetingKeys = Object.keys(emptyMeeting) as (keyof MeetingFormValues)[];

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Values of a multi-valued form field (checkboxes). */
function many(body: unknown, key: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
}

/** Question issues (questions.2.textSv) are shown at the Swedish questions field. */
const atQuestions = (issues: Issue[]) =>
  issues.map((i) => (i.field.startsWith('questions') ? { ...i, field: 'questionsSv' } : i));

/** The consultation pages of the admin area: editors run consultations, members respond. */
export function consultationAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const s = adminRouteKit(deps);
  const texts = messagesFor(consultationSv, consultationEn);
  const manager = (req: FastifyRequest) => {
    if (!consultationPolicy.manage(s.who(req).actor)) throw new ForbiddenError();
  };
  const view = (req: FastifyRequest, reply: FastifyReply) => {
    const t = texts(req);
    return {
      t,
      locale: s.who(req).locale,
      csrf: csrfToken(req, reply),
      notice: noticeOf(req, t.notices),
    };
  };

  /** The confirmation of a step that opens or closes a consultation; nothing is changed yet. */
  const askFirst = (
    req: FastifyRequest,
    reply: FastifyReply,
    p: Pick<
      ConfirmationParams,
      'heading' | 'consequence' | 'confirmLabel' | 'action' | 'cancelHref'
    >,
  ) => {
    manager(req);
    const body = confirmationPage({
      ...p,
      locale: s.who(req).locale,
      csrf: csrfToken(req, reply),
      body: req.body,
    });
    return s.show(req, reply, ADMIN_BASE, p.heading, body);
  };

  app.get(ADMIN_BASE, s.read(), async (req, reply) => {
    const { actor } = s.who(req);
    const t = texts(req);
    const now = deps.now();
    const body = consultationListView({
      t,
      locale: s.who(req).locale,
      consultations: consultationPolicy.manage(actor)
        ? await listConsultations(deps.db, now)
        : null,
      invitations: await invitationsFor(deps.db, actor, now),
      notice: noticeOf(req, t.notices),
    });
    return s.show(req, reply, ADMIN_BASE, t.adminTitle, body);
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: ConsultationFormValues,
    issues: Issue[],
    status = 200,
  ) => {
    const t = texts(req);
    const body = consultationFormView({
      t,
      csrf: csrfToken(req, reply),
      drafts: await draftStrategies(deps.db),
      values,
      issues,
    });
    return s.show(req, reply, ADMIN_BASE, t.newConsultation, body, status);
  };

  app.get(`${ADMIN_BASE}/ny`, s.read(), async (req, reply) => {
    manager(req);
    const values = Object.fromEntries(
      formKeys.map((k) => [k, '']),
    ) as unknown as ConsultationFormValues;
    return formPage(req, reply, values, []);
  });

  app.post(ADMIN_BASE, s.write(), async (req, reply) => {
    manager(req);
    const values = Object.fromEntries(
      formKeys.map((k) => [k, field(req.body, k)]),
    ) as unknown as ConsultationFormValues;
    const sv = lines(values.questionsSv);
    const en = lines(values.questionsEn);
    if (en.length > sv.length) {
      return formPage(
        req,
        reply,
        values,
        [
          issue(
            'questionsEn',
            'Det finns fler engelska frågor än svenska. Skriv en fråga per rad i samma ordning.',
          ),
        ],
        400,
      );
    }
    const input = {
      strategyId: values.strategyId,
      titleSv: values.titleSv,
      titleEn: values.titleEn,
      introductionSv: values.introductionSv,
      introductionEn: values.introductionEn,
      questions: sv.map((textSv, i) => ({ textSv, textEn: en[i] ?? '' })),
      opensOn: values.opensOn,
      closesOn: values.closesOn,
    };
    // Planned with a first day of today or earlier, it opens at once: that is asked first.
    const opensNow =
      consultationSchema.safeParse(input).success && values.opensOn <= swedishDate(deps.now());
    if (opensNow && !isConfirmed(req.body)) {
      const c = texts(req).confirmSteps.createOpen;
      return askFirst(req, reply, {
        heading: c.heading(values.titleSv),
        consequence: c.consequence(values.opensOn),
        confirmLabel: c.button,
        action: ADMIN_BASE,
        cancelHref: `${ADMIN_BASE}/ny`,
      });
    }
    const result = await createConsultation(s.who(req).ctx, input);
    if (!result.ok) return formPage(req, reply, values, atQuestions(result.issues), 400);
    return redirectWithNotice(reply, `${ADMIN_BASE}/${result.value.id}`, 'skapad');
  });

  const detailPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: {
      inviteIssues?: Issue[];
      meetingValues?: MeetingFormValues;
      meetingIssues?: Issue[];
      moderation?: { commentId: number; issues: Issue[]; reason: string };
    } = {},
    status = 200,
  ) => {
    manager(req);
    const { ctx } = s.who(req);
    const c = await loadConsultation(ctx, idParam(req));
    const body = consultationDetailView({
      ...view(req, reply),
      consultation: c,
      status: effectiveStatus(c, deps.now()),
      strategyName: await strategyName(deps.db, c.strategyId),
      outline: await draftOutline(deps.db, c.strategyId),
      invitees: await invitees(deps.db, c.id),
      organisations: await invitableOrganisations(deps.db),
      meetings: await listDialogueMeetings(deps.db, c.id),
      municipalities: await municipalityChoices(deps.db),
      comments: await commentsForModeration(ctx, c.id),
      inviteIssues: p.inviteIssues ?? [],
      meetingValues: p.meetingValues ?? emptyMeeting,
      meetingIssues: p.meetingIssues ?? [],
      moderation: p.moderation ?? null,
    });
    return s.show(req, reply, ADMIN_BASE, c.titleSv, body, status);
  };

  app.get(`${ADMIN_BASE}/:id`, s.read(), (req, reply) => detailPage(req, reply));

  for (const [path, open, notice] of [
    ['oppna', true, 'oppnad'],
    ['stang', false, 'stangd'],
  ] as const) {
    app.post(`${ADMIN_BASE}/:id/${path}`, s.write(), async (req, reply) => {
      const id = idParam(req);
      if (!isConfirmed(req.body)) {
        manager(req);
        const c = await loadConsultation(s.who(req).ctx, id);
        const step = texts(req).confirmSteps[open ? 'open' : 'close'];
        return askFirst(req, reply, {
          heading: step.heading(c.titleSv),
          consequence: step.consequence,
          confirmLabel: step.button,
          action: `${ADMIN_BASE}/${id}/${path}`,
          cancelHref: `${ADMIN_BASE}/${id}`,
        });
      }
      await setConsultationOpen(s.who(req).ctx, { id, open });
      return redirectWithNotice(reply, `${ADMIN_BASE}/${id}`, notice);
    });
  }

  app.post(`${ADMIN_BASE}/:id/inbjud`, s.write(), async (req, reply) => {
    const id = idParam(req);
    const { ctx } = s.who(req);
    const result = await inviteOrganisations(ctx, {
      consultationId: id,
      organisationIds: many(req.body, 'organisationIds').map(Number),
    });
    if (!result.ok) return detailPage(req, reply, { inviteIssues: result.issues }, 400);
    const c = await loadConsultation(ctx, id);
    for (const r of result.value.recipients) {
      await deps.mailer.send(
        r.email,
        consultationInvitationMail({
          organisation: r.organisationName,
          titleSv: c.titleSv,
          titleEn: c.titleEn,
          opensOn: c.opensOn,
          closesOn: c.closesOn,
          link: `${deps.baseUrl(req)}${ADMIN_BASE}/${id}/svar/${r.organisationId}`,
        }),
      );
    }
    return redirectWithNotice(reply, `${ADMIN_BASE}/${id}`, 'inbjudna');
  });

  app.post(`${ADMIN_BASE}/:id/moten`, s.write(), async (req, reply) => {
    const id = idParam(req);
    const values = Object.fromEntries(
      meetingKeys.map((k) => [k, field(req.body, k)]),
    ) as unknown as MeetingFormValues;
    const result = await recordDialogueMeeting(s.who(req).ctx, { consultationId: id, ...values });
    if (!result.ok) {
      return detailPage(req, reply, { meetingValues: values, meetingIssues: result.issues }, 400);
    }
    return redirectWithNotice(reply, `${ADMIN_BASE}/${id}`, 'mote');
  });

  app.post(`${ADMIN_BASE}/:id/kommentarer/:commentId`, s.write(), async (req, reply) => {
    const id = idParam(req);
    const commentId = idParam(req, 'commentId');
    const decision = field(req.body, 'decision');
    const reason = field(req.body, 'reason');
    const result = await moderateComment(s.who(req).ctx, {
      commentId,
      decision: decision as 'publicera',
      reason,
    });
    if (!result.ok) {
      return detailPage(
        req,
        reply,
        { moderation: { commentId, issues: result.issues, reason } },
        400,
      );
    }
    return redirectWithNotice(reply, `${ADMIN_BASE}/${id}`, 'modererad', `#kommentar-${commentId}`);
  });

  const compilePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    issues: Issue[],
    status = 200,
  ) => {
    manager(req);
    const { ctx } = s.who(req);
    const t = texts(req);
    const c = await loadConsultation(ctx, idParam(req));
    const state = effectiveStatus(c, deps.now());
    if (state === 'planerad' || state === 'oppen') {
      const body = html`<h1>${t.compileTitle}</h1><p>${t.compileNotYet}</p>`;
      return s.show(req, reply, ADMIN_BASE, t.compileTitle, body, status);
    }
    const body = compileView({
      ...view(req, reply),
      data: await compilationData(ctx, c.id),
      values,
      issues,
      editable: state === 'stangd',
    });
    return s.show(req, reply, ADMIN_BASE, t.compileTitle, body, status);
  };

  app.get(`${ADMIN_BASE}/:id/sammanstallning`, s.read(), (req, reply) =>
    compilePage(req, reply, {}, []),
  );

  app.post(`${ADMIN_BASE}/:id/sammanstallning`, s.write(), async (req, reply) => {
    manager(req);
    const id = idParam(req);
    const { ctx } = s.who(req);
    const data = await compilationData(ctx, id);
    const values: Record<string, string> = { introductionSv: field(req.body, 'introductionSv') };
    const answers: FeedbackAnswer[] = allEntries(data).map((e) => {
      const tag = field(req.body, `tag-${e.kind}-${e.id}`);
      const answer = field(req.body, answerField(e));
      values[`tag-${e.kind}-${e.id}`] = tag;
      values[answerField(e)] = answer;
      return {
        kind: e.kind,
        id: e.id,
        tag: (feedbackTags as readonly string[]).includes(tag) ? (tag as FeedbackTag) : null,
        regionAnswer: answer,
      };
    });
    const saved = await answerFeedback(ctx, { consultationId: id, answers });
    if (!saved.ok) return compilePage(req, reply, values, saved.issues, 400);
    if (field(req.body, 'action') !== 'publish') {
      return redirectWithNotice(reply, `${ADMIN_BASE}/${id}/sammanstallning`, 'besvarad');
    }
    const published = await publishCompilation(ctx, {
      consultationId: id,
      introductionSv: values.introductionSv!,
    });
    if (!published.ok) return compilePage(req, reply, values, published.issues, 400);
    return redirectWithNotice(reply, `${ADMIN_BASE}/${id}/sammanstallning`, 'publicerad');
  });

  const responsePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: { values?: ResponseFormValues; issues?: Issue[]; uploadIssues?: Issue[] } = {},
    status = 200,
  ) => {
    const { ctx } = s.who(req);
    const t = texts(req);
    const organisationId = idParam(req, 'org');
    const c = await loadConsultation(ctx, idParam(req));
    const response = await ownResponse(ctx, c.id, organisationId);
    const state = effectiveStatus(c, deps.now());
    const organisation = {
      id: organisationId,
      name: await organisationName(deps.db, organisationId),
    };
    const body = responseView({
      ...view(req, reply),
      consultation: c,
      organisation,
      outline: await draftOutline(deps.db, c.strategyId),
      response,
      values: p.values ?? responseValues(response),
      issues: p.issues ?? [],
      uploadIssues: p.uploadIssues ?? [],
      open:
        (state === 'planerad' || state === 'oppen') &&
        consultationPolicy.respond(s.who(req).actor, organisationId),
    });
    return s.show(req, reply, ADMIN_BASE, t.responseTitle(organisation.name), body, status);
  };

  const RESPONSE = `${ADMIN_BASE}/:id/svar/:org`;
  app.get(RESPONSE, s.read(), (req, reply) => responsePage(req, reply));

  app.post(RESPONSE, s.write(), async (req, reply) => {
    const id = idParam(req);
    const organisationId = idParam(req, 'org');
    const { ctx } = s.who(req);
    const c = await loadConsultation(ctx, id);
    const outline = await draftOutline(deps.db, c.strategyId);
    const keys = [
      'summary',
      'general',
      ...outline.flatMap((a) => a.goals.map((g) => `goal-${g.id}`)),
      ...(c.questions as { key: string }[]).map((q) => `question-${q.key}`),
    ];
    const values: ResponseFormValues = Object.fromEntries(keys.map((k) => [k, field(req.body, k)]));
    values.version = field(req.body, 'version');
    const version = Number(values.version);
    const items = keys
      .filter((k) => k !== 'summary')
      .map((k) => ({
        goalId: k.startsWith('goal-') ? Number(k.slice(5)) : null,
        questionKey: k.startsWith('question-') ? k.slice(9) : null,
        body: values[k]!,
      }));
    const saved = await saveResponse(ctx, {
      consultationId: id,
      organisationId,
      summary: values.summary,
      items,
      version: Number.isSafeInteger(version) && version > 0 ? version : undefined,
    });
    if (!saved.ok) return responsePage(req, reply, { values, issues: saved.issues }, 400);
    const base = `${ADMIN_BASE}/${id}/svar/${organisationId}`;
    if (field(req.body, 'action') !== 'submit') return redirectWithNotice(reply, base, 'sparad');
    const submitted = await submitResponse(ctx, { consultationId: id, organisationId });
    if (!submitted.ok) {
      values.version = String(saved.value.version);
      return responsePage(req, reply, { values, issues: submitted.issues }, 400);
    }
    return redirectWithNotice(reply, base, 'inskickad');
  });

  /** Only the organisation's members may send its attachment: checked before the body is read. */
  const mayRespond = async (req: FastifyRequest) => {
    if (!consultationPolicy.respond(s.who(req).actor, idParam(req, 'org'))) {
      throw new ForbiddenError(respondForbidden);
    }
  };

  // Multipart only in this scope, so every other form keeps its plain parser. No other parser
  // runs here: a body of any other type reaches the route unread and is answered with a page.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    await scope.register(multipart, {
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 3, fieldSize: 1000 },
      throwFileSizeLimit: false,
    });
    scope.post(
      `${RESPONSE}/bilaga`,
      {
        preHandler: [s.signedIn, verifyOrigin, mayRespond],
        bodyLimit: MAX_DOCUMENT_BYTES + 256 * 1024,
      },
      async (req, reply) => {
        const id = idParam(req);
        const organisationId = idParam(req, 'org');
        if (!req.isMultipart()) {
          const uploadIssues = [notMultipartIssue(s.who(req).locale)];
          return responsePage(req, reply, { uploadIssues }, 415);
        }
        const { file, tooBig } = await readUploadForm(req);
        // The token travels in the multipart body, so it is checked once the body is read.
        verifyCsrfToken(req);
        if (tooBig) {
          return responsePage(
            req,
            reply,
            {
              uploadIssues: [fileTooBigIssue()],
            },
            400,
          );
        }
        const result = await attachResponseDocument(s.who(req).ctx, {
          consultationId: id,
          organisationId,
          filename: file?.filename ?? '',
          contentType: file?.contentType ?? '',
          content: file?.content ?? Buffer.alloc(0),
        });
        if (!result.ok) return responsePage(req, reply, { uploadIssues: result.issues }, 400);
        return redirectWithNotice(reply, `${ADMIN_BASE}/${id}/svar/${organisationId}`, 'bilaga');
      },
    );
  });
}
