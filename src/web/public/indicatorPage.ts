import { unitLabel } from '../i18n/units.js';
import type {
  IndicatorDetail,
  ObservationRow,
  RevisionNote,
} from '../../domain/followup/indicatorQueries.js';
import type { IndicatorStatus } from '../../domain/followup/indicatorStatus.js';
import type { PlaceSummary } from '../../domain/places/queries.js';
import { html, type SafeHtml } from '../html.js';
import { followupMessages } from '../i18n/followup.en.js';
import { formatDate, localePath, messages, type Locale } from '../i18n/index.js';
import { countyComparison } from '../components/countyComparison.js';
import { indicatorCharts } from './indicatorCharts.js';
import { statusBadge, withUnit } from './followupParts.js';
import { countySummaryFacts } from '../../domain/followup/indicatorSummary.js';
import { regionIdentity } from '../../region/activeRegion.js';
import { summaryParagraph } from '../components/indicatorSummary.js';
import { summaryMessages } from '../i18n/summary.en.js';

export interface IndicatorPageData {
  indicator: IndicatorDetail;
  observations: ObservationRow[];
  status: IndicatorStatus;
  revisions: RevisionNote[];
  places: PlaceSummary[];
}

/** The indicator's numbers for the own county in sentences, when the data support any. */
function inWords(locale: Locale, d: IndicatorPageData): SafeHtml {
  const region = regionIdentity();
  const facts = countySummaryFacts(d.indicator, d.observations, region.koladaId);
  const text = summaryParagraph(facts, {
    locale,
    subject: locale === 'sv' ? region.countySv : region.countyEn,
    unit: d.indicator.unit,
    decimals: d.indicator.decimals,
  });
  if (text.toString() === '') return html``;
  return html`<section aria-labelledby="i-ord">
      <h2 id="i-ord">${summaryMessages(locale).heading}</h2>
      ${text}
    </section>`;
}

/** An indicator: what it measures, its baseline and target, its status, charts and revisions. */
export function indicatorPage(locale: Locale, d: IndicatorPageData): SafeHtml {
  const t = messages(locale);
  const f = followupMessages(locale);
  const sv = locale === 'sv';
  const i = d.indicator;
  const v = (n: number) => withUnit(locale, n, i.decimals, i.unit);
  const placeName = (code: string) => {
    if (code === '0000') return f.country;
    const p = d.places.find((x) => x.code === code);
    return p ? (sv ? p.nameSv : p.nameEn) : code;
  };
  const genderName = { T: '', K: ` (${f.women.toLowerCase()})`, M: ` (${f.men.toLowerCase()})` };
  const source = html`${f.sourceName[i.source] ?? i.source}${i.sourceRef ? html` (${i.sourceRef})` : ''}`;
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}">
      <ol>
        <li><a href="${localePath(locale, '/')}">${t.navHome}</a></li>
        <li><a href="${localePath(locale, '/uppfoljning')}">${f.overviewNav}</a></li>
        <li>${f.indicator}</li>
      </ol>
    </nav>
    <h1>${sv ? i.nameSv : i.nameEn}</h1>
    <dl class="facts">
      <dt>${f.goalArea}</dt>
      <dd>
        <a href="${localePath(locale, `/malomraden/${i.goalArea.slug}`)}"
          >${sv ? i.goalArea.nameSv : i.goalArea.nameEn}</a
        >
      </dd>
      <dt>${f.goal}</dt>
      <dd>${i.goal.code} ${sv ? i.goal.nameSv : i.goal.nameEn}</dd>
      <dt>${f.unit}</dt>
      <dd>${unitLabel(locale, i.unit)}</dd>
      <dt>${f.source}</dt>
      <dd>
        ${source}${
          i.source === 'kolada'
            ? html`<br><span class="attribution">${f.koladaAttribution}</span>`
            : ''
        }
      </dd>
      <dt>${f.direction}</dt>
      <dd>${f.directionText[i.direction]}</dd>
      <dt>${f.baseline}</dt>
      <dd>
        ${
          i.baselineYear !== null && i.baselineValue !== null
            ? `${v(i.baselineValue)} (${i.baselineYear})`
            : f.noValue
        }
      </dd>
      <dt>${f.target}</dt>
      <dd>
        ${
          i.targetYear !== null && i.targetValue !== null
            ? html`${v(i.targetValue)} (${i.targetYear})${
                i.targetIsExample
                  ? html` – <strong class="tag tag-example">${f.exampleTarget}</strong>`
                  : ''
              }`
            : f.noTarget
        }
      </dd>
    </dl>
    ${
      i.targetIsExample && i.targetValue !== null
        ? html`<p class="notice">* ${f.exampleTargetNote}</p>`
        : ''
    }
    ${inWords(locale, d)}
    <section aria-labelledby="status">
      <h2 id="status">${f.statusFor}</h2>
      <dl class="facts">
        <dt>${f.total}</dt>
        <dd>
          ${statusBadge(locale, d.status.total.status)}${
            d.status.latest
              ? html` – ${f.latest}: ${v(d.status.latest.value)} (${d.status.latest.year})`
              : ''
          }
        </dd>
        ${
          d.status.women
            ? html`<dt>${f.women}</dt>
              <dd>${statusBadge(locale, d.status.women.status)}</dd>`
            : ''
        }
        ${
          d.status.men
            ? html`<dt>${f.men}</dt>
              <dd>${statusBadge(locale, d.status.men.status)}</dd>`
            : ''
        }
      </dl>
      <details class="method">
        <summary>${f.methodTitle}</summary>
        <p>${f.method}</p>
      </details>
    </section>
    <section aria-labelledby="diagram" class="charts">
      <h2 id="diagram">${f.trendChart}</h2>
      ${indicatorCharts(locale, d)}
      ${i.source === 'kolada' ? html`<p class="attribution">${f.koladaAttribution}</p>` : ''}
    </section>
    ${countyComparison(locale, { indicator: i, observations: d.observations })}
    <section aria-labelledby="revideringar">
      <h2 id="revideringar">${f.revisions}</h2>
      ${
        d.revisions.length === 0
          ? html`<p>${f.noRevisions}</p>`
          : html`<ul>
            ${d.revisions.map(
              (r) =>
                html`<li>
                  <strong class="tag">${f.revised}</strong>
                  ${f.revisionText(
                    `${placeName(r.placeCode)}${genderName[r.gender]}`,
                    r.period,
                    r.oldValue === null ? f.missing : v(r.oldValue),
                    r.newValue === null ? f.missing : v(r.newValue),
                    formatDate(locale, r.revisedAt),
                  )}
                </li>`,
            )}
          </ul>`
      }
    </section>`;
}
