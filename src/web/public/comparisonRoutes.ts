import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../domain/errors.js';
import { indicatorBySlug, indicatorObservations } from '../../domain/followup/indicatorQueries.js';
import { tableCsv } from '../../domain/opendata/tables.js';
import { comparisonRows } from '../components/countyComparison.js';
import { localePath } from '../i18n/index.js';
import type { PageCache } from '../pageCache.js';
import { publicUrl } from '../siteConfig.js';

const params = z.object({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+$/),
});

/** The comparison table of an indicator (every län and riket, every year, with places) as CSV. */
export function comparisonRoutes(app: FastifyInstance, db: Db, cache: PageCache) {
  for (const locale of ['sv', 'en'] as const) {
    app.get(localePath(locale, '/indikatorer/:slug/jamforelse.csv'), async (req, reply) => {
      const parsed = params.safeParse(req.params);
      if (!parsed.success) throw new NotFoundError('Indikatorn finns inte.');
      const indicator = await indicatorBySlug(db, parsed.data.slug);
      reply.header(
        'content-disposition',
        `attachment; filename="${indicator.slug}-jamforelse.csv"`,
      );
      return cache.serve(req, reply, async () => {
        const rows = comparisonRows(
          await indicatorObservations(db, indicator.id),
          indicator.direction,
        );
        return {
          type: 'text/csv; charset=utf-8',
          body: tableCsv({
            name: `${indicator.slug}-jamforelse`,
            comments: [
              `Riktning – ${indicator.nameSv}: länen och riket`,
              `Enhet: ${indicator.unit}`,
              indicator.source === 'kolada' ? 'Källa: Kolada' : 'Källa: se indikatorn',
              ...(indicator.isDemo ? ['Demodata: värdena är påhittade.'] : []),
              `${publicUrl(req)}/indikatorer/${indicator.slug}`,
            ],
            header: ['omrade', 'namn', 'ar', 'varde', 'plats'],
            rows: rows.map((r) => [r.code, r.name, r.year, r.value, r.rank]),
          }),
        };
      });
    });
  }
}
