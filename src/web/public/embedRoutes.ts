import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../domain/errors.js';
import { indicatorBySlug, indicatorObservations } from '../../domain/followup/indicatorQueries.js';
import { listPublishedInitiatives } from '../../domain/initiatives/queries.js';
import { buildBulkDump } from '../../domain/opendata/bulkDump.js';
import { listGoalAreas, listIndicators } from '../../domain/opendata/referenceQueries.js';
import { placeSummaries } from '../../domain/places/queries.js';
import { currentStrategy, goalAreaBySlug } from '../../domain/strategy/queries.js';
import { localePath, type Locale } from '../i18n/index.js';
import type { PageCache } from '../pageCache.js';
import {
  embedPage,
  goalAreaWidget,
  openDataMessages,
  openDataPage,
  widgetDocument,
} from './embedPages.js';
import { indicatorCharts } from './indicatorCharts.js';
import { publicUrl } from '../siteConfig.js';

const HTML = 'text/html; charset=utf-8';

/**
 * The one place that lets other sites frame Riktning: the widget pages under /inbaddning. They
 * hold no forms and no session, so framing cannot be abused (clickjacking needs an action to
 * trick someone into); every other page keeps `frame-ancestors 'none'`.
 */
export const WIDGET_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *";

const slugParams = z.strictObject({
  slug: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
});
const embedQuery = z.object({
  malomrade: z.string().max(100).optional(),
  indikator: z.string().max(100).optional(),
});

const slugOf = (req: FastifyRequest) => {
  const parsed = slugParams.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.slug;
};

/**
 * The bulk dump, built at most once per data version (and address) and kept until the data
 * moves on. Requests that arrive while it is being built wait for the same build; only the
 * newest dump is kept, so memory holds one ZIP.
 */
class DumpCache {
  private key: string | null = null;
  private build: Promise<{ body: Buffer; etag: string }> | null = null;

  get(key: string, make: () => Promise<Buffer>) {
    if (this.key === key && this.build) return this.build;
    this.key = key;
    const build = make().then((body) => ({
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    }));
    this.build = build;
    build.catch(() => {
      if (this.build === build) {
        this.key = null;
        this.build = null;
      }
    });
    return build;
  }
}

/**
 * The open-data page, the bulk dump, the "Bädda in" page and the embeddable widgets, in
 * Swedish (/) and English (/en).
 */
export function embedRoutes(app: FastifyInstance, db: Db, cache: PageCache) {
  // The dump's links use the configured public address, so it is built once per data version
  // whatever Host a request names.
  const dumps = new DumpCache();

  app.get('/oppna-data/riktning.zip', async (req, reply) => {
    const version = await cache.dataVersion();
    const base = publicUrl(req);
    const dump = await dumps.get(version, () => buildBulkDump(db, { baseUrl: base, version }));
    reply
      .header('etag', dump.etag)
      .header('cache-control', 'public, max-age=0, must-revalidate')
      .header('access-control-allow-origin', '*');
    if (req.headers['if-none-match'] === dump.etag) return reply.status(304).send();
    return reply
      .type('application/zip')
      .header('content-disposition', 'attachment; filename="riktning.zip"')
      .send(dump.body);
  });

  for (const locale of ['sv', 'en'] as const) {
    const t = openDataMessages(locale);
    const at = (path: string) => localePath(locale, path);
    const page = (
      req: FastifyRequest,
      reply: FastifyReply,
      render: () => Promise<{ title: string; body: ReturnType<typeof openDataPage> }>,
    ) => cache.servePage(req, reply, locale, render);

    app.get(at('/oppna-data'), (req, reply) =>
      page(req, reply, async () => ({
        title: t.title,
        body: openDataPage({ locale, indicators: await indicatorChoices(db, locale) }),
      })),
    );

    app.get(at('/badda-in'), (req, reply) =>
      page(req, reply, async () => {
        const q = embedQuery.safeParse(req.query);
        const wanted = q.success ? q.data : {};
        const [areas, indicators] = await Promise.all([
          areaChoices(db, locale),
          indicatorChoices(db, locale),
        ]);
        const area = areas.find((a) => a.slug === wanted.malomrade);
        const indicator = indicators.find((i) => i.slug === wanted.indikator);
        const chosen = area
          ? { kind: 'malomraden' as const, ...area }
          : indicator
            ? { kind: 'indikatorer' as const, ...indicator }
            : null;
        return {
          title: t.embedTitle,
          body: embedPage({ locale, areas, indicators, chosen, origin: publicUrl(req) }),
        };
      }),
    );

    void app.register(async (widgets) => {
      widgets.addHook('onSend', async (_req, reply, payload) => {
        reply.header('content-security-policy', WIDGET_CSP);
        reply.removeHeader('x-frame-options');
        return payload;
      });
      const widget = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<string>) =>
        cache.serve(req, reply, async () => ({ type: HTML, body: await render() }));

      widgets.get(at('/inbaddning/malomraden/:slug'), (req, reply) =>
        widget(req, reply, async () => {
          const { area } = await goalAreaBySlug(db, slugOf(req));
          const list = await listPublishedInitiatives(db, { goalAreaId: area.id });
          const name = locale === 'sv' ? area.nameSv : area.nameEn;
          return widgetDocument({
            locale,
            title: t.widgetInitiatives(name),
            body: goalAreaWidget(locale, list),
            fullHref: at(`/malomraden/${area.slug}`),
            fullLabel: t.widgetMore(name),
          });
        }),
      );

      widgets.get(at('/inbaddning/indikatorer/:slug'), (req, reply) =>
        widget(req, reply, async () => {
          const indicator = await indicatorBySlug(db, slugOf(req));
          const [observations, places] = await Promise.all([
            indicatorObservations(db, indicator.id),
            placeSummaries(db),
          ]);
          const name = locale === 'sv' ? indicator.nameSv : indicator.nameEn;
          return widgetDocument({
            locale,
            title: t.widgetIndicator(name),
            body: indicatorCharts(locale, { indicator, observations, places }),
            fullHref: at(`/indikatorer/${indicator.slug}`),
            fullLabel: t.widgetMore(name),
          });
        }),
      );
    });
  }
}

async function areaChoices(db: Db, locale: Locale) {
  const [areas, current] = await Promise.all([listGoalAreas(db), currentStrategy(db)]);
  return areas
    .filter((a) => a.strategyId === current.id)
    .map((a) => ({ slug: a.slug, name: locale === 'sv' ? a.nameSv : a.nameEn }));
}

async function indicatorChoices(db: Db, locale: Locale) {
  const rows = await listIndicators(db);
  return rows.map(({ indicator: i }) => ({
    slug: i.slug,
    name: locale === 'sv' ? i.nameSv : i.nameEn,
    unit: i.unit,
  }));
}
