import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../domain/errors.js';
import {
  followUpOverview,
  indicatorBySlug,
  indicatorObservations,
  revisionNotes,
} from '../../domain/followup/indicatorQueries.js';
import { indicatorStatus } from '../../domain/followup/indicatorStatus.js';
import { tableCsv, tableXlsx, type Table } from '../../domain/opendata/tables.js';
import { placeSummaries } from '../../domain/places/queries.js';
import { XLSX_CONTENT_TYPE } from '../../lib/xlsx.js';
import { followupMessages } from '../i18n/followup.en.js';
import { localePath } from '../i18n/index.js';
import type { PageCache } from '../pageCache.js';
import { comparisonRoutes } from './comparisonRoutes.js';
import { followupPage } from './followupPage.js';
import { indicatorPage } from './indicatorPage.js';
import type { Page } from '../page.js';
import { publicUrl } from '../siteConfig.js';

const slugParams = z.object({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+(\.csv|\.xlsx)?$/),
});

const originOf = publicUrl;

/** The follow-up pages: "Så går det för <län>" and one page (and CSV and XLSX) per indicator. */
export function followupRoutes(app: FastifyInstance, db: Db, cache: PageCache) {
  comparisonRoutes(app, db, cache);
  for (const locale of ['sv', 'en'] as const) {
    const f = followupMessages(locale);
    const at = (path: string) => localePath(locale, path);
    const page = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<Page>) =>
      cache.servePage(req, reply, locale, render);

    app.get(at('/uppfoljning'), (req, reply) =>
      page(req, reply, async () => ({
        title: f.overviewTitle,
        description: f.overviewLead,
        body: followupPage(locale, await followUpOverview(db)),
      })),
    );

    app.get(at('/indikatorer/:slug'), async (req, reply) => {
      const parsed = slugParams.safeParse(req.params);
      if (!parsed.success) throw new NotFoundError('Indikatorn finns inte.');
      const { slug } = parsed.data;
      if (slug.endsWith('.csv')) {
        reply.header('content-disposition', `attachment; filename="${slug}"`);
        return cache.serve(req, reply, async () => ({
          type: 'text/csv; charset=utf-8',
          body: tableCsv(await indicatorTable(db, slug.slice(0, -4), originOf(req))),
        }));
      }
      if (slug.endsWith('.xlsx')) {
        const table = await indicatorTable(db, slug.slice(0, -5), originOf(req));
        return reply
          .type(XLSX_CONTENT_TYPE)
          .header('content-disposition', `attachment; filename="${slug}"`)
          .header('cache-control', 'public, max-age=60')
          .send(tableXlsx(table, 'Utfall'));
      }
      return page(req, reply, async () => {
        const indicator = await indicatorBySlug(db, slug);
        const [observations, revisions, places] = await Promise.all([
          indicatorObservations(db, indicator.id),
          revisionNotes(db, indicator.id),
          placeSummaries(db),
        ]);
        const name = locale === 'sv' ? indicator.nameSv : indicator.nameEn;
        return {
          title: name,
          description: `${f.indicator}: ${name}`,
          body: indicatorPage(locale, {
            indicator,
            observations,
            status: indicatorStatus(indicator, observations),
            revisions,
            places,
          }),
        };
      });
    });
  }
}

/**
 * Every observation of an indicator, with unit, source and attribution in the comment rows: the
 * table behind both the CSV and the XLSX download.
 */
async function indicatorTable(db: Db, slug: string, baseUrl: string): Promise<Table> {
  const indicator = await indicatorBySlug(db, slug);
  const rows = await indicatorObservations(db, indicator.id);
  const source =
    indicator.source === 'kolada'
      ? 'Källa: Kolada'
      : indicator.source === 'scb'
        ? 'Källa: SCB (CC0)'
        : 'Källa: egen uppgift';
  return {
    name: indicator.slug,
    comments: [
      `Riktning – ${indicator.nameSv}`,
      `Enhet: ${indicator.unit}`,
      `${source}${indicator.sourceRef ? ` (${indicator.sourceRef})` : ''}`,
      indicator.source === 'kolada' ? 'Licens: Kolada, med källangivelse' : 'Licens: CC0 1.0',
      ...(indicator.isDemo ? ['Demodata: värdena är påhittade.'] : []),
      `${baseUrl}/indikatorer/${indicator.slug}`,
    ],
    header: ['indikator', 'omrade', 'ar', 'kon', 'varde', 'enhet', 'status', 'kalla', 'demodata'],
    rows: rows.map((r) => [
      indicator.slug,
      r.placeCode,
      r.period,
      r.gender,
      r.value,
      indicator.unit,
      r.status,
      r.source,
      r.isDemo,
    ]),
  };
}
