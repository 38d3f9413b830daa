import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context } from '../../domain/context.js';
import { addKoladaIndicator, unitOfKoladaTitle } from '../../domain/followup/addKoladaIndicator.js';
import {
  indicatorCatalogue,
  indicatorFormChoices,
} from '../../domain/followup/indicatorQueries.js';
import type { KoladaKpi } from '../../domain/imports/kolada/koladaSchema.js';
import { koladaClient } from '../../domain/imports/kolada/koladaClient.js';
import { SourceError } from '../../domain/imports/sourceHttp.js';
import type { Issue } from '../../domain/result.js';
import { csrfField } from '../auth/formParts.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/index.js';
import { koladaCatalogueMessages } from '../i18n/koladaCatalogue.en.js';
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

export const KOLADA_CATALOGUE_PATH = `${INDICATORS_PATH}/kolada`;

interface SearchState {
  q: string;
  found: KoladaKpi[] | null;
  /** Why the search or the step failed, in words; what was typed stays in the form. */
  error: string | null;
  issues: Issue[];
  /** The KPI the failed add was for, so its form keeps the choices. */
  chosen?: { kpi: string; goal: string; direction: string };
}

function kpiCard(
  locale: 'sv' | 'en',
  k: KoladaKpi,
  goals: Goal[],
  existing: Map<string, { id: number; name: string }>,
  s: SearchState,
  csrf: string,
): SafeHtml {
  const m = koladaCatalogueMessages(locale);
  const had = existing.get(k.id);
  const chosen = s.chosen?.kpi === k.id ? s.chosen : undefined;
  const id = `kpi-${k.id}`;
  return html`<article class="kpi" aria-labelledby="${id}">
<h2 id="${id}"><code>${k.id}</code> <span lang="sv">${k.title}</span></h2>
<p lang="sv">${k.description ?? m.noDescription}</p>
<dl class="facts">
<dt>${m.unit}</dt><dd>${unitOfKoladaTitle(k.title)}</dd>
<dt>${m.gender}</dt><dd>${k.is_divided_by_gender ? m.yes : m.no}</dd>
<dt>${m.area}</dt><dd>${k.operating_area ?? '–'}</dd>
<dt>${m.published}</dt><dd>${k.publication_date ? formatDate(locale, k.publication_date) : '–'}</dd>
<dt>${m.period}</dt><dd>${k.publ_period ?? '–'}</dd>
</dl>
${
  had
    ? html`<p>${m.exists} <a href="${INDICATORS_PATH}/${String(had.id)}">${had.name}</a></p>`
    : html`<form method="post" action="${KOLADA_CATALOGUE_PATH}" class="kpi-add">${csrfField(csrf)}
<input type="hidden" name="kpi" value="${k.id}"><input type="hidden" name="sok" value="${s.q}">
${goalAndDirection(locale, `${id}-`, goals, chosen, m)}
<button type="submit">${m.add(k.id)}</button></form>`
}
</article>`;
}

function catalogueSearchView(
  locale: 'sv' | 'en',
  s: SearchState,
  goals: Goal[],
  existing: Map<string, { id: number; name: string }>,
  csrf: string,
): SafeHtml {
  const m = koladaCatalogueMessages(locale);
  const shown = s.found?.slice(0, SHOWN) ?? [];
  return html`<h1>${m.title}</h1>
<p>${m.lead}</p>
${errorBox(s.error, s.issues)}
${searchForm(KOLADA_CATALOGUE_PATH, m, s.q)}
${
  s.found === null
    ? ''
    : s.found.length === 0
      ? html`<p role="status">${m.none(s.q)}</p>`
      : html`<p role="status">${m.results(shown.length, s.found.length, s.q)}</p>
${shown.map((k) => kpiCard(locale, k, goals, existing, s, csrf))}`
}`;
}

/**
 * `/admin/indikatorer/kolada`: analysts search Kolada's KPI catalogue by words (`/v3/kpi?title=`),
 * read each KPI's description, unit, gender division, operating area and publication dates, and
 * add one as an indicator on a goal in one step (a draft, with Kolada's metadata). A failed search
 * or step says why and keeps what was typed.
 */
export function koladaCatalogueRoutes(
  app: FastifyInstance,
  deps: { db: Db; now: () => Date; koladaBaseUrl: string },
) {
  const client = () => koladaClient(deps.koladaBaseUrl);
  const show = async (req: FastifyRequest, reply: FastifyReply, s: SearchState, status = 200) => {
    const locale = adminLocale(req);
    const [choices, catalogue] = await Promise.all([
      indicatorFormChoices(deps.db),
      indicatorCatalogue(deps.db),
    ]);
    const existing = new Map(
      catalogue
        .filter((r) => r.source === 'kolada' && r.sourceRef)
        .map((r) => [r.sourceRef!, { id: r.id, name: locale === 'sv' ? r.nameSv : r.nameEn }]),
    );
    const body = catalogueSearchView(locale, s, choices.goals, existing, csrfToken(req, reply));
    return sendCataloguePage(req, reply, koladaCatalogueMessages(locale).title, body, status);
  };
  /** Kolada's answer to the words, or the state that says why there is none. */
  const search = async (req: FastifyRequest, q: string): Promise<SearchState> => {
    const m = koladaCatalogueMessages(adminLocale(req));
    if (q === '') return { q, found: null, error: null, issues: [] };
    if (q.length > MAX_QUERY) return { q, found: null, error: m.tooLong, issues: [] };
    try {
      return { q, found: await client().searchKpis(q), error: null, issues: [] };
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      return { q, found: null, error: m.failed(err.message), issues: [] };
    }
  };

  app.get(KOLADA_CATALOGUE_PATH, { preHandler: allowedToKeepIndicators }, async (req, reply) => {
    const s = await search(req, queryParam(req, 'sok', MAX_QUERY + 1).trim());
    return show(req, reply, s, s.error ? 502 : 200);
  });

  app.post(
    KOLADA_CATALOGUE_PATH,
    { preHandler: [allowedToKeepIndicators, verifyCsrf] },
    async (req, reply) => {
      const m = koladaCatalogueMessages(adminLocale(req));
      const chosen = {
        kpi: field(req.body, 'kpi'),
        goal: field(req.body, 'goal'),
        direction: field(req.body, 'direction'),
      };
      const q = field(req.body, 'sok').slice(0, MAX_QUERY);
      const ctx = context(deps.db, actorFor(req.account!), deps.now);
      try {
        const added = await addKoladaIndicator(
          ctx,
          {
            kpi: chosen.kpi,
            goalCode: chosen.goal,
            direction: chosen.direction === 'lower' ? 'lower' : 'higher',
            draft: true,
          },
          client(),
        );
        if (added.ok) {
          return reply.redirect(`${INDICATORS_PATH}/${String(added.value.id)}?klart=skapad`, 303);
        }
        const s = await search(req, q);
        return show(req, reply, { ...s, error: m.addFailed, issues: added.issues, chosen }, 400);
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        const s = await search(req, q);
        return show(req, reply, { ...s, error: m.failed(err.message), issues: [], chosen }, 502);
      }
    },
  );
}
