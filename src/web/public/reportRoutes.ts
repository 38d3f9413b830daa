import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { analyseCoverage, loadFundedInitiatives } from '../../domain/evaluation/coverage.js';
import { coverageLabels } from '../../domain/evaluation/coverageReference.js';
import {
  publishedReport,
  publishedReports,
} from '../../domain/evaluation/publishFollowUpReport.js';
import { NotFoundError } from '../../domain/errors.js';
import { html, type SafeHtml } from '../html.js';
import { revisionsSinceReports, type ReportRevisions } from '../../domain/followup/sourceWatch.js';
import { sourceWatchMessages } from '../i18n/sourceWatch.en.js';
import { formatDate, localePath, messages, type Locale } from '../i18n/index.js';
import type { PageCache } from '../pageCache.js';
import { PdfUnavailableError, renderPdf } from '../pdf.js';
import { chromiumPath } from '../siteConfig.js';
import { reportDocument } from '../reportDocument.js';
import { annualReportBody } from './annualReportView.js';
import { coveragePage } from './coveragePage.js';
import type { ServePage } from '../page.js';
import { yearQuery } from './yearQuery.js';

const HTML = 'text/html; charset=utf-8';

/**
 * The dated notice above a frozen report whose values the sources revised afterwards: how many,
 * since when, and the indicators whose pages hold the current values. The report stays as it was.
 */
function revisedNotice(locale: Locale, r: ReportRevisions): SafeHtml {
  const w = sourceWatchMessages(locale);
  return html`<section class="notice" aria-labelledby="reviderat">
<h2 id="reviderat">${w.reportHeading}</h2>
<p>${w.reportNotice(r.count, formatDate(locale, r.publishedAt), formatDate(locale, r.latest))}</p>
<ul>${r.indicators.map(
    (i) =>
      html`<li><a href="${localePath(locale, `/indikatorer/${i.slug}`)}#revideringar">${locale === 'sv' ? i.nameSv : i.nameEn}</a> (${w.revisedCount(i.count)})</li>`,
  )}</ul>
</section>`;
}

/** Coverage and the annual follow-up reports, in one language. */
export function reportRoutes(r: {
  app: FastifyInstance;
  db: Db;
  cache: PageCache;
  locale: Locale;
  page: ServePage;
  baseUrl: (req: FastifyRequest) => string;
}) {
  const { app, db, cache, locale, page, baseUrl } = r;
  const t = messages(locale);
  const at = (path: string) => localePath(locale, path);

  app.get(at('/tackning'), (req, reply) =>
    page(req, reply, async () => {
      const { ar } = yearQuery.parse(req.query);
      const [initiatives, labels] = await Promise.all([
        loadFundedInitiatives(db),
        coverageLabels(db),
      ]);
      const years = [...new Set(initiatives.flatMap((i) => i.funding.map((f) => f.year)))].sort(
        (a, b) => b - a,
      );
      const year = ar !== undefined && years.includes(ar) ? ar : null;
      const coverage = analyseCoverage(
        initiatives,
        {
          goals: labels.goals.map((g) => g.key),
          places: labels.places.map((p) => p.key),
          perspectives: labels.perspectives.map((p) => p.key),
        },
        year,
      );
      return { title: t.coverageTitle, body: coveragePage(locale, coverage, labels, years) };
    }),
  );

  app.get(at('/utvecklingsaret'), (req, reply) =>
    page(req, reply, async () => {
      const reports = await publishedReports(db);
      return {
        title: t.reportsTitle,
        body: html`<h1>${t.reportsTitle}</h1>
<p class="lead">${t.reportsIntro}</p>
${reports.length === 0 ? html`<p>${t.noReports}</p>` : html`<ul>${reports.map((r) => html`<li><a href="${at(`/utvecklingsaret/${r.year}`)}">${t.reportTitle(r.year)}</a></li>`)}</ul>`}`,
      };
    }),
  );

  const reportYear = (req: FastifyRequest) => {
    const year = z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .safeParse((req.params as { year: string }).year);
    if (!year.success) throw new NotFoundError('Rapporten finns inte.');
    return year.data;
  };

  app.get(at('/utvecklingsaret/:year'), (req, reply) =>
    page(req, reply, async () => {
      const { data, publishedAt } = await publishedReport(db, reportYear(req));
      const [revised] = await revisionsSinceReports(db, data.year);
      return {
        title: t.reportTitle(data.year),
        body: html`${revised ? revisedNotice(locale, revised) : ''}${annualReportBody(locale, data)}
<p>${t.reportPublishedOn(formatDate(locale, publishedAt))}</p>
<p><a href="${at(`/utvecklingsaret/${data.year}/rapport.pdf`)}">${t.reportPdf}</a> · <a href="${at(`/utvecklingsaret/${data.year}/utskrift`)}">${t.reportPrint}</a></p>`,
      };
    }),
  );

  app.get(at('/utvecklingsaret/:year/utskrift'), (req, reply) =>
    cache.serve(req, reply, async () => {
      const { data } = await publishedReport(db, reportYear(req));
      return {
        type: HTML,
        body: await reportDocument(locale, data, baseUrl(req), { inlineCss: false }),
      };
    }),
  );

  const pdfs = new Map<string, Buffer>();
  app.get(at('/utvecklingsaret/:year/rapport.pdf'), async (req, reply) => {
    const { data, publishedAt } = await publishedReport(db, reportYear(req));
    // The snapshot never changes, so neither does its PDF.
    const key = `${locale}:${data.year}:${publishedAt.toISOString()}`;
    let pdf = pdfs.get(key);
    if (!pdf) {
      try {
        pdf = await renderPdf(await reportDocument(locale, data, baseUrl(req)), chromiumPath(req));
      } catch (err) {
        if (err instanceof PdfUnavailableError) {
          return reply.status(503).type('text/plain; charset=utf-8').send(err.message);
        }
        throw err;
      }
      pdfs.set(key, pdf);
    }
    return reply
      .type('application/pdf')
      .header(
        'content-disposition',
        `inline; filename="regionala-utvecklingsaret-${data.year}.pdf"`,
      )
      .header('cache-control', 'public, max-age=3600')
      .send(pdf);
  });
}
