import { scbCatalogueRoutes } from './scbCatalogueRoutes.js';
import type { Config } from '../../config.js';
import { koladaCatalogueRoutes } from './koladaCatalogueRoutes.js';
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
  queuedImports,
  requestImport,
  retryImport,
} from '../../domain/imports/importRuns.js';
import type { Issue } from '../../domain/result.js';
import { redirectToSignIn } from '../auth/session.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html } from '../html.js';
import { followupAdminEn } from '../i18n/followupAdmin.en.js';
import { followupAdminSv } from '../i18n/followupAdmin.sv.js';
import { sendPage } from '../page.js';
import { adminLocale } from './locale.js';
import { indicatorAdminRoutes } from './indicatorsAdmin.js';
import { detailView, IMPORTS_PATH, queuedTable, runsTable, startForm } from './importsViews.js';
import { adminShell } from './views.js';

export { IMPORTS_PATH } from './importsViews.js';
/** Seconds between reloads of a running import's page (the Refresh header: no script needed). */
const REFRESH_SECONDS = 3;

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
    form: { issues: Issue[]; chosen: number | null },
    status = 200,
  ) => {
    const { locale, t } = messages(req);
    const [runs, indicators, queued] = await Promise.all([
      listImportRuns(deps.db),
      importableIndicators(deps.db),
      queuedImports(deps.db),
    ]);
    if (runs.some((r) => r.status === 'running')) reply.header('refresh', String(REFRESH_SECONDS));
    const body = adminShell(
      req,
      reply,
      IMPORTS_PATH,
      html`<h1>${t.title}</h1>
<p>${t.lead}</p>
${startForm(t, csrfToken(req, reply), indicators, locale, form.issues, form.chosen)}
${queuedTable(t, locale, queued)}
<h2>${t.listHeading}</h2>
${runsTable(t, locale, runs)}`,
    );
    reply.header('cache-control', 'no-store');
    return sendPage(reply, { title: t.title, body, path: req.url }, status, locale);
  };

  // The queued import shows as a row of the queue, not as a notice that a reload would repeat.
  app.get(IMPORTS_PATH, { preHandler: allowed }, (req, reply) =>
    showList(req, reply, { issues: [], chosen: null }),
  );

  app.post(IMPORTS_PATH, { preHandler: [allowed, verifyCsrf] }, async (req, reply) => {
    const { t } = messages(req);
    const raw = Number((req.body as Record<string, unknown> | undefined)?.indicatorId);
    const indicatorId = Number.isSafeInteger(raw) && raw > 0 ? raw : 0;
    const result = await requestImport(context(deps.db, actorFor(req.account!), deps.now), {
      indicatorId,
    });
    if (!result.ok) {
      const issues = result.issues.map((i) => ({ ...i, message: t.issue(i.field, i.message) }));
      return showList(req, reply, { issues, chosen: indicatorId || null }, 400);
    }
    return reply.redirect(IMPORTS_PATH, 303);
  });

  app.post(
    `${IMPORTS_PATH}/:id/igen`,
    { preHandler: [allowed, verifyCsrf] },
    async (req, reply) => {
      const id = idParam(req);
      const result = await retryImport(context(deps.db, actorFor(req.account!), deps.now), id);
      if (!result.ok) return reply.redirect(`${IMPORTS_PATH}/${id}`, 303);
      return reply.redirect(IMPORTS_PATH, 303);
    },
  );

  app.get(`${IMPORTS_PATH}/:id`, { preHandler: allowed }, async (req, reply) => {
    const { locale, t } = messages(req);
    const run = await importRunDetail(deps.db, idParam(req));
    if (run.status === 'running') reply.header('refresh', String(REFRESH_SECONDS));
    reply.header('cache-control', 'no-store');
    const body = adminShell(
      req,
      reply,
      IMPORTS_PATH,
      detailView(t, locale, run, csrfToken(req, reply)),
    );
    return sendPage(reply, { title: t.runTitle(run.id), body, path: req.url }, 200, locale);
  });
}

/** The follow-up admin pages: import runs, the indicator catalogue, Kolada's and SCB's catalogues. */
export function followupAdminRoutes(
  app: FastifyInstance,
  deps: { db: Db; now: () => Date; sources: Config['sources'] },
) {
  importAdminRoutes(app, deps);
  indicatorAdminRoutes(app, deps);
  koladaCatalogueRoutes(app, { ...deps, koladaBaseUrl: deps.sources.koladaBaseUrl });
  scbCatalogueRoutes(app, { ...deps, ...deps.sources });
}
