import type { GoalAreaFollowUp } from '../../domain/followup/indicatorQueries.js';
import { areaBar } from '../components/goalAreaCard.js';
import { html, type SafeHtml } from '../html.js';
import { followupMessages } from '../i18n/followup.en.js';
import { localePath, messages, type Locale } from '../i18n/index.js';
import { indicatorHeadlineList, statusCounts } from './followupParts.js';
import { goalPath } from './strategyDocumentPage.js';

/** "Så går det för <län>": every goal area and goal with its indicators' status. */
export function followupPage(locale: Locale, areas: GoalAreaFollowUp[]): SafeHtml {
  const t = messages(locale);
  const f = followupMessages(locale);
  const sv = locale === 'sv';
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}">
      <ol>
        <li><a href="${localePath(locale, '/')}">${t.navHome}</a></li>
        <li>${f.overviewNav}</li>
      </ol>
    </nav>
    <h1>${f.overviewTitle}</h1>
    <p class="lead">${f.overviewLead}</p>
    <details class="method">
      <summary>${f.methodTitle}</summary>
      <p>${f.method}</p>
    </details>
    ${areas.map(
      (a) => html`<section class="followup-area" aria-labelledby="omrade-${a.area.slug}">
        ${areaBar(a.area.colour)}
        <h2 id="omrade-${a.area.slug}">
          <a href="${localePath(locale, `/malomraden/${a.area.slug}`)}"
            >${sv ? a.area.nameSv : a.area.nameEn}</a
          >
        </h2>
        ${statusCounts(locale, a.rollUp)}
        ${a.goals.map(
          (g) => html`<div class="followup-goal">
            <h3>
              <a href="${localePath(locale, goalPath(a.area.slug, g.goal.code))}"
                >${g.goal.code} ${sv ? g.goal.nameSv : g.goal.nameEn}</a
              >
            </h3>
            ${statusCounts(locale, g.rollUp)} ${indicatorHeadlineList(locale, g.indicators, 4)}
          </div>`,
        )}
      </section>`,
    )}`;
}
