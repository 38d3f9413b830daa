import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../domain/errors.js';
import {
  archivedStrategies,
  archivedStrategyBySlug,
  type ArchivedStrategy,
} from '../../domain/strategy/archiveQueries.js';
import { currentStrategy, type StrategyRow } from '../../domain/strategy/queries.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, localePath, type Locale } from '../i18n/index.js';
import { strategyEn } from '../i18n/strategy.en.js';
import { strategySv } from '../i18n/strategy.sv.js';
import type { PageCache } from '../pageCache.js';
import type { Page } from '../page.js';

const slugParams = z.object({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
});

const name = (locale: Locale, r: { nameSv: string; nameEn: string }) =>
  locale === 'sv' ? r.nameSv : r.nameEn;

function archiveListPage(locale: Locale, versions: StrategyRow[]): SafeHtml {
  const t = locale === 'sv' ? strategySv : strategyEn;
  return html`<h1>${t.archiveTitle}</h1>
<p>${t.archiveLead}</p>
${
  versions.length === 0
    ? html`<p>${t.archiveEmpty}</p>`
    : html`<table><caption class="visually-hidden">${t.archiveCaption}</caption>
<thead><tr><th scope="col">${t.colName}</th><th scope="col">${t.colPeriod}</th><th scope="col">${t.adoptedOn}</th><th scope="col">${t.archivedOn}</th></tr></thead>
<tbody>${versions.map(
        (v) =>
          html`<tr><th scope="row"><a href="${localePath(locale, `/strategin/arkiv/${v.slug}`)}">${name(locale, v)}</a></th><td>${t.periodText(v.periodStart, v.periodEnd)}</td><td>${v.adoptedOn ? formatDate(locale, v.adoptedOn) : '–'}${v.diarienummer ? html` (${v.diarienummer})` : ''}</td><td>${v.archivedAt ? formatDate(locale, v.archivedAt) : '–'}</td></tr>`,
      )}</tbody></table>`
}`;
}

function archivedStrategyPage(
  locale: Locale,
  a: ArchivedStrategy,
  current: StrategyRow | null,
): SafeHtml {
  const t = locale === 'sv' ? strategySv : strategyEn;
  const s = a.strategy;
  const sv = (english: string | null | undefined) =>
    locale === 'en' && !english ? html` lang="sv"` : '';
  return html`<p><a href="${localePath(locale, '/strategin/arkiv')}">${t.archiveTitle}</a></p>
<h1>${name(locale, s)}</h1>
<div class="message" role="note"><p>${current ? t.archivedNotice(name(locale, current)) : t.archiveLead}${current ? html` <a href="${localePath(locale, '/')}">${t.goToCurrent}</a>` : ''}</p></div>
<dl>
<dt>${t.colPeriod}</dt><dd>${t.periodText(s.periodStart, s.periodEnd)}</dd>
${s.adoptedOn ? html`<dt>${t.adoptedOn}</dt><dd>${formatDate(locale, s.adoptedOn)}${s.diarienummer ? html` (${s.diarienummer})` : ''}</dd>` : ''}
${s.archivedAt ? html`<dt>${t.archivedOn}</dt><dd>${formatDate(locale, s.archivedAt)}</dd>` : ''}
</dl>
<h2>${t.visionTitle}</h2>
<p class="prewrap">${locale === 'sv' ? s.visionSv : s.visionEn}</p>
${a.areas.map(
  (area) => html`<section aria-labelledby="omrade-${area.id}">
<h2 id="omrade-${area.id}">${name(locale, area)}</h2>
${(locale === 'sv' ? area.descriptionSv : area.descriptionEn) ? html`<p>${locale === 'sv' ? area.descriptionSv : area.descriptionEn}</p>` : ''}
${area.goals.map(
  (g) => html`<section aria-labelledby="mal-${g.id}">
<h3 id="mal-${g.id}">${g.code} ${name(locale, g)}</h3>
${(locale === 'sv' ? g.descriptionSv : g.descriptionEn) ? html`<p>${locale === 'sv' ? g.descriptionSv : g.descriptionEn}</p>` : ''}
${
  g.indicators.length > 0
    ? html`<h4>${t.indicatorsTitle}</h4><ul>${g.indicators.map((i) => html`<li><a href="${localePath(locale, `/indikatorer/${i.slug}`)}">${name(locale, i)}</a></li>`)}</ul>`
    : ''
}
<h4>${t.initiativesTitle}</h4>
${
  g.initiatives.length === 0
    ? html`<p>${t.noInitiatives}</p>`
    : html`<ul>${g.initiatives.map((i) => html`<li><a href="${localePath(locale, `/insatser/${i.id}`)}"${sv(i.titleEn)}>${locale === 'en' && i.titleEn ? i.titleEn : i.title}</a> – ${i.ownerName}</li>`)}</ul>`
}
</section>`,
)}
</section>`,
)}`;
}

/** The public archive of earlier strategy versions, Swedish and English. Drafts never show. */
export function strategyArchiveRoutes(app: FastifyInstance, db: Db, cache: PageCache) {
  for (const locale of ['sv', 'en'] as const) {
    const t = locale === 'sv' ? strategySv : strategyEn;
    const at = (path: string) => localePath(locale, path);
    const page = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<Page>) =>
      cache.servePage(req, reply, locale, render);

    app.get(at('/strategin/arkiv'), (req, reply) =>
      page(req, reply, async () => ({
        title: t.archiveTitle,
        description: t.archiveLead,
        body: archiveListPage(locale, await archivedStrategies(db)),
      })),
    );

    app.get(at('/strategin/arkiv/:slug'), (req, reply) =>
      page(req, reply, async () => {
        const parsed = slugParams.safeParse(req.params);
        if (!parsed.success) throw new NotFoundError('Den arkiverade strategin finns inte.');
        const archived = await archivedStrategyBySlug(db, parsed.data.slug);
        const current = await currentStrategy(db).catch(() => null);
        return {
          title: name(locale, archived.strategy),
          description: locale === 'sv' ? archived.strategy.visionSv : archived.strategy.visionEn,
          body: archivedStrategyPage(locale, archived, current),
        };
      }),
    );
  }
}
