import type { IndicatorHeadline } from '../../domain/followup/indicatorQueries.js';
import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import type { GoalAreaRow, GoalRow } from '../../domain/strategy/queries.js';
import { areaBar } from '../components/goalAreaCard.js';
import { initiativeCard } from '../components/initiativeCard.js';
import { html, type SafeHtml } from '../html.js';
import { followupMessages } from '../i18n/followup.en.js';
import { localePath, messages, type Locale } from '../i18n/index.js';
import { strategyDocumentMessages } from '../i18n/strategyDocument.en.js';
import { indicatorHeadlineList } from './followupParts.js';
import { goalAnchor, goalPath } from './strategyDocumentPage.js';

export interface GoalAreaPageParams {
  locale: Locale;
  area: GoalAreaRow;
  goals: GoalRow[];
  initiatives: InitiativeListItem[];
  exampleYears: number[];
  exampleYear: number | null;
  examples: InitiativeListItem[];
  /** Headlines of the area's indicators (latest county value, trend, status). */
  indicators?: IndicatorHeadline[];
}

export function goalAreaPage(p: GoalAreaPageParams): SafeHtml {
  const t = messages(p.locale);
  const sv = p.locale === 'sv';
  const a = p.area;
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}">
      <ol>
        <li><a href="${localePath(p.locale, '/')}">${t.navHome}</a></li>
        <li>${t.goalArea}</li>
      </ol>
    </nav>
    ${areaBar(a.colour)}
    <h1>${sv ? a.nameSv : a.nameEn}</h1>
    <p class="lead">${sv ? a.descriptionSv : a.descriptionEn}</p>
    <section aria-labelledby="mal">
      <h2 id="mal">${t.goals}</h2>
      <ol class="goal-list">
        ${p.goals.map(
          (g) =>
            html`<li id="${goalAnchor(g.code)}">
              <a href="${localePath(p.locale, goalPath(a.slug, g.code))}"
                >${g.code} ${sv ? g.nameSv : g.nameEn}</a
              >
              ${
                p.indicators
                  ? html`<div class="goal-indicators">
                    <p class="visually-hidden">${followupMessages(p.locale).indicators}</p>
                    ${indicatorHeadlineList(
                      p.locale,
                      p.indicators.filter((h) => h.indicator.goal.id === g.id),
                      3,
                    )}
                  </div>`
                  : ''
              }
            </li>`,
        )}
      </ol>
      ${
        p.indicators
          ? html`<p>
            <a href="${localePath(p.locale, '/uppfoljning')}"
              >${followupMessages(p.locale).allIndicators}</a
            >
          </p>`
          : ''
      }
    </section>
    ${
      p.exampleYear != null
        ? html`<section aria-labelledby="exempel">
          <h2 id="exempel">${t.examplesOfYear(p.exampleYear)}</h2>
          <nav class="year-nav" aria-label="${t.exampleYearNav}">
            <ul>
              ${p.exampleYears.map(
                (y) =>
                  html`<li>
                    <a
                      href="${localePath(p.locale, `/malomraden/${a.slug}`)}?ar=${y}#exempel"
                      ${y === p.exampleYear ? html` aria-current="true"` : ''}
                      >${y}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          ${
            p.examples.length === 0
              ? html`<p>${strategyDocumentMessages(p.locale).noExamplesOfYear(p.exampleYear)}</p>`
              : html`<div class="initiative-list">
                ${p.examples.map((initiative) =>
                  initiativeCard({ locale: p.locale, initiative, headingLevel: 3 }),
                )}
              </div>`
          }
        </section>`
        : ''
    }
    <p><a href="${localePath(p.locale, `/insatser?omrade=${a.slug}`)}">${t.searchTitle}: ${sv ? a.nameSv : a.nameEn}</a> · <a href="${localePath(p.locale, `/malomraden/${a.slug}/flode.atom`)}">${t.feedLink}</a></p>
<section aria-labelledby="insatser">
      <h2 id="insatser">${t.allInitiativesInArea} (${p.initiatives.length})</h2>
      ${
        p.initiatives.length === 0
          ? html`<p>${t.noInitiatives}</p>`
          : html`<div class="initiative-list">
            ${p.initiatives.map((initiative) =>
              initiativeCard({ locale: p.locale, initiative, headingLevel: 3 }),
            )}
          </div>`
      }
    </section>`;
}
