import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { queryRows } from '../../db/rows.js';
import { isCurator } from '../../domain/actors/policies.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { buildAnnualReport } from '../../domain/evaluation/annualReport.js';
import { publishFollowUpReport } from '../../domain/evaluation/publishFollowUpReport.js';
import {
  reportDraft,
  saveReportIntroductions,
  type AreaIntroductions,
} from '../../domain/evaluation/saveReportIntroductions.js';
import type { Issue } from '../../domain/result.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { confirmationPage, isConfirmed, warningButton } from '../components/confirmStep.js';
import { csrfToken } from '../csrf.js';
import { html } from '../html.js';
import { formatDate, type Locale } from '../i18n/index.js';
import { reportingEn } from '../i18n/reporting.en.js';
import { reportingSv } from '../i18n/reporting.sv.js';
import { annualReportBody } from '../public/annualReportView.js';
import {
  adminRouteKit,
  field,
  messagesFor,
  noticeOf,
  redirectWithNotice,
  type AdminDeps,
} from './adminRouteKit.js';
import { textareaField } from './formFields.js';

const messages = messagesFor(reportingSv, reportingEn);

/** The report as it would be published, in full. */
const previewSection = (
  t: typeof reportingSv,
  locale: Locale,
  preview: Awaited<ReturnType<typeof buildAnnualReport>>,
) => html`<section class="report-preview" aria-labelledby="preview-title"><h2 id="preview-title">${t.preview}</h2>
<p>${t.previewNote}</p>
${annualReportBody(locale, preview)}
</section>`;

/** Editors write the introductions of a year's report, preview it with today's data and publish it. */
export function annualReportAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const s = adminRouteKit(deps);
  const yearOf = (req: FastifyRequest) => {
    if (!isCurator(s.who(req).actor)) throw new ForbiddenError();
    const year = Number((req.params as { year: string }).year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new NotFoundError('Året finns inte.');
    return year;
  };
  const areasOf = async () => {
    const strategy = await currentStrategy(deps.db);
    return queryRows<{ id: number; nameSv: string }>(
      deps.db,
      sql`select id, name_sv as "nameSv" from goal_areas where strategy_id = ${strategy.id} order by position, id`,
    );
  };

  const previewOf = (year: number, saved: { introduction: string; areas: AreaIntroductions }) =>
    buildAnnualReport(deps.db, year, {
      introduction: saved.introduction,
      areaIntroductions: saved.areas,
      now: deps.now(),
    });

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { introduction: string; areas: AreaIntroductions } | null,
    issues: Issue[],
    status = 200,
  ) => {
    const year = yearOf(req);
    const t = messages(req);
    const { locale } = s.who(req);
    const draft = await reportDraft(deps.db, year);
    const areas = await areasOf();
    const saved = {
      introduction: draft?.introduction ?? '',
      areas: (draft?.areaIntroductions ?? {}) as AreaIntroductions,
    };
    const v = form ?? saved;
    const f = formErrors(issues);
    const csrf = csrfToken(req, reply);
    const title = t.annualTitle(year);
    if (draft?.status === 'published' && draft.publishedAt) {
      const body = html`<h1>${title}</h1><p>${t.reportPublished(formatDate(locale, draft.publishedAt))}</p>
<p><a href="${locale === 'en' ? '/en' : ''}/utvecklingsaret/${year}">${t.viewPublished}</a></p>`;
      return s.show(req, reply, '/admin/rapportering', title, body, status);
    }
    const preview = await previewOf(year, saved);
    const body = html`<h1>${title}</h1>${noticeOf(req, t.annualNotices)}
${f.summary(t.formErrors)}
<form method="post" action="/admin/rapporter/${year}" novalidate>${csrfField(csrf)}
${textareaField(issues, { name: 'introduction', label: t.annualIntro, value: v.introduction, rows: 4 })}
${areas.map(
  (a) => html`<fieldset><legend>${t.areaIntro(a.nameSv)}</legend>
${textareaField(issues, { name: `areas.${a.id}.sv`, label: t.swedish, value: v.areas[a.id]?.sv ?? '', rows: 3 })}
${textareaField(issues, { name: `areas.${a.id}.en`, label: t.english, value: v.areas[a.id]?.en ?? '', rows: 3 })}
</fieldset>`,
)}
<button type="submit">${t.saveIntros}</button>
</form>
<p>${t.publishBelow}</p>
${previewSection(t, locale, preview)}
<form method="post" action="/admin/rapporter/${year}/publicera">${csrfField(csrf)}${warningButton(t.publishReport)}</form>`;
    return s.show(req, reply, '/admin/rapportering', title, body, status);
  };

  app.get('/admin/rapporter/:year', s.read(), (req, reply) => page(req, reply, null, []));

  app.post('/admin/rapporter/:year', s.write(), async (req, reply) => {
    const year = yearOf(req);
    const areas: AreaIntroductions = Object.fromEntries(
      (await areasOf()).map((a) => [
        String(a.id),
        { sv: field(req.body, `areas.${a.id}.sv`), en: field(req.body, `areas.${a.id}.en`) },
      ]),
    );
    const introduction = field(req.body, 'introduction');
    const result = await saveReportIntroductions(s.who(req).ctx, { year, introduction, areas });
    if (!result.ok) return page(req, reply, { introduction, areas }, result.issues, 400);
    return redirectWithNotice(reply, `/admin/rapporter/${year}`, 'sparad');
  });

  app.post('/admin/rapporter/:year/publicera', s.write(), async (req, reply) => {
    const year = yearOf(req);
    if (!isConfirmed(req.body)) {
      const t = messages(req);
      const { locale } = s.who(req);
      const draft = await reportDraft(deps.db, year);
      if (draft?.status === 'published') return page(req, reply, null, []);
      const preview = await previewOf(year, {
        introduction: draft?.introduction ?? '',
        areas: (draft?.areaIntroductions ?? {}) as AreaIntroductions,
      });
      const body = confirmationPage({
        locale,
        heading: t.publishHeading(year),
        consequence: t.publishConsequence,
        action: `/admin/rapporter/${year}/publicera`,
        csrf: csrfToken(req, reply),
        body: req.body,
        confirmLabel: t.publishConfirm,
        cancelHref: `/admin/rapporter/${year}`,
        preview: previewSection(t, locale, preview),
      });
      return s.show(req, reply, '/admin/rapportering', t.publishHeading(year), body);
    }
    await publishFollowUpReport(s.who(req).ctx, { year });
    return redirectWithNotice(reply, `/admin/rapporter/${year}`, 'publicerad');
  });
}
