import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context } from '../../domain/context.js';
import {
  addScbIndicator,
  choosableVariables,
  regionVariable,
  timeVariable,
} from '../../domain/followup/addScbIndicator.js';
import { indicatorFormChoices } from '../../domain/followup/indicatorQueries.js';
import type { ScbTable, ScbTableMetadata } from '../../domain/imports/scb/scbCatalogue.js';
import { scbClient } from '../../domain/imports/scb/scbClient.js';
import { SourceError } from '../../domain/imports/sourceHttp.js';
import type { Issue } from '../../domain/result.js';
import { csrfField } from '../auth/formParts.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/index.js';
import { scbCatalogueMessages } from '../i18n/scbCatalogue.en.js';
import { field, queryParam } from './adminRouteKit.js';
import { INDICATORS_PATH } from './indicatorForm.js';
import { adminLocale } from './locale.js';
import {
  allowedToKeepIndicators,
  errorBox,
  goalAndDirection,
  type Goal,
  MAX_QUERY,
  searchForm,
  sendCataloguePage,
  SHOWN,
} from './sourceCatalogueParts.js';

export const SCB_CATALOGUE_PATH = `${INDICATORS_PATH}/scb`;
type Locale = 'sv' | 'en';

function searchView(
  locale: Locale,
  q: string,
  found: { tables: ScbTable[]; total: number } | null,
  error: string | null,
): SafeHtml {
  const m = scbCatalogueMessages(locale);
  const shown = found?.tables.slice(0, SHOWN) ?? [];
  return html`<h1>${m.title}</h1>
<p>${m.lead}</p>
${errorBox(error)}
${searchForm(SCB_CATALOGUE_PATH, m, q)}
${
  found === null
    ? ''
    : shown.length === 0
      ? html`<p role="status">${m.none(q)}</p>`
      : html`<p role="status">${m.results(shown.length, found.total, q)}</p>
<ul class="scb-tables">${shown.map(
          (
            t,
          ) => html`<li><a href="${SCB_CATALOGUE_PATH}/${encodeURIComponent(t.id)}?sok=${encodeURIComponent(q)}"><code>${t.id}</code> <span lang="sv">${t.label}</span></a>${t.discontinued ? html` <span class="tag">${m.discontinued}</span>` : ''}
<br>${m.periods}: ${t.firstPeriod ?? '–'}–${t.lastPeriod ?? '–'} · ${m.variables}: <span lang="sv">${(t.variableNames ?? []).join(', ')}</span>${t.updated ? html` · ${m.updated} ${formatDate(locale, t.updated)}` : ''}</li>`,
        )}</ul>`
}`;
}

function tableView(
  locale: Locale,
  meta: ScbTableMetadata,
  goals: Goal[],
  state: { q: string; chosen: Record<string, string>; error: string | null; issues: Issue[] },
  csrf: string,
): SafeHtml {
  const m = scbCatalogueMessages(locale);
  const fixed = meta.variables
    .filter((v) => !choosableVariables(meta).includes(v))
    .map((v) => v.label)
    .join(', ');
  const back = `${SCB_CATALOGUE_PATH}?sok=${encodeURIComponent(state.q)}`;
  return html`<p><a href="${back}">${m.back}</a></p>
<h1>${m.tableTitle(meta.id)}</h1>
<p lang="sv">${meta.label}</p>
${errorBox(state.error, state.issues)}
<p>${m.fixed(fixed)}</p>
<form method="post" action="${SCB_CATALOGUE_PATH}/${encodeURIComponent(meta.id)}">${csrfField(csrf)}
<input type="hidden" name="sok" value="${state.q}">
<fieldset><legend>${m.choose}</legend>
${choosableVariables(meta).map((v) => {
  const id = `v-${v.code.replace(/[^\w-]/g, '_')}`;
  return html`<div class="field"><label for="${id}" lang="sv">${v.label}</label><select id="${id}" name="v.${v.code}">${
    v.eliminable ? html`<option value="">${m.leaveOut}</option>` : ''
  }${v.values.map(
    (x) =>
      html`<option value="${x.code}"${state.chosen[v.code] === x.code ? html` selected` : ''}>${x.label}</option>`,
  )}</select></div>`;
})}
</fieldset>
${goalAndDirection(locale, '', goals, state.chosen, m)}
<button type="submit">${m.add}</button>
</form>`;
}

/**
 * `/admin/indikatorer/scb`: analysts search SCB's tables (PxWebApi 2.0 `/tables?query=`), open a
 * table's variables (`/tables/{id}/metadata`), choose one value of each beside region, time and
 * gender, and add the table on a goal as a draft indicator that keeps the selection. A failed
 * request or step says why and keeps what was typed and chosen.
 */
export function scbCatalogueRoutes(
  app: FastifyInstance,
  deps: { db: Db; now: () => Date; scbV1BaseUrl: string; scbV2BaseUrl: string },
) {
  const client = () => scbClient({ v1: deps.scbV1BaseUrl, v2: deps.scbV2BaseUrl });
  const tableOf = (req: FastifyRequest) => {
    const t = String((req.params as { table?: string }).table ?? '');
    return /^[A-Za-z0-9_]{1,40}$/.test(t) ? t : null;
  };
  const showTable = async (
    req: FastifyRequest,
    reply: FastifyReply,
    table: string,
    state: { q: string; chosen: Record<string, string>; error: string | null; issues: Issue[] },
    status = 200,
  ) => {
    const locale = adminLocale(req);
    const m = scbCatalogueMessages(locale);
    let meta: ScbTableMetadata;
    try {
      meta = await client().metadata(table);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      const body = searchView(locale, state.q, null, m.failed(err.message));
      return sendCataloguePage(req, reply, m.title, body, err.code === 'unknown_table' ? 404 : 502);
    }
    if (!regionVariable(meta) || !timeVariable(meta)) {
      state = {
        ...state,
        error: m.addFailed,
        issues: [
          {
            field: 'table',
            message: m.noRegionOrTime(meta.id),
            code: 'invalid',
          },
        ],
      };
    }
    const { goals } = await indicatorFormChoices(deps.db);
    const body = tableView(locale, meta, goals, state, csrfToken(req, reply));
    return sendCataloguePage(req, reply, m.tableTitle(meta.id), body, status);
  };

  app.get(SCB_CATALOGUE_PATH, { preHandler: allowedToKeepIndicators }, async (req, reply) => {
    const locale = adminLocale(req);
    const m = scbCatalogueMessages(locale);
    const q = queryParam(req, 'sok', MAX_QUERY + 1).trim();
    if (q === '') return sendCataloguePage(req, reply, m.title, searchView(locale, q, null, null));
    if (q.length > MAX_QUERY)
      return sendCataloguePage(req, reply, m.title, searchView(locale, q, null, m.tooLong), 400);
    try {
      const found = await client().searchTables(q);
      return sendCataloguePage(req, reply, m.title, searchView(locale, q, found, null));
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      const body = searchView(locale, q, null, m.failed(err.message));
      return sendCataloguePage(req, reply, m.title, body, 502);
    }
  });

  app.get(`${SCB_CATALOGUE_PATH}/:table`, { preHandler: allowedToKeepIndicators }, (req, reply) => {
    const table = tableOf(req);
    if (!table) return reply.callNotFound();
    const q = queryParam(req, 'sok', MAX_QUERY);
    return showTable(req, reply, table, { q, chosen: {}, error: null, issues: [] });
  });

  app.post(
    `${SCB_CATALOGUE_PATH}/:table`,
    { preHandler: [allowedToKeepIndicators, verifyCsrf] },
    async (req, reply) => {
      const table = tableOf(req);
      if (!table) return reply.callNotFound();
      const m = scbCatalogueMessages(adminLocale(req));
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values: Record<string, string> = {};
      for (const key of Object.keys(body).slice(0, 50)) {
        const v = field(body, key);
        if (key.startsWith('v.') && v !== '') values[key.slice(2, 62)] = v.slice(0, 60);
      }
      const chosen = { ...values, goal: field(body, 'goal'), direction: field(body, 'direction') };
      const q = field(body, 'sok').slice(0, MAX_QUERY);
      const ctx = context(deps.db, actorFor(req.account!), deps.now);
      try {
        const added = await addScbIndicator(
          ctx,
          {
            table,
            goalCode: chosen.goal,
            values,
            direction: chosen.direction === 'lower' ? 'lower' : 'higher',
            draft: true,
          },
          client(),
        );
        if (added.ok)
          return reply.redirect(`${INDICATORS_PATH}/${String(added.value.id)}?klart=skapad`, 303);
        return showTable(
          req,
          reply,
          table,
          { q, chosen, error: m.addFailed, issues: added.issues },
          400,
        );
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        const page = searchView(adminLocale(req), q, null, m.failed(err.message));
        return sendCataloguePage(req, reply, m.title, page, 502);
      }
    },
  );
}
