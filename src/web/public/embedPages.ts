import { unitLabel } from '../i18n/units.js';
import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import { scrollBox } from '../components/scrollBox.js';
import { html, type SafeHtml } from '../html.js';
import { formatPeriod, localePath, messages, type Locale } from '../i18n/index.js';
import { openDataEn } from '../i18n/openData.en.js';
import { openDataSv, type OpenDataMessages } from '../i18n/openData.sv.js';

export const openDataMessages = (locale: Locale): OpenDataMessages =>
  locale === 'sv' ? openDataSv : openDataEn;

/** Where the widgets live: /inbaddning/... and /en/inbaddning/... */
export const widgetPath = (locale: Locale, kind: 'malomraden' | 'indikatorer', slug: string) =>
  localePath(locale, `/inbaddning/${kind}/${slug}`);

/**
 * A widget is a page of its own, small enough for an iframe: no site header or menu, the
 * stylesheet, a heading, the content and a link to the full page. Links leave the frame
 * (target="_top"), so a reader who follows one lands on Riktning, not inside the frame.
 */
export function widgetDocument(p: {
  locale: Locale;
  title: string;
  body: SafeHtml;
  fullHref: string;
  fullLabel: string;
}): string {
  const t = openDataMessages(p.locale);
  return html`<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} – ${messages(p.locale).siteName}</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body class="widget">
<main class="wrap">
<h1>${p.title}</h1>
${p.body}
<p class="widget-more"><a href="${p.fullHref}" target="_top">${p.fullLabel}</a></p>
<p class="meta">${t.widgetSource}</p>
</main>
</body>
</html>
`.toString();
}

/** The initiatives of a goal area as a plain list: title, status, period and owner. */
export function goalAreaWidget(locale: Locale, list: InitiativeListItem[]): SafeHtml {
  const t = openDataMessages(locale);
  const m = messages(locale);
  const en = locale === 'en';
  if (list.length === 0) return html`<p>${t.widgetNone}</p>`;
  return html`<p>${t.widgetCount(list.length)}</p>
<ul class="widget-list">${list.map((i) => {
    const title = en && i.titleEn ? i.titleEn : i.title;
    const lang = en && !i.titleEn ? html` lang="sv"` : '';
    return html`<li><a href="${localePath(locale, `/insatser/${i.id}`)}" target="_top"${lang}>${title}</a>
<span class="meta">${m.initiativeStatus[i.status]} · ${formatPeriod(i.startDate, i.endDate)} · ${i.ownerName}</span></li>`;
  })}</ul>`;
}

/** The markup a web editor copies: the frame, and a plain link for whoever cannot see it. */
export function embedSnippet(p: {
  src: string;
  title: string;
  href: string;
  linkText: string;
  height: number;
}): string {
  return html`<figure class="riktning-inbaddning" style="margin:0">
  <iframe src="${p.src}" title="${p.title}" width="100%" height="${String(p.height)}" loading="lazy" style="border:0;max-width:100%"></iframe>
  <figcaption><a href="${p.href}">${p.linkText}</a></figcaption>
</figure>`.toString();
}

export interface EmbedChoice {
  slug: string;
  name: string;
}

/** The "Bädda in" page: choose a goal area or an indicator, copy the snippet, see a preview. */
export function embedPage(p: {
  locale: Locale;
  areas: EmbedChoice[];
  indicators: EmbedChoice[];
  chosen: { kind: 'malomraden' | 'indikatorer'; slug: string; name: string } | null;
  origin: string;
}): SafeHtml {
  const t = openDataMessages(p.locale);
  const option = (c: EmbedChoice, selected: boolean) =>
    html`<option value="${c.slug}"${selected ? html` selected` : ''}>${c.name}</option>`;
  const chosen = p.chosen;
  let result: SafeHtml | string = '';
  if (chosen) {
    const src = `${p.origin}${widgetPath(p.locale, chosen.kind, chosen.slug)}`;
    const fullPath =
      chosen.kind === 'malomraden'
        ? localePath(p.locale, `/malomraden/${chosen.slug}`)
        : localePath(p.locale, `/indikatorer/${chosen.slug}`);
    const title =
      chosen.kind === 'malomraden'
        ? t.widgetInitiatives(chosen.name)
        : t.widgetIndicator(chosen.name);
    const snippet = embedSnippet({
      src,
      title,
      href: `${p.origin}${fullPath}`,
      linkText: t.widgetMore(chosen.name),
      height: chosen.kind === 'malomraden' ? 640 : 900,
    });
    result = html`<section aria-labelledby="kod">
<h2 id="kod">${t.snippetHeading}</h2>
<label for="snippet">${t.snippetLabel}</label>
<textarea id="snippet" rows="7" readonly spellcheck="false">${snippet}</textarea>
<p><a href="${widgetPath(p.locale, chosen.kind, chosen.slug)}">${t.openWidget}</a></p>
</section>
<section aria-labelledby="forhandsvisning">
<h2 id="forhandsvisning">${t.previewHeading}</h2>
<iframe src="${widgetPath(p.locale, chosen.kind, chosen.slug)}" title="${title}" width="100%" height="${chosen.kind === 'malomraden' ? '640' : '900'}" loading="lazy" class="embed-preview"></iframe>
</section>`;
  }
  return html`<h1>${t.embedTitle}</h1>
<p class="lead">${t.embedLead}</p>
<section aria-labelledby="valj">
<h2 id="valj">${t.chooseHeading}</h2>
<form method="get" action="${localePath(p.locale, '/badda-in')}">
<div class="field"><label for="malomrade">${t.goalArea}</label>
<select id="malomrade" name="malomrade"><option value="">${t.none}</option>${p.areas.map((a) => option(a, chosen?.kind === 'malomraden' && chosen.slug === a.slug))}</select></div>
<div class="field"><label for="indikator">${t.chooseIndicator}</label>
<select id="indikator" name="indikator"><option value="">${t.none}</option>${p.indicators.map((i) => option(i, chosen?.kind === 'indikatorer' && chosen.slug === i.slug))}</select></div>
<button type="submit">${t.show}</button>
</form>
</section>
${result}`;
}

/** The open-data page: the API, the downloads, the standards and the way to embed. */
export function openDataPage(p: {
  locale: Locale;
  indicators: { slug: string; name: string; unit: string }[];
}): SafeHtml {
  const t = openDataMessages(p.locale);
  const api = '/api/v1';
  return html`<h1>${t.title}</h1>
<p class="lead">${t.lead}</p>
<section aria-labelledby="api">
<h2 id="api">${t.apiHeading}</h2>
<p>${t.apiText}</p>
<ul>
<li><a href="${api}/openapi.json">${t.apiDoc}</a></li>
<li><a href="${api}/initiatives"><code>${api}/initiatives</code></a></li>
</ul>
<p>${t.writeText}</p>
</section>
<section aria-labelledby="nedladdningar">
<h2 id="nedladdningar">${t.downloadsHeading}</h2>
<p><a href="${localePath('sv', '/oppna-data/riktning.zip')}" download>${t.dumpLink}</a></p>
<p>${t.dumpText}</p>
<ul>
<li><a href="${api}/initiatives.csv" download>${t.initiativesCsv}</a> (<a href="${api}/initiatives.csv?delimiter=semicolon" download>;</a>)</li>
<li><a href="${api}/initiatives.xlsx" download>${t.initiativesXlsx}</a></li>
</ul>
<p>${t.semicolonHint}</p>
${scrollBox(
  t.indicatorsCaption,
  html`<table>
<caption>${t.indicatorsCaption}</caption>
<thead><tr><th scope="col">${t.indicator}</th><th scope="col">${t.unit}</th><th scope="col">${t.files}</th></tr></thead>
<tbody>${p.indicators.map(
    (i) => html`<tr><th scope="row">${i.name}</th><td>${unitLabel(p.locale, i.unit)}</td>
<td><a href="${api}/indicators/${i.slug}/observations.csv" download>CSV<span class="visually-hidden">: ${i.name}</span></a> · <a href="${api}/indicators/${i.slug}/observations.xlsx" download>Excel<span class="visually-hidden">: ${i.name}</span></a></td></tr>`,
  )}</tbody>
</table>`,
)}
</section>
<section aria-labelledby="standarder">
<h2 id="standarder">${t.standardsHeading}</h2>
<ul>
<li><a href="${api}/iati/activities.xml">${t.iati}</a></li>
<li><a href="/dcat">${t.dcat}</a></li>
</ul>
</section>
<section aria-labelledby="badda-in">
<h2 id="badda-in">${t.embedHeading}</h2>
<p>${t.embedText}</p>
<p><a href="${localePath(p.locale, '/badda-in')}">${t.embedLink}</a></p>
</section>`;
}
