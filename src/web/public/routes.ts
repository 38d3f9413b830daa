import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { reportAccessibilityProblem } from '../../domain/accessibility/reportAccessibilityProblem.js';
import { getOrganisationBySlug, organisationSummaries } from '../../domain/actors/queries.js';
import { context, systemActor } from '../../domain/context.js';
import { NotFoundError } from '../../domain/errors.js';
import {
  getPublishedInitiative,
  listPublishedInitiatives,
} from '../../domain/initiatives/queries.js';
import { searchInitiatives } from '../../domain/initiatives/searchInitiatives.js';
import { parseSearchQuery } from '../../domain/initiatives/searchQuery.js';
import { placeSummaries } from '../../domain/places/queries.js';
import { goalAreaBySlug, strategyOverview } from '../../domain/strategy/queries.js';
import { sdgGoalDetail, sdgGoalSummaries } from '../../domain/strategy/sdgQueries.js';
import { tableCsv, tableXlsx, type Table } from '../../domain/opendata/tables.js';
import { XLSX_CONTENT_TYPE } from '../../lib/xlsx.js';
import { sendPage, type Page } from '../page.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { localePath, messages } from '../i18n/index.js';
import type { PageCache } from '../pageCache.js';
import { atomFeed } from './feed.js';
import { goalAreaRoutes } from './goalAreaRoutes.js';
import { publicConsultationList } from '../../domain/consultation/queries.js';
import { accessibilityPage, privacyPage } from './infoPages.js';
import { initiativePageFor } from './initiativePageData.js';
import { organisationPage, organisationsPage } from './organisationPages.js';
import { placePage, placesPage } from './placePages.js';
import { placeIndicators } from '../../domain/followup/placeProfile.js';
import { sdgGoalPage, sdgPage } from './sdgPages.js';
import { searchPage } from './searchPage.js';
import { reportRoutes } from './reportRoutes.js';
import { programmePage, programmesPage } from './programmePages.js';
import { programmeDetail, programmeSummaries } from '../../domain/strategy/programmeQueries.js';
import { startPage } from './startPage.js';
import { publicUrl } from '../siteConfig.js';

const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const slugParams = z.object({ slug: z.string().max(100) });

/**
 * Public pages, Swedish at the root and English under /en, all cached until the data changes.
 * `db` serves the reads (a read replica when one is routed); `primary` takes the form posts.
 */
export function publicRoutes(app: FastifyInstance, db: Db, cache: PageCache, primary: Db = db) {
  const baseUrl = publicUrl;
  for (const locale of ['sv', 'en'] as const) {
    const t = messages(locale);
    const at = (path: string) => localePath(locale, path);
    const page = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<Page>) =>
      cache.servePage(req, reply, locale, render);

    app.get(at('/'), (req, reply) =>
      page(req, reply, async () => {
        const [overview, latest, consultations] = await Promise.all([
          strategyOverview(db),
          listPublishedInitiatives(db, { limit: 6, newestFirst: true }),
          publicConsultationList(db, new Date()),
        ]);
        const s = overview.strategy;
        return {
          title: locale === 'sv' ? s.nameSv : s.nameEn,
          description: locale === 'sv' ? s.visionSv : s.visionEn,
          body: startPage(
            locale,
            overview,
            latest,
            consultations.find((c) => c.status === 'oppen') ?? null,
          ),
        };
      }),
    );

    goalAreaRoutes({ app, db, locale, page });

    app.get(at('/insatser'), (req, reply) =>
      page(req, reply, async () => {
        const s = parseSearchQuery(req.query as Record<string, unknown>);
        const result = await searchInitiatives(db, s);
        return {
          title: s.q ? `${t.searchTitle}: ${s.q}` : t.searchTitle,
          body: searchPage(locale, s, result),
          skipLinks: [{ href: '#resultat', label: t.skipToResults }],
        };
      }),
    );

    /** The search result as one table, so the CSV and the XLSX have the same rows and columns. */
    const searchTable = async (req: FastifyRequest): Promise<Table> => {
      const s = { ...parseSearchQuery(req.query as Record<string, unknown>), page: 1 };
      const result = await searchInitiatives(db, s, { pageSize: 5000 });
      return {
        name: 'insatser',
        comments: ['Riktning – insatser', 'Licens: CC0 1.0', `Sökning: ${req.url}`],
        header: [
          'id',
          'titel',
          'status',
          'startdatum',
          'slutdatum',
          'ansvarig',
          'finansiering_sek',
          'demodata',
          'url',
        ],
        rows: result.hits.map((h) => [
          h.id,
          h.title,
          h.status,
          h.startDate,
          h.endDate,
          h.ownerName,
          h.fundingSek,
          h.isDemo,
          `${baseUrl(req)}${at(`/insatser/${h.id}`)}`,
        ]),
      };
    };

    app.get(at('/insatser.csv'), async (req, reply) => {
      const delimiter =
        (req.query as Record<string, unknown>).delimiter === 'semicolon' ? 'semicolon' : 'comma';
      const csv = tableCsv(await searchTable(req), delimiter);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="insatser.csv"')
        .header('cache-control', 'public, max-age=60')
        .send(csv);
    });

    app.get(at('/insatser.xlsx'), async (req, reply) => {
      const xlsx = tableXlsx(await searchTable(req), 'Insatser');
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', 'attachment; filename="insatser.xlsx"')
        .header('cache-control', 'public, max-age=60')
        .send(xlsx);
    });

    app.get(at('/insatser/:id'), (req, reply) =>
      page(req, reply, async () => {
        const parsed = idParams.safeParse(req.params);
        if (!parsed.success) throw new NotFoundError('Insatsen finns inte.');
        const detail = await getPublishedInitiative(db, parsed.data.id);
        const { presented, body } = await initiativePageFor(db, locale, detail);
        const i = detail.initiative;
        return {
          title: locale === 'en' && i.titleEn ? i.titleEn : presented.title,
          description: presented.summary,
          body,
        };
      }),
    );

    app.get(at('/kommuner'), (req, reply) =>
      page(req, reply, async () => ({
        title: t.placesTitle,
        body: placesPage(locale, await placeSummaries(db)),
      })),
    );

    app.get(at('/kommuner/:code'), (req, reply) =>
      page(req, reply, async () => {
        const code = String((req.params as { code: string }).code);
        const places = await placeSummaries(db);
        const place = places.find((p) => p.code === code);
        if (!place) throw new NotFoundError('Kommunen finns inte.');
        const [initiatives, indicators] = await Promise.all([
          listPublishedInitiatives(db, { placeCode: code }),
          placeIndicators(db, code),
        ]);
        const name =
          place.kind === 'region' ? t.wholeCounty : locale === 'sv' ? place.nameSv : place.nameEn;
        return {
          title: name,
          body: placePage(locale, place, places, initiatives, indicators),
        };
      }),
    );

    app.get(at('/aktorer'), (req, reply) =>
      page(req, reply, async () => ({
        title: t.organisationsTitle,
        body: organisationsPage(locale, await organisationSummaries(db)),
      })),
    );

    app.get(at('/aktorer/:slug'), (req, reply) =>
      page(req, reply, async () => {
        const { slug } = slugParams.parse(req.params);
        const org = await getOrganisationBySlug(db, slug);
        const [owned, all] = await Promise.all([
          listPublishedInitiatives(db, { organisationId: org.id, ownerOnly: true }),
          listPublishedInitiatives(db, { organisationId: org.id }),
        ]);
        const ownedIds = new Set(owned.map((i) => i.id));
        return {
          title: org.name,
          body: organisationPage(
            locale,
            org,
            owned,
            all.filter((i) => !ownedIds.has(i.id)),
          ),
        };
      }),
    );

    app.get(at('/agenda-2030'), (req, reply) =>
      page(req, reply, async () => ({
        title: t.sdgTitle,
        body: sdgPage(locale, await sdgGoalSummaries(db)),
      })),
    );

    app.get(at('/agenda-2030/:number'), (req, reply) =>
      page(req, reply, async () => {
        const n = z.coerce
          .number()
          .int()
          .min(1)
          .max(17)
          .safeParse((req.params as { number: string }).number);
        if (!n.success) throw new NotFoundError('Målet finns inte.');
        const [detail, initiatives] = await Promise.all([
          sdgGoalDetail(db, n.data),
          listPublishedInitiatives(db, { sdgGoal: n.data }),
        ]);
        return {
          title: `${t.sdgGoalLabel(n.data)}`,
          body: sdgGoalPage(locale, detail, initiatives),
        };
      }),
    );

    reportRoutes({ app, db, cache, locale, page, baseUrl });

    app.get(at('/handlingsprogram'), (req, reply) =>
      page(req, reply, async () => ({
        title: t.programmesTitle,
        body: programmesPage(locale, await programmeSummaries(db)),
      })),
    );

    app.get(at('/handlingsprogram/:slug'), (req, reply) =>
      page(req, reply, async () => {
        const { slug } = slugParams.parse(req.params);
        const detail = await programmeDetail(db, slug);
        return {
          title: locale === 'sv' ? detail.programme.nameSv : detail.programme.nameEn,
          body: programmePage(locale, detail),
        };
      }),
    );

    const feed = async (req: FastifyRequest, reply: FastifyReply, areaSlug?: string) =>
      cache.serve(req, reply, async () => {
        let title = `${t.siteName}: ${t.feedTitle}`;
        let goalAreaId: number | undefined;
        if (areaSlug) {
          const { area } = await goalAreaBySlug(db, areaSlug);
          goalAreaId = area.id;
          title += ` – ${locale === 'sv' ? area.nameSv : area.nameEn}`;
        }
        const items = await listPublishedInitiatives(db, {
          goalAreaId,
          limit: 50,
          newestFirst: true,
        });
        return {
          type: 'application/atom+xml; charset=utf-8',
          body: atomFeed({
            locale,
            baseUrl: baseUrl(req),
            selfPath: req.url.split('?')[0]!,
            title,
            items,
          }),
        };
      });
    app.get(at('/flode.atom'), (req, reply) => feed(req, reply));
    app.get(at('/malomraden/:slug/flode.atom'), (req, reply) =>
      feed(req, reply, slugParams.parse(req.params).slug),
    );

    app.get(at('/personuppgifter'), (req, reply) =>
      page(req, reply, async () => ({ title: t.privacyTitle, body: privacyPage(locale) })),
    );

    app.get(at('/tillganglighet'), async (req, reply) => {
      const csrf = csrfToken(req, reply);
      const sent = (req.query as Record<string, unknown>).skickat === '1';
      const body = accessibilityPage(locale, {
        values: {
          pageUrl: String((req.query as Record<string, unknown>).sida ?? '').slice(0, 500),
          description: '',
          contactEmail: '',
        },
        issues: [],
        sent,
        csrf,
      });
      reply.header('cache-control', 'no-store');
      return sendPage(reply, { title: t.accessibilityTitle, body, path: req.url }, 200, locale);
    });

    app.post(at('/tillganglighet'), { preHandler: verifyCsrf }, async (req, reply) => {
      const form = (req.body ?? {}) as Record<string, unknown>;
      const values = {
        pageUrl: typeof form.pageUrl === 'string' ? form.pageUrl : '',
        description: typeof form.description === 'string' ? form.description : '',
        contactEmail: typeof form.contactEmail === 'string' ? form.contactEmail : '',
      };
      const result = await reportAccessibilityProblem(
        context(primary, systemActor('portal')),
        values,
      );
      if (result.ok) return reply.redirect(`${at('/tillganglighet')}?skickat=1#rapportera`, 303);
      const body = accessibilityPage(locale, {
        values,
        issues: result.issues,
        sent: false,
        csrf: csrfToken(req, reply),
      });
      reply.header('cache-control', 'no-store');
      return sendPage(reply, { title: t.accessibilityTitle, body, path: req.url }, 400, locale);
    });
  }
}
