import { moneyNote } from '../components/moneyNote.js';
import { countyCode, regionIdentity } from '../../region/activeRegion.js';
import type { PlaceIndicator } from '../../domain/followup/placeProfile.js';
import { placeProfile } from '../components/placeProfile.js';
import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import type { PlaceSummary } from '../../domain/places/queries.js';
import { countyMap } from '../components/countyMap.js';
import { initiativeCard } from '../components/initiativeCard.js';
import { scrollBox } from '../components/scrollBox.js';
import { html, type SafeHtml } from '../html.js';
import { formatMillions, localePath, messages, type Locale } from '../i18n/index.js';

export function placesPage(locale: Locale, places: PlaceSummary[]): SafeHtml {
  const t = messages(locale);
  const name = (p: PlaceSummary) => (locale === 'sv' ? p.nameSv : p.nameEn);
  const county = places.find((p) => p.kind === 'region');
  return html`<h1>${t.placesTitle}</h1>
<p class="lead">${t.placesIntro}</p>
${countyMap({ locale, places })}
${scrollBox(
  t.placesTitle,
  html`<table>
<caption>${t.placesTitle}</caption>
<thead><tr><th scope="col">${t.facetPlace}</th><th scope="col" class="num">${t.initiatives}</th><th scope="col" class="num">${t.funding}</th></tr></thead>
<tbody>
${county ? html`<tr><th scope="row"><a href="${localePath(locale, `/kommuner/${countyCode()}`)}">${t.wholeCounty}</a></th><td class="num">${county.initiativeCount}</td><td class="num">${formatMillions(locale, county.fundingSek)}</td></tr>` : ''}
${places
  .filter((p) => p.kind === 'kommun')
  .map(
    (p) =>
      html`<tr><th scope="row"><a href="${localePath(locale, `/kommuner/${p.code}`)}">${name(p)}</a></th><td class="num">${p.initiativeCount}</td><td class="num">${formatMillions(locale, p.fundingSek)}</td></tr>`,
  )}
</tbody>
</table>`,
)}
${moneyNote(locale)}`;
}

export function placePage(
  locale: Locale,
  place: PlaceSummary,
  places: PlaceSummary[],
  initiatives: InitiativeListItem[],
  indicators: PlaceIndicator[],
): SafeHtml {
  const t = messages(locale);
  const countyName = locale === 'sv' ? regionIdentity().countySv : regionIdentity().countyEn;
  const name =
    place.kind === 'region' ? t.wholeCounty : locale === 'sv' ? place.nameSv : place.nameEn;
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}"><ol><li><a href="${localePath(locale, '/')}">${t.navHome}</a></li><li><a href="${localePath(locale, '/kommuner')}">${t.navPlaces}</a></li></ol></nav>
<h1>${name}</h1>
<dl class="facts">
<dt>${t.initiatives}</dt><dd>${t.initiativesCount(place.initiativeCount)}</dd>
<dt>${t.moneyInPlace}</dt><dd>${formatMillions(locale, place.fundingSek)}</dd>
</dl>
${moneyNote(locale)}
${place.kind === 'kommun' ? html`<p>${t.countyWideNote} <a href="${localePath(locale, `/kommuner/${countyCode()}`)}">${t.wholeCounty}</a></p>` : ''}
${countyMap({ locale, places, highlight: place.code })}
${placeProfile({
  locale,
  placeName: place.kind === 'region' ? countyName : name,
  countyName,
  isCounty: place.kind === 'region',
  rows: indicators,
})}
<h2 id="insatser">${t.placeInitiatives(name)}</h2>
<p><a href="${localePath(locale, `/insatser?plats=${place.code}`)}">${t.searchTitle}: ${name}</a></p>
<div class="initiative-list">${initiatives.map((initiative) => initiativeCard({ locale, initiative, headingLevel: 3 }))}</div>`;
}
