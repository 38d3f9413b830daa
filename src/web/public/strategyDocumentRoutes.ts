import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../domain/errors.js';
import { indicatorHeadlines } from '../../domain/followup/indicatorQueries.js';
import { listPublishedInitiatives } from '../../domain/initiatives/queries.js';
import { moneyByGoal } from '../../domain/evaluation/moneyTotals.js';
import { goalAreaBySlug } from '../../domain/strategy/queries.js';
import { strategyDocument } from '../../domain/strategy/strategyDocument.js';
import { localePath } from '../i18n/index.js';
import type { PageCache } from '../pageCache.js';
import { PdfUnavailableError, renderPdf } from '../pdf.js';
import { stylesheet } from '../reportDocument.js';
import { chromiumPath, publicUrl } from '../siteConfig.js';
import { strategyDocumentMessages } from '../i18n/strategyDocument.en.js';
import { goalPage } from './goalPage.js';
import { strategyDocumentPage, strategyStandaloneDocument } from './strategyDocumentPage.js';

const HTML = 'text/html; charset=utf-8';
const goalParams = z.object({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  code: z.string().max(20),
});

/**
 * The current strategy as a document (/strategin), its print version and its tagged PDF, and a
 * page for every goal, in Swedish and English.
 */
export function strategyDocumentRoutes(app: FastifyInstance, db: Db, cache: PageCache) {
  const pdfs = new Map<string, Buffer>();
  for (const locale of ['sv', 'en'] as const) {
    const at = (path: string) => localePath(locale, path);

    app.get(at('/strategin'), (req: FastifyRequest, reply: FastifyReply) =>
      cache.servePage(req, reply, locale, async () => {
        const d = await strategyDocument(db);
        const s = d.strategy;
        return {
          title: locale === 'sv' ? s.nameSv : s.nameEn,
          description: locale === 'sv' ? s.visionSv : s.visionEn,
          body: strategyDocumentPage(locale, d),
        };
      }),
    );

    app.get(at('/malomraden/:slug/mal/:code'), (req, reply) =>
      cache.servePage(req, reply, locale, async () => {
        const params = goalParams.safeParse(req.params);
        if (!params.success) throw new NotFoundError('Målet finns inte.');
        const { area, goals } = await goalAreaBySlug(db, params.data.slug);
        const goal = goals.find((g) => g.code === params.data.code);
        if (!goal) throw new NotFoundError('Målet finns inte.');
        const [headlines, initiatives, goalMoney] = await Promise.all([
          indicatorHeadlines(db, area.id),
          listPublishedInitiatives(db, { goalId: goal.id }),
          moneyByGoal(db),
        ]);
        const name = locale === 'sv' ? goal.nameSv : goal.nameEn;
        return {
          title: `${strategyDocumentMessages(locale).goalTitle(goal.code)}: ${name}`,
          description: name,
          body: goalPage({
            locale,
            area,
            goal,
            goals,
            indicators: headlines.filter((h) => h.indicator.goal.id === goal.id),
            initiatives,
            moneySek: goalMoney.get(goal.code) ?? 0,
          }),
        };
      }),
    );

    app.get(at('/strategin/utskrift'), (req, reply) =>
      cache.serve(req, reply, async () => ({
        type: HTML,
        body: strategyStandaloneDocument(locale, await strategyDocument(db), null, publicUrl(req)),
      })),
    );

    app.get(at('/strategin/strategi.pdf'), async (req, reply) => {
      const d = await strategyDocument(db);
      const key = `${locale}:${d.strategy.id}:${await cache.dataVersion()}`;
      let pdf = pdfs.get(key);
      if (!pdf) {
        try {
          const css = await stylesheet();
          pdf = await renderPdf(
            strategyStandaloneDocument(locale, d, css, publicUrl(req)),
            chromiumPath(req),
          );
        } catch (err) {
          if (err instanceof PdfUnavailableError) {
            return reply.status(503).type('text/plain; charset=utf-8').send(err.message);
          }
          throw err;
        }
        for (const k of pdfs.keys()) if (k.startsWith(`${locale}:`)) pdfs.delete(k);
        pdfs.set(key, pdf);
      }
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${d.strategy.slug}.pdf"`)
        .header('cache-control', 'public, max-age=300')
        .send(pdf);
    });
  }
}
