import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../domain/errors.js';
import { presentInitiative } from '../../domain/initiatives/presentInitiative.js';
import {
  exampleYears,
  getPublishedInitiative,
  listPublishedInitiatives,
} from '../../domain/initiatives/queries.js';
import { goalAreaBySlug, strategyOverview } from '../../domain/strategy/queries.js';
import { layout } from '../components/layout.js';
import type { SafeHtml } from '../html.js';
import { goalAreaPage } from './goalAreaPage.js';
import { initiativePage } from './initiativePage.js';
import { startPage } from './startPage.js';

const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const slugParams = z.object({ slug: z.string().max(100) });
const yearQuery = z.object({
  ar: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
});

export function sendPage(
  reply: FastifyReply,
  page: { title: string; body: SafeHtml; description?: string; path: string },
  status = 200,
) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(layout({ locale: 'sv', ...page }).toString());
}

export function publicRoutes(app: FastifyInstance, db: Db) {
  app.get('/', async (_req, reply) => {
    const [overview, latest] = await Promise.all([
      strategyOverview(db),
      listPublishedInitiatives(db, { limit: 6, newestFirst: true }),
    ]);
    return sendPage(reply, {
      title: overview.strategy.nameSv,
      description: overview.strategy.visionSv,
      body: startPage('sv', overview, latest),
      path: '/',
    });
  });

  app.get('/malomraden/:slug', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const { ar } = yearQuery.parse(req.query);
    const { area, goals } = await goalAreaBySlug(db, slug);
    const [initiatives, years] = await Promise.all([
      listPublishedInitiatives(db, { goalAreaId: area.id }),
      exampleYears(db, area.id),
    ]);
    const exampleYear = ar !== undefined && years.includes(ar) ? ar : (years[0] ?? null);
    const examples =
      exampleYear === null ? [] : initiatives.filter((i) => i.exampleOfYear === exampleYear);
    return sendPage(reply, {
      title: area.nameSv,
      description: area.descriptionSv,
      body: goalAreaPage({
        locale: 'sv',
        area,
        goals,
        initiatives,
        exampleYears: years,
        exampleYear,
        examples,
      }),
      path: `/malomraden/${area.slug}`,
    });
  });

  app.get('/insatser/:id', async (req, reply) => {
    const parsed = idParams.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError('Insatsen finns inte.');
    const detail = presentInitiative(await getPublishedInitiative(db, parsed.data.id));
    return sendPage(reply, {
      title: detail.title,
      description: detail.summary,
      body: initiativePage('sv', detail),
      path: `/insatser/${detail.id}`,
    });
  });
}
