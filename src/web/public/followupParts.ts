import { unitLabel } from '../i18n/units.js';
import type { IndicatorHeadline } from '../../domain/followup/indicatorQueries.js';
import type { Trend } from '../../domain/followup/indicatorStatus.js';
import {
  progressStatuses,
  type ProgressRollUp,
  type ProgressStatus,
} from '../../domain/followup/progressStatus.js';
import { html, type SafeHtml } from '../html.js';
import { followupMessages } from '../i18n/followup.en.js';
import { localePath, type Locale } from '../i18n/index.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A value with the indicator's decimals, in the locale's way ("71,4" / "71.4"). */
export function formatValue(locale: Locale, value: number, decimals: number): string {
  const key = `${locale}:${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      // A value that rounds to zero reads "0,0", never "−0,0".
      signDisplay: 'negative',
    });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** "71,4 %" or "12 345 kr": the unit after the value. */
export function withUnit(locale: Locale, value: number, decimals: number, unit: string): string {
  return `${formatValue(locale, value, decimals)} ${unitLabel(locale, unit)}`;
}

/** A status as text with a symbol, so it never rests on colour alone. */
export function statusBadge(locale: Locale, status: ProgressStatus): SafeHtml {
  const symbols: Record<ProgressStatus, string> = {
    target_achieved: '★',
    substantial_progress: '▲',
    moderate_progress: '△',
    limited_progress: '◇',
    deterioration: '▼',
    not_enough_data: '–',
  };
  return html`<span class="status status-${status.replace(/_/g, '-')}"
    ><span aria-hidden="true">${symbols[status]} </span>${followupMessages(locale).statusLabel[status]}</span
  >`;
}

const arrows: Record<Trend, string> = { up: '↗', down: '↘', flat: '→', none: '' };

export function trendText(locale: Locale, trend: Trend): SafeHtml {
  const f = followupMessages(locale);
  return html`<span class="trend"
    >${arrows[trend] ? html`<span aria-hidden="true">${arrows[trend]} </span>` : ''}${f.trend[trend]}</span
  >`;
}

/** Counts per status as a list; statuses without indicators left out. */
export function statusCounts(locale: Locale, rollUp: ProgressRollUp<string>): SafeHtml {
  const f = followupMessages(locale);
  const shown = progressStatuses.filter((s) => rollUp.counts[s] > 0);
  return html`<p class="visually-hidden">${f.statusCounts}</p>
    <ul class="status-counts">
    ${shown.map((s) => html`<li>${statusBadge(locale, s)}: ${rollUp.counts[s]}</li>`)}
  </ul>`;
}

/** Indicators of a goal with headline value, trend, status and a link. */
export function indicatorHeadlineList(
  locale: Locale,
  headlines: IndicatorHeadline[],
  headingLevel: 3 | 4,
): SafeHtml {
  const f = followupMessages(locale);
  if (headlines.length === 0) return html`<p>${f.noIndicators}</p>`;
  return html`<ul class="indicator-list">
    ${headlines.map((h) => {
      const i = h.indicator;
      const name = locale === 'sv' ? i.nameSv : i.nameEn;
      const link = html`<a href="${localePath(locale, `/indikatorer/${i.slug}`)}">${name}</a>`;
      const latest = h.status.latest;
      return html`<li class="indicator-headline">
        ${headingLevel === 3 ? html`<h3>${link}</h3>` : html`<h4>${link}</h4>`}
        <p>
          <span class="headline-value"
            >${latest ? withUnit(locale, latest.value, i.decimals, i.unit) : f.noValue}</span
          >${latest ? html` (${latest.year})` : ''} · ${trendText(locale, h.trend)} ·
          ${statusBadge(locale, h.status.total.status)}${
            i.source === 'kolada'
              ? html` · <span class="attribution">${f.koladaAttribution}</span>`
              : ''
          }
        </p>
      </li>`;
    })}
  </ul>`;
}
