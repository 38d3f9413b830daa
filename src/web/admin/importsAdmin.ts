import { idParam } from './adminRouteKit.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context } from '../../domain/context.js';
import { ForbiddenError } from '../../domain/errors.js';
import {
  importableIndicators,
  importRunDetail,
  importRunPolicy,
  listImportRuns,
  requestImport,
  type ImportRunDetail,
  type ImportRunRow,
} from '../../domain/imports/importRuns.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { redirectToSignIn } from '../auth/session.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { followupAdminEn } from '../i18n/followupAdmin.en.js';
import { followupAdminSv } from '../i18n/followupAdmin.sv.js';
import { sendPage } from '../page.js';
import { adminLocale } from './locale.js';
import { indicatorAdminRoutes } from './indicatorsAdmin.js';
import { adminShell } from './views.js';

export const IMPORTS_PATH = '/admin/importer';
/** Seconds between reloads of a running import's page (the Refresh header: no script needed). */
const REFRESH_SECONDS = 3;

type Messages = typeof followupAdminSv.imports;
type Locale = 'sv' | 'en';

const when = (d: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Stockholm',
  }).format(d);

const duration = (ms: number | null, locale: Locale) =>
  ms === null
    ? '–'
    : ms < 1000
      ? `${ms} ms`
      : `${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(ms / 1000)} s`;

const statusText = (t: Messages, status: string) => t.status[status] ?? status;

/** A <progress> element with the same facts in words, for a running import. */
function progress(t: Messages, run: ImportRunRow): SafeHtml {
  if (!run.progressTotal)
    return html`<progress aria-label="${t.progress}"></progress> <span>${t.progressUnknown}</span>`;
  const done = Math.min(run.progressDone, run.progressTotal);
  return html`<progress max="${String(run.progressTotal)}" value="${String(done)}" aria-label="${t.progress}">${t.progressText(done, run.progressTotal)}</progress>
<span>${t.progressText(done, run.progressTotal)}</span>`;
}

function runsTable(t: Messages, locale: Locale, runs: ImportRunRow[]): SafeHtml {
  if (runs.length === 0) return html`<p>${t.none}</p>`;
  return html`<table><caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.colRun}</th><th scope="col">${t.colWhen}</th><th scope="col">${t.colSource}</th><th scope="col">${t.colWho}</th><th scope="col">${t.colStatus}</th><th scope="col">${t.colCounts}</th><th scope="col">${t.colErrors}</th><th scope="col">${t.colDuration}</th></tr></thead>
<tbody>${runs.map(
    (
      r,
    ) => html`<tr><th scope="row"><a href="${IMPORTS_PATH}/${String(r.id)}">${String(r.id)}</a></th>
<td>${when(r.startedAt, locale)}</td><td>${t.sources[r.source] ?? r.source}</td><td>${r.triggeredBy ?? t.system}</td>
<td>${r.status === 'running' ? progress(t, r) : statusText(t, r.status)}</td>
<td>${String(r.rowsNew)} / ${String(r.rowsChanged)} / ${String(r.rowsUnchanged)} / ${String(r.rowsMissing)}</td>
<td>${String(r.errorCount)}</td><td>${duration(r.durationMs, locale)}</td></tr>`,
  )}</tbody></table>`;
}

function startForm(
  t: Messages,
  csrf: string,
  indicators: { id: number; nameSv: string; nameEn: string; source: string }[],
  locale: Locale,
  issues: Issue[],
  chosen: number | null,
): SafeHtml {
  if (indicators.length === 0) return html`<p>${t.noneImportable}</p>`;
  const { errorText, describedBy, summary } = formErrors(issues);
  return html`<section aria-labelledby="starta-import">
<h2 id="starta-import">${t.startHeading}</h2>
${summary(t.errorsTitle)}
<form method="post" action="${IMPORTS_PATH}" novalidate>${csrfField(csrf)}
<div class="field"><label for="indicatorId">${t.indicator}</label>
<p class="hint" id="indicatorId-hint">${t.startHint}</p>${errorText('indicatorId')}
<select id="indicatorId" name="indicatorId" required${issues.length ? describedBy('indicatorId') : html` aria-describedby="indicatorId-hint"`}>
${indicators.map(
  (i) =>
    html`<option value="${String(i.id)}"${chosen === i.id ? html` selected` : ''}>${locale === 'en' ? i.nameEn : i.nameSv} (${t.sources[i.source] ?? i.source})</option>`,
)}
</select></div>
<button type="submit">${t.start}</button>
</form></section>`;
}

function detailView(t: Messages, locale: Locale, run: ImportRunDetail): SafeHtml {
  const row = (label: string, value: SafeHtml | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const params = Object.entries(run.params).map(
    ([k, v]) =>
      html`<dt><code>${k}</code></dt><dd>${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>`,
  );
  return html`<p><a href="${IMPORTS_PATH}">${t.back}</a></p>
<h1>${t.runTitle(run.id)}</h1>
${
  run.status === 'running'
    ? html`<section aria-labelledby="forlopp"><h2 id="forlopp">${t.progress}</h2>
<p role="status">${progress(t, run)}</p>
<p>${t.refreshNote} <a href="${IMPORTS_PATH}/${String(run.id)}">${t.refresh}</a></p></section>`
    : ''
}
<h2>${t.facts}</h2>
<dl>
${row(t.colStatus, statusText(t, run.status))}
${row(t.colSource, t.sources[run.source] ?? run.source)}
${run.indicator ? row(t.indicatorLink, html`<a href="/indikatorer/${run.indicator.slug}">${locale === 'en' ? run.indicator.nameEn : run.indicator.nameSv}</a>`) : ''}
${row(t.colWho, run.triggeredBy ?? t.system)}
${row(t.colWhen, when(run.startedAt, locale))}
${run.finishedAt ? row(t.finished, when(run.finishedAt, locale)) : ''}
${row(t.duration, duration(run.durationMs, locale))}
</dl>
<h2>${t.parameters}</h2>
<dl>${params}</dl>
<h2>${t.counts}</h2>
<dl>
${row(t.read, String(run.rowsRead))}
${row(t.fresh, String(run.rowsNew))}
${row(t.changed, String(run.rowsChanged))}
${row(t.unchanged, String(run.rowsUnchanged))}
${row(t.missing, String(run.rowsMissing))}
</dl>
<h2>${t.errorsHeading}</h2>
${
  run.errors.length === 0
    ? html`<p>${t.noErrors}</p>`
    : html`<table><caption>${t.errorsCaption}</caption>
<thead><tr><th scope="col">${t.colRow}</th><th scope="col">${t.colField}</th><th scope="col">${t.colMessage}</th></tr></thead>
<tbody>${run.errors.map(
        (e) =>
          html`<tr><td>${e.row > 0 ? String(e.row) : t.whole}</td><td>${e.field === '_' ? '' : e.field}</td><td>${e.message}</td></tr>`,
      )}</tbody></table>`
}`;
}

/**
 * `/admin/importer`: the import runs with their counts, errors and progress, and a form with which
 * editors queue an import of an indicator from its source.
 */
export function importAdminRoutes(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  const allowed = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
    if (!importRunPolicy.manage(actorFor(req.account))) throw new ForbiddenError();
  };
  const messages = (req: FastifyRequest) => {
    const locale = adminLocale(req);
    return { locale, t: (locale === 'en' ? followupAdminEn : followupAdminSv).imports };
  };

  const showList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { issues: Issue[]; chosen: number | null; notice: string | null },
    status = 200,
  ) => {
    const { locale, t } = messages(req);
    const [runs, indicators] = await Promise.all([
      listImportRuns(deps.db),
      importableIndicators(deps.db),
    ]);
    if (runs.some((r) => r.status === 'running')) reply.header('refresh', String(REFRESH_SECONDS));
    const body = adminShell(
      IMPORTS_PATH,
      actorFor(req.account!),
      html`<h1>${t.title}</h1>
<p>${t.lead}</p>
${form.notice ? html`<p class="message" role="status">${form.notice}</p>` : ''}
${startForm(t, csrfToken(req, reply), indicators, locale, form.issues, form.chosen)}
<h2>${t.listHeading}</h2>
${runsTable(t, locale, runs)}`,
      adminLocale(req),
    );
    reply.header('cache-control', 'no-store');
    return sendPage(reply, { title: t.title, body, path: req.url }, status, locale);
  };

  app.get(IMPORTS_PATH, { preHandler: allowed }, (req, reply) => {
    const { t } = messages(req);
    const queued = (req.query as Record<string, unknown>).klart === 'koad';
    return showList(req, reply, { issues: [], chosen: null, notice: queued ? t.queued : null });
  });

  app.post(IMPORTS_PATH, { preHandler: [allowed, verifyCsrf] }, async (req, reply) => {
    const { t } = messages(req);
    const raw = Number((req.body as Record<string, unknown> | undefined)?.indicatorId);
    const indicatorId = Number.isSafeInteger(raw) && raw > 0 ? raw : 0;
    const result = await requestImport(context(deps.db, actorFor(req.account!), deps.now), {
      indicatorId,
    });
    if (!result.ok) {
      const issues = result.issues.map((i) => ({ ...i, message: t.issue(i.field, i.message) }));
      return showList(req, reply, { issues, chosen: indicatorId || null, notice: null }, 400);
    }
    return reply.redirect(`${IMPORTS_PATH}?klart=koad`, 303);
  });

  app.get(`${IMPORTS_PATH}/:id`, { preHandler: allowed }, async (req, reply) => {
    const { locale, t } = messages(req);
    const run = await importRunDetail(deps.db, idParam(req));
    if (run.status === 'running') reply.header('refresh', String(REFRESH_SECONDS));
    reply.header('cache-control', 'no-store');
    const body = adminShell(
      IMPORTS_PATH,
      actorFor(req.account!),
      detailView(t, locale, run),
      adminLocale(req),
    );
    return sendPage(reply, { title: t.runTitle(run.id), body, path: req.url }, 200, locale);
  });
}

/** The follow-up admin pages: import runs and the indicator catalogue. */
export function followupAdminRoutes(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  importAdminRoutes(app, deps);
  indicatorAdminRoutes(app, deps);
}
