import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import type { SdgGoalSummary, sdgGoalDetail } from '../../domain/strategy/sdgQueries.js';
import { areaBar } from '../components/goalAreaCard.js';
import { initiativeCard } from '../components/initiativeCard.js';
import { goalPath } from './strategyDocumentPage.js';
import { html, type SafeHtml } from '../html.js';
import { localePath, messages, type Locale } from '../i18n/index.js';

const shortName = (locale: Locale, g: SdgGoalSummary) =>
  locale === 'sv' && g.shortSv ? html`${g.shortSv}` : html`<span lang="en">${g.shortEn}</span>`;

export function sdgPage(locale: Locale, goals: SdgGoalSummary[]): SafeHtml {
  const t = messages(locale);
  return html`<h1>${t.sdgTitle}</h1>
<p class="lead">${t.sdgIntro}</p>
<ul class="cards sdg-grid">
${goals.map(
  (g) => html`<li class="card">${areaBar(g.colour)}
<h2><a href="${localePath(locale, `/agenda-2030/${g.number}`)}"><span class="sdg-number">${g.number}.</span> ${shortName(locale, g)}</a></h2>
<p>${t.initiativesCount(g.initiativeCount)}</p>
${g.strategyGoals.length > 0 ? html`<p>${t.sdgStrategyGoals}: ${g.strategyGoals.map((s) => s.code).join(', ')}</p>` : ''}
</li>`,
)}
</ul>`;
}

export function sdgGoalPage(
  locale: Locale,
  detail: Awaited<ReturnType<typeof sdgGoalDetail>>,
  initiatives: InitiativeListItem[],
): SafeHtml {
  const t = messages(locale);
  const g = detail.goal;
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}"><ol><li><a href="${localePath(locale, '/')}">${t.navHome}</a></li><li><a href="${localePath(locale, '/agenda-2030')}">${t.navAgenda}</a></li></ol></nav>
${areaBar(g.colour)}
<h1>${t.sdgGoalLabel(g.number)}: ${shortName(locale, g)}</h1>
<p class="lead" lang="en">${g.titleEn}</p>
${g.strategyGoals.length > 0 ? html`<h2>${t.sdgStrategyGoals}</h2><ul>${g.strategyGoals.map((s) => html`<li><a href="${localePath(locale, goalPath(s.areaSlug, s.code))}">${s.code}</a> ${locale === 'sv' ? s.nameSv : s.nameEn}</li>`)}</ul>` : ''}
<h2>${t.sdgTargetList}</h2>
<p>${t.sdgTextNote}</p>
<table>
<caption>${t.sdgTargetList}</caption>
<thead><tr><th scope="col">${t.sdgTargetList}</th><th scope="col">Text</th><th scope="col" class="num">${t.initiatives}</th></tr></thead>
<tbody>${detail.targets.map((x) => html`<tr><th scope="row">${x.code}</th><td lang="en">${x.titleEn}</td><td class="num">${x.initiativeCount}</td></tr>`)}</tbody>
</table>
<h2>${t.initiatives} (${initiatives.length})</h2>
<div class="initiative-list">${initiatives.map((initiative) => initiativeCard({ locale, initiative, headingLevel: 3 }))}</div>`;
}
