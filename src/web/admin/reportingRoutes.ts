import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCurator } from '../../domain/actors/policies.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { checkInProgressReport } from '../../domain/followup/progressReportCheckIn.js';
import { progressReportPolicy } from '../../domain/followup/progressReportPolicy.js';
import {
  findProgressReport,
  reportableInitiative,
  reportForPeriod,
  reportingTasks,
  reportsAwaitingReview,
  type ReportDetail,
  type ReportableInitiative,
} from '../../domain/followup/progressReportQueries.js';
import { reviewProgressReport } from '../../domain/followup/progressReportReview.js';
import type { ProgressReportInput } from '../../domain/followup/progressReportSchema.js';
import {
  createReportingPeriod,
  openReportingPeriod,
} from '../../domain/followup/reportingPeriods.js';
import {
  findReportingPeriod,
  listReportingPeriods,
  periodStatus,
  phantomOwners,
} from '../../domain/followup/reportingPeriodsQueries.js';
import { submitProgressReport } from '../../domain/followup/submitProgressReport.js';
import type { Issue } from '../../domain/result.js';
import { progressReportReturnedMail } from '../../mail/templates.js';
import { csrfToken } from '../csrf.js';
import { reportingEn } from '../i18n/reporting.en.js';
import { reportingSv } from '../i18n/reporting.sv.js';
import { annualReportAdminRoutes } from './annualReportRoutes.js';
import { evaluationsAdminRoutes } from './evaluationsRoutes.js';
import { logicModelAdminRoutes } from './logicModelRoutes.js';
import { ownerEmails } from '../../domain/actors/recipients.js';
import {
  adminRouteKit,
  field,
  messagesFor,
  noticeOf,
  numberField,
  redirectWithNotice,
  type AdminDeps,
  idParam,
} from './adminRouteKit.js';
import {
  hubView,
  overdueView,
  periodsView,
  reportFormView,
  reviewQueueView,
  reviewView,
  type PeriodFormValues,
  type ReportFormValues,
} from './reportingViews.js';

const HUB = '/admin/rapportering';
const messages = messagesFor(reportingSv, reportingEn);

/** Reads the report form: the values to show again and the command's input. */
function readReportForm(body: unknown, initiative: ReportableInitiative) {
  const values: ReportFormValues = {
    trafficLight: field(body, 'trafficLight'),
    narrative: field(body, 'narrative'),
    deviationExplanation: field(body, 'deviationExplanation'),
    participantsK: field(body, 'outputs.participantsK'),
    participantsM: field(body, 'outputs.participantsM'),
    companiesReached: field(body, 'outputs.companiesReached'),
    other: [0, 1, 2].map((n) => ({
      label: field(body, `outputs.other.${n}.label`),
      count: field(body, `outputs.other.${n}.count`),
    })),
    spent: Object.fromEntries(
      initiative.fundingLines.map((l, n) => [
        l.id,
        field(body, `spentByFundingLine.${n}.amountSek`),
      ]),
    ),
  };
  const other = [0, 1, 2]
    .map((n) => ({
      n,
      label: field(body, `outputs.other.${n}.label`),
      count: numberField(body, `outputs.other.${n}.count`),
    }))
    .filter((o) => o.label !== '' || o.count !== undefined);
  const input = {
    trafficLight: values.trafficLight || undefined,
    narrative: values.narrative,
    deviationExplanation: values.deviationExplanation,
    outputs: {
      participantsK: numberField(body, 'outputs.participantsK'),
      participantsM: numberField(body, 'outputs.participantsM'),
      companiesReached: numberField(body, 'outputs.companiesReached'),
      other: other.map((o) => ({ label: o.label, count: o.count ?? Number.NaN })),
    },
    spentByFundingLine: initiative.fundingLines.flatMap((l, n) => {
      const amount = numberField(body, `spentByFundingLine.${n}.amountSek`);
      return amount === undefined ? [] : [{ fundingLineId: l.id, amountSek: amount }];
    }),
  };
  // Issues of filtered "other" rows point at the row the user typed in.
  const otherIndex = other.map((o) => o.n);
  return { values, input, otherIndex };
}

function valuesOf(r: ReportDetail | null, initiative: ReportableInitiative): ReportFormValues {
  if (!r) return {};
  const s = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    trafficLight: r.trafficLight,
    narrative: r.isCheckIn ? '' : r.narrative,
    deviationExplanation: r.deviationExplanation,
    participantsK: s(r.outputs.participantsK),
    participantsM: s(r.outputs.participantsM),
    companiesReached: s(r.outputs.companiesReached),
    other: (r.outputs.other ?? []).map((o) => ({ label: o.label, count: String(o.count) })),
    spent: Object.fromEntries(
      initiative.fundingLines.map((l) => [
        l.id,
        s(r.spentByFundingLine.find((x) => x.fundingLineId === l.id)?.amountSek),
      ]),
    ),
  };
}

/** Progress reports: owners' forms, periods, review and the overdue view. */
export function reportingAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const s = adminRouteKit(deps);
  const curatorOnly = (req: FastifyRequest) => {
    if (!progressReportPolicy.review(s.who(req).actor)) throw new ForbiddenError();
  };

  app.get(HUB, s.read(), async (req, reply) => {
    const { actor, locale } = s.who(req);
    const t = messages(req);
    const curator = isCurator(actor);
    const tasks = await reportingTasks(
      deps.db,
      actor.kind === 'user' && actor.role === 'aktor' ? actor.organisationIds : [],
    );
    const waiting = curator ? (await reportsAwaitingReview(deps.db)).length : 0;
    const year = deps.now().getUTCFullYear();
    return s.show(
      req,
      reply,
      HUB,
      t.hubTitle,
      hubView({ t, locale, tasks, curator, waiting, years: [year, year - 1, year - 2] }),
    );
  });

  // Periods
  const periodsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: PeriodFormValues,
    issues: Issue[],
    status = 200,
  ) => {
    const t = messages(req);
    const body = periodsView({
      t,
      locale: s.who(req).locale,
      periods: await listReportingPeriods(deps.db),
      values,
      issues,
      csrf: csrfToken(req, reply),
      notice: noticeOf(req, t.notices),
    });
    return s.show(req, reply, HUB, t.periodsTitle, body, status);
  };

  app.get(`${HUB}/perioder`, s.read(), async (req, reply) => {
    curatorOnly(req);
    return periodsPage(req, reply, {}, []);
  });

  app.post(`${HUB}/perioder`, s.write(), async (req, reply) => {
    curatorOnly(req);
    const b = req.body;
    const keys = [
      'kind',
      'year',
      'tertial',
      'periodStart',
      'periodEnd',
      'nameSv',
      'nameEn',
      'dueDate',
      'remindDaysBefore',
    ] as const;
    const values = Object.fromEntries(keys.map((k) => [k, field(b, k)])) as PeriodFormValues;
    const kind = values.kind as 'ar' | 'tertial' | 'annan';
    const result = await createReportingPeriod(s.who(req).ctx, {
      kind,
      year: kind === 'annan' ? undefined : numberField(b, 'year'),
      tertial: kind === 'tertial' ? numberField(b, 'tertial') : undefined,
      periodStart: kind === 'annan' ? values.periodStart || undefined : undefined,
      periodEnd: kind === 'annan' ? values.periodEnd || undefined : undefined,
      nameSv: values.nameSv,
      nameEn: values.nameEn,
      dueDate: values.dueDate ?? '',
      remindDaysBefore: numberField(b, 'remindDaysBefore'),
    });
    if (!result.ok) return periodsPage(req, reply, values, result.issues, 400);
    return redirectWithNotice(reply, `${HUB}/perioder`, 'skapad');
  });

  app.post(`${HUB}/perioder/:id/oppna`, s.write(), async (req, reply) => {
    curatorOnly(req);
    await openReportingPeriod(s.who(req).ctx, { id: idParam(req) });
    return redirectWithNotice(reply, `${HUB}/perioder`, 'oppnad');
  });

  // The owner's report for a period
  const loadTask = async (req: FastifyRequest) => {
    const { actor } = s.who(req);
    const period = await findReportingPeriod(deps.db, idParam(req, 'periodId'));
    const initiative = await reportableInitiative(deps.db, idParam(req, 'initiativeId'));
    if (!period?.openedAt || !initiative) throw new NotFoundError();
    if (!progressReportPolicy.read(actor, initiative.ownerOrganisationId))
      throw new NotFoundError();
    return { period, initiative };
  };
  const findReportFor = (periodId: number, initiativeId: number) =>
    reportForPeriod(deps.db, periodId, initiativeId);
  const reportPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    issues: Issue[],
    values: ReportFormValues | null,
    status = 200,
  ) => {
    const { period, initiative } = await loadTask(req);
    const report = await findReportFor(period.id, initiative.id);
    const t = messages(req);
    const { actor } = s.who(req);
    const mayReport = progressReportPolicy.report(actor, initiative.ownerOrganisationId);
    const earlier = await reportingTasks(deps.db, [initiative.ownerOrganisationId]);
    const canCheckIn =
      mayReport && earlier.some((e) => e.initiativeId === initiative.id && e.hasEarlierReport);
    const body = reportFormView({
      t,
      locale: s.who(req).locale,
      period,
      initiative,
      report,
      mayReport,
      values: values ?? valuesOf(report, initiative),
      issues,
      csrf: csrfToken(req, reply),
      notice: noticeOf(req, t.notices),
      canCheckIn,
    });
    return s.show(req, reply, HUB, t.reportTitle(initiative.title), body, status);
  };

  app.get(`${HUB}/:periodId/:initiativeId`, s.read(), (req, reply) =>
    reportPage(req, reply, [], null),
  );

  app.post(`${HUB}/:periodId/:initiativeId`, s.write(), async (req, reply) => {
    const { period, initiative } = await loadTask(req);
    const { ctx } = s.who(req);
    const existing = await findReportFor(period.id, initiative.id);
    const action = field(req.body, 'action');
    const back = `${HUB}/${period.id}/${initiative.id}`;
    if (action === 'checkin') {
      const result = await checkInProgressReport(ctx, {
        initiativeId: initiative.id,
        reportingPeriodId: period.id,
        id: existing?.id,
      });
      if (!result.ok) return reportPage(req, reply, result.issues, null, 400);
      return redirectWithNotice(reply, back, result.value.state);
    }
    const { values, input, otherIndex } = readReportForm(req.body, initiative);
    const result = await submitProgressReport(
      ctx,
      {
        ...(input as Omit<ProgressReportInput, 'initiativeId'>),
        initiativeId: initiative.id,
        reportingPeriodId: period.id,
      },
      { id: existing?.id, draft: action === 'draft' },
    );
    if (!result.ok) {
      const issues = result.issues.map((i) => {
        if (i.code === 'explanation_required')
          return { ...i, message: messages(req).explanationRequired };
        const m = /^outputs\.other\.(\d+)\.(.+)$/.exec(i.field);
        if (m) return { ...i, field: `outputs.other.${otherIndex[Number(m[1])]}.${m[2]}` };
        const l = /^spentByFundingLine\.(\d+)/.exec(i.field);
        if (l) {
          const line = input.spentByFundingLine[Number(l[1])];
          const n = initiative.fundingLines.findIndex((f) => f.id === line?.fundingLineId);
          return { ...i, field: `spentByFundingLine.${n}.amountSek` };
        }
        return i;
      });
      return reportPage(req, reply, issues, values, 400);
    }
    const notice = action === 'draft' ? 'sparad' : result.value.state;
    return redirectWithNotice(reply, back, notice);
  });

  // Review
  app.get(`${HUB}/granska`, s.read(), async (req, reply) => {
    curatorOnly(req);
    const t = messages(req);
    const body = reviewQueueView({
      t,
      locale: s.who(req).locale,
      rows: await reportsAwaitingReview(deps.db),
      notice: noticeOf(req, t.notices),
    });
    return s.show(req, reply, HUB, t.reviewTitle, body);
  });

  const reviewPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    issues: Issue[],
    comment: string,
    status = 200,
  ) => {
    curatorOnly(req);
    const report = await findProgressReport(deps.db, idParam(req));
    if (!report) throw new NotFoundError();
    const t = messages(req);
    const body = reviewView({
      t,
      locale: s.who(req).locale,
      report,
      initiative: await reportableInitiative(deps.db, report.initiativeId),
      csrf: csrfToken(req, reply),
      issues,
      comment,
    });
    return s.show(req, reply, HUB, t.reportTitle(report.title), body, status);
  };

  app.get(`${HUB}/granska/:id`, s.read(), (req, reply) => reviewPage(req, reply, [], ''));

  app.post(`${HUB}/granska/:id`, s.write(), async (req, reply) => {
    curatorOnly(req);
    const id = idParam(req);
    const decision = field(req.body, 'decision') === 'return' ? 'return' : 'publish';
    const comment = field(req.body, 'comment');
    const result = await reviewProgressReport(
      s.who(req).ctx,
      decision === 'return' ? { id, decision, comment } : { id, decision },
    );
    if (!result.ok) return reviewPage(req, reply, result.issues, comment, 400);
    if (decision === 'return') {
      const report = await findProgressReport(deps.db, id);
      const mail = progressReportReturnedMail({
        title: result.value.title,
        comment,
        link: `${deps.baseUrl(req)}${HUB}/${report?.reportingPeriodId ?? ''}/${result.value.initiativeId}`,
      });
      for (const to of await ownerEmails(deps.db, result.value.initiativeId)) {
        await deps.mailer.send(to, mail);
      }
    }
    return redirectWithNotice(
      reply,
      `${HUB}/granska`,
      decision === 'return' ? 'returnerad' : 'publicerad',
    );
  });

  // Overdue and never-reporting initiatives
  app.get('/admin/uppfoljning/rapporter', s.read(), async (req, reply) => {
    curatorOnly(req);
    const raw = Number((req.query as Record<string, unknown>).n ?? 3);
    const n = Number.isInteger(raw) && raw >= 1 && raw <= 20 ? raw : 3;
    const today = deps.now();
    const opened = (await listReportingPeriods(deps.db)).filter((p) => p.openedAt);
    const periods = await Promise.all(
      opened.map(async (period) => ({ period, rows: await periodStatus(deps.db, period, today) })),
    );
    const t = messages(req);
    const body = overdueView({
      t,
      locale: s.who(req).locale,
      periods,
      phantoms: await phantomOwners(deps.db, n, today),
      n,
    });
    return s.show(req, reply, HUB, t.overdueTitle, body);
  });

  evaluationsAdminRoutes(app, deps);
  logicModelAdminRoutes(app, deps);
  annualReportAdminRoutes(app, deps);
}
