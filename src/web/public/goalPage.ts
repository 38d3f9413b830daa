import { moneyNote } from '../components/moneyNote.js';
import type { IndicatorHeadline } from '../../domain/followup/indicatorQueries.js';
import { rollUpProgress } from '../../domain/followup/progressStatus.js';
import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import type { GoalAreaRow, GoalRow } from '../../domain/strategy/queries.js';
import { areaBar } from '../components/goalAreaCard.js';
import { initiativeCard } from '../components/initiativeCard.js';
import { html, type SafeHtml } from '../html.js';
import { formatSek, localePath, messages, type Locale } from '../i18n/index.js';
import { strategyDocumentMessages } from '../i18n/strategyDocument.en.js';
import { indicatorHeadlineList, statusCounts } from './followupParts.js';
import { goalAnchor, goalPath } from './strategyDocumentPage.js';

export interface GoalPageParams {
  locale: Locale;
  area: GoalAreaRow;
  goal: GoalRow;
  goals: GoalRow[];
  indicators: IndicatorHeadline[];
  initiatives: InitiativeListItem[];
  /** The goal's money by the money rule. */
  moneySek: number;
}

/** One goal: its status, indicators, the initiatives that contribute to it and their money. */
export function goalPage(p: GoalPageParams): SafeHtml {
  const t = messages(p.locale);
  const m = strategyDocumentMessages(p.locale);
  const sv = p.locale === 'sv';
  const { area, goal } = p;
  const description = sv ? goal.descriptionSv : goal.descriptionEn;
  const money = p.moneySek;
  const rollUp = rollUpProgress(
    p.indicators.map((h) => ({ id: h.indicator.slug, status: h.status.total.status })),
  );
  const areaHref = localePath(p.locale, `/malomraden/${area.slug}`);
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}">
      <ol>
        <li><a href="${localePath(p.locale, '/')}">${t.navHome}</a></li>
        <li><a href="${areaHref}">${sv ? area.nameSv : area.nameEn}</a></li>
        <li>${m.goalTitle(goal.code)}</li>
      </ol>
    </nav>
    ${areaBar(area.colour)}
    <p class="publication-kind">${m.goalTitle(goal.code)}</p>
    <h1>${sv ? goal.nameSv : goal.nameEn}</h1>
    ${description ? html`<p class="lead">${description}</p>` : ''}
    <section aria-labelledby="laget">
      <h2 id="laget">${m.goalStatus}</h2>
      ${statusCounts(p.locale, rollUp)}
    </section>
    <section aria-labelledby="indikatorer">
      <h2 id="indikatorer">${m.goalIndicators}</h2>
      ${indicatorHeadlineList(p.locale, p.indicators, 3)}
    </section>
    <section aria-labelledby="pengar">
      <h2 id="pengar">${m.goalMoney}</h2>
      <p>${m.goalMoneyText(formatSek(p.locale, Math.round(money)), p.initiatives.length)}</p>
      ${moneyNote(p.locale)}
    </section>
    <section aria-labelledby="insatser">
      <h2 id="insatser">${m.goalInitiatives} (${p.initiatives.length})</h2>
      <p>
        <a href="${localePath(p.locale, `/insatser?mal=${encodeURIComponent(goal.code)}`)}#resultat"
          >${m.goalSearch}</a
        >
      </p>
      ${
        p.initiatives.length === 0
          ? html`<p>${m.noGoalInitiatives}</p>`
          : html`<div class="initiative-list">
            ${p.initiatives.map((initiative) =>
              initiativeCard({ locale: p.locale, initiative, headingLevel: 3 }),
            )}
          </div>`
      }
    </section>
    <nav aria-labelledby="ovriga-mal">
      <h2 id="ovriga-mal">${m.otherGoals}</h2>
      <ul>
        ${p.goals
          .filter((g) => g.id !== goal.id)
          .map(
            (g) =>
              html`<li>
                <a href="${localePath(p.locale, goalPath(area.slug, g.code))}"
                  >${g.code} ${sv ? g.nameSv : g.nameEn}</a
                >
              </li>`,
          )}
        <li><a href="${areaHref}#${goalAnchor(goal.code)}">${sv ? area.nameSv : area.nameEn}</a></li>
      </ul>
    </nav>`;
}
