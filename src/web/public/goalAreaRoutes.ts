import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { listEvaluations } from '../../domain/followup/queries.js';
import { indicatorHeadlines } from '../../domain/followup/indicatorQueries.js';
import { exampleYears, listPublishedInitiatives } from '../../domain/initiatives/queries.js';
import { goalAreaBySlug } from '../../domain/strategy/queries.js';
import { evaluationList } from '../components/evaluationList.js';
import { html } from '../html.js';
import { localePath, messages, type Locale } from '../i18n/index.js';
import { goalAreaPage } from './goalAreaPage.js';
import type { ServePage } from '../page.js';
import { yearQuery } from './yearQuery.js';

const slugParams = z.object({ slug: z.string().max(100) });

/**
 * A goal area's page: its goals with their indicators, the examples of a year and every
 * initiative. A year asked for with no examples says so; it never shows another year.
 */
export function goalAreaRoutes(r: {
  app: FastifyInstance;
  db: Db;
  locale: Locale;
  page: ServePage;
}) {
  const { app, db, locale, page } = r;
  const t = messages(locale);
  const at = (path: string) => localePath(locale, path);
  app.get(at('/malomraden/:slug'), (req, reply) =>
    page(req, reply, async () => {
      const { slug } = slugParams.parse(req.params);
      const { ar } = yearQuery.parse(req.query);
      const { area, goals } = await goalAreaBySlug(db, slug);
      const [initiatives, years, indicators, goalEvaluations] = await Promise.all([
        listPublishedInitiatives(db, { goalAreaId: area.id }),
        exampleYears(db, area.id),
        indicatorHeadlines(db, area.id),
        Promise.all(
          goals.map(async (g) =>
            (await listEvaluations(db, { type: 'goal', id: g.id })).map((e) => ({
              ...e,
              subject: `${g.code} ${locale === 'sv' ? g.nameSv : g.nameEn}`,
            })),
          ),
        ),
      ]);
      const exampleYear = ar ?? years[0] ?? null;
      const examples =
        exampleYear === null ? [] : initiatives.filter((i) => i.exampleOfYear === exampleYear);
      const name = locale === 'sv' ? area.nameSv : area.nameEn;
      return {
        title: ar === undefined ? name : `${name}: ${t.examplesOfYear(ar)}`,
        description: locale === 'sv' ? area.descriptionSv : area.descriptionEn,
        feeds: [
          { href: at(`/malomraden/${area.slug}/flode.atom`), title: `${t.feedTitle}: ${name}` },
        ],
        body: html`${goalAreaPage({
          locale,
          area,
          goals,
          initiatives,
          exampleYears: years,
          exampleYear,
          examples,
          indicators,
        })}${evaluationList(locale, goalEvaluations.flat())}`,
      };
    }),
  );
}
