import { idParam } from './adminRouteKit.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context } from '../../domain/context.js';
import { ForbiddenError } from '../../domain/errors.js';
import {
  defineIndicator,
  indicatorPolicy,
  publishIndicator,
  updateIndicator,
} from '../../domain/followup/defineIndicator.js';
import {
  indicatorCatalogue,
  indicatorFields,
  indicatorFormChoices,
  type CatalogueRow,
  type IndicatorFields,
} from '../../domain/followup/indicatorQueries.js';
import type { Issue } from '../../domain/result.js';
import { csrfField } from '../auth/formParts.js';
import { redirectToSignIn } from '../auth/session.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { followupAdminEn } from '../i18n/followupAdmin.en.js';
import { followupAdminSv } from '../i18n/followupAdmin.sv.js';
import { sendPage } from '../page.js';
import { adminLocale } from './locale.js';
import {
  emptyValues,
  formView,
  INDICATORS_PATH,
  inputOf,
  readForm,
  valuesOf,
  type FormValues,
} from './indicatorForm.js';
import { ownValuesRoutes } from './ownValuesRoutes.js';
import { adminShell } from './views.js';
import {
  dismissSourceNotice,
  revisionsSinceReports,
  sourceNotices,
} from '../../domain/followup/sourceWatch.js';
import { sourceWatchMessages } from '../i18n/sourceWatch.en.js';
import { sourceWatchSection } from './sourceWatchView.js';
import { koladaCatalogueMessages } from '../i18n/koladaCatalogue.en.js';
import { scbCatalogueMessages } from '../i18n/scbCatalogue.en.js';

export { INDICATORS_PATH } from './indicatorForm.js';

type Messages = typeof followupAdminSv.indicators;
type Locale = 'sv' | 'en';

function catalogueView(
  t: Messages,
  locale: Locale,
  rows: CatalogueRow[],
  notice: string | null,
  watch: SafeHtml,
) {
  const value = (year: number | null, v: number | null, example = false) =>
    year === null || v === null
      ? '–'
      : html`${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(v)} (${String(year)})${example ? html` <span class="tag">${t.example}</span>` : ''}`;
  return html`<h1>${t.title}</h1>
<p>${t.lead}</p>
${notice ? html`<p class="message" role="status">${notice}</p>` : ''}
${watch}
<p><a href="${INDICATORS_PATH}/ny">${t.create}</a> · <a href="${INDICATORS_PATH}/kolada">${koladaCatalogueMessages(locale).link}</a> · <a href="${INDICATORS_PATH}/scb">${scbCatalogueMessages(locale).link}</a></p>
${
  rows.length === 0
    ? html`<p>${t.none}</p>`
    : html`<table><caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.colName}</th><th scope="col">${t.colGoal}</th><th scope="col">${t.colSource}</th><th scope="col">${t.colBaseline}</th><th scope="col">${t.colTarget}</th></tr></thead>
<tbody>${rows.map(
        (
          r,
        ) => html`<tr><th scope="row"><a href="${INDICATORS_PATH}/${String(r.id)}">${locale === 'en' ? r.nameEn : r.nameSv}</a>${r.published ? '' : html` <span class="tag">${t.draft}</span>`}${r.isDemo ? html` <span class="tag">${t.demo}</span>` : ''}${r.source === 'manual' ? html`<br><a href="${INDICATORS_PATH}/${String(r.id)}/varden">${t.ownValues}</a>` : ''}</th>
<td>${r.goalCode} ${locale === 'en' ? r.goalNameEn : r.goalNameSv}</td>
<td>${t.sourceNames[r.source] ?? r.source}${r.sourceRef ? html` <code>${r.sourceRef}</code>` : ''}</td>
<td>${value(r.baselineYear, r.baselineValue)}</td><td>${value(r.targetYear, r.targetValue, r.targetIsExample)}</td></tr>`,
      )}</tbody></table>`
}`;
}

/**
 * Above the edit form: whether the indicator is public, the step that publishes a draft (for
 * those who may), the way to its own values, and the notice of the step just taken.
 */
function stateView(t: Messages, req: FastifyRequest, f: IndicatorFields, csrf: string): SafeHtml {
  const done = (req.query as Record<string, unknown>).klart;
  const notice =
    done === 'skapad' ? t.createdDraft : done === 'publicerad' ? t.publishedNotice : '';
  const mayPublish = indicatorPolicy.publish(actorFor(req.account!));
  const id = String(f.id);
  return html`${notice ? html`<p class="message" role="status">${notice}</p>` : ''}
<section aria-labelledby="publicering" class="panel"><h2 id="publicering">${t.stateHeading}</h2>
${
  f.published
    ? html`<p>${t.isPublished} <a href="/indikatorer/${f.slug}">${t.publicPage}</a></p>`
    : html`<p><span class="tag">${t.draft}</span> ${t.isDraft}</p>
${
  mayPublish
    ? html`<form method="post" action="${INDICATORS_PATH}/${id}/publicera">${csrfField(csrf)}<button type="submit">${t.publish}</button></form>`
    : html`<p class="hint">${t.publishByEditor}</p>`
}`
}
${f.source === 'manual' ? html`<p><a href="${INDICATORS_PATH}/${id}/varden">${t.ownValues}</a></p>` : ''}
</section>`;
}

/**
 * `/admin/indikatorer`: analysts and the Region's editors keep the indicator catalogue (goal, names, source,
 * direction, baseline and target, places followed, method note).
 */
export function indicatorAdminRoutes(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  const allowed = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
    if (!indicatorPolicy.manage(actorFor(req.account))) throw new ForbiddenError();
  };
  const messages = (req: FastifyRequest) => {
    const locale = adminLocale(req);
    return { locale, t: (locale === 'en' ? followupAdminEn : followupAdminSv).indicators };
  };
  const page = (
    req: FastifyRequest,
    reply: FastifyReply,
    title: string,
    body: SafeHtml,
    status = 200,
  ) => {
    reply.header('cache-control', 'no-store');
    const locale = adminLocale(req);
    return sendPage(
      reply,
      {
        title,
        body: adminShell(req, reply, INDICATORS_PATH, body),
        path: req.url,
      },
      status,
      locale,
    );
  };
  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: { action: string; title: string; values: FormValues; issues: Issue[] },
    status = 200,
    fields?: IndicatorFields,
  ) => {
    const { locale, t } = messages(req);
    const choices = await indicatorFormChoices(deps.db);
    const issues = p.issues.map((i) => ({ ...i, message: t.issue(i.field, i.message) }));
    const csrf = csrfToken(req, reply);
    const form = formView(t, locale, { ...p, issues, csrf }, choices);
    const state = fields ? stateView(t, req, fields, csrf) : '';
    return page(req, reply, p.title, html`${state}${form}`, status);
  };
  const idOf = (req: FastifyRequest) => idParam(req);
  const ctxOf = (req: FastifyRequest) => context(deps.db, actorFor(req.account!), deps.now);

  app.get(INDICATORS_PATH, { preHandler: allowed }, async (req, reply) => {
    const { locale, t } = messages(req);
    const done = (req.query as Record<string, unknown>).klart;
    const notice =
      done === 'skapad'
        ? t.createdNotice
        : done === 'sparad'
          ? t.saved
          : done === 'sedd'
            ? sourceWatchMessages(locale).seenDone
            : null;
    const [rows, revised, notices] = await Promise.all([
      indicatorCatalogue(deps.db),
      revisionsSinceReports(deps.db),
      sourceNotices(deps.db),
    ]);
    const watch = sourceWatchSection(locale, revised, notices, csrfToken(req, reply));
    return page(req, reply, t.title, catalogueView(t, locale, rows, notice, watch));
  });

  app.post(
    `${INDICATORS_PATH}/:id/bevakning/sedd`,
    { preHandler: [allowed, verifyCsrf] },
    async (req, reply) => {
      await dismissSourceNotice(ctxOf(req), idOf(req));
      return reply.redirect(`${INDICATORS_PATH}?klart=sedd`, 303);
    },
  );

  app.get(`${INDICATORS_PATH}/ny`, { preHandler: allowed }, (req, reply) => {
    const { t } = messages(req);
    return showForm(req, reply, {
      action: INDICATORS_PATH,
      title: t.newTitle,
      values: emptyValues,
      issues: [],
    });
  });

  app.post(INDICATORS_PATH, { preHandler: [allowed, verifyCsrf] }, async (req, reply) => {
    const { t } = messages(req);
    const values = readForm((req.body ?? {}) as Record<string, unknown>);
    const result = await defineIndicator(ctxOf(req), { ...inputOf(values), draft: true });
    if (!result.ok)
      return showForm(
        req,
        reply,
        { action: INDICATORS_PATH, title: t.newTitle, values, issues: result.issues },
        400,
      );
    return reply.redirect(`${INDICATORS_PATH}/${result.value.id}?klart=skapad`, 303);
  });

  app.get(`${INDICATORS_PATH}/:id`, { preHandler: allowed }, async (req, reply) => {
    const { t } = messages(req);
    const id = idOf(req);
    const fields = await indicatorFields(deps.db, id);
    return showForm(
      req,
      reply,
      {
        action: `${INDICATORS_PATH}/${id}`,
        title: t.editTitle(adminLocale(req) === 'en' ? fields.nameEn : fields.nameSv),
        values: valuesOf(fields),
        issues: [],
      },
      200,
      fields,
    );
  });

  app.post(
    `${INDICATORS_PATH}/:id/publicera`,
    { preHandler: [allowed, verifyCsrf] },
    async (req, reply) => {
      const id = idOf(req);
      await publishIndicator(ctxOf(req), id);
      return reply.redirect(`${INDICATORS_PATH}/${id}?klart=publicerad`, 303);
    },
  );

  ownValuesRoutes(app, { ...deps, allowed, page });

  app.post(`${INDICATORS_PATH}/:id`, { preHandler: [allowed, verifyCsrf] }, async (req, reply) => {
    const { t } = messages(req);
    const id = idOf(req);
    const fields = await indicatorFields(deps.db, id);
    const values = readForm((req.body ?? {}) as Record<string, unknown>);
    const result = await updateIndicator(ctxOf(req), id, inputOf(values));
    if (!result.ok)
      return showForm(
        req,
        reply,
        {
          action: `${INDICATORS_PATH}/${id}`,
          title: t.editTitle(adminLocale(req) === 'en' ? fields.nameEn : fields.nameSv),
          values,
          issues: result.issues,
        },
        400,
        fields,
      );
    return reply.redirect(`${INDICATORS_PATH}?klart=sparad`, 303);
  });
}
