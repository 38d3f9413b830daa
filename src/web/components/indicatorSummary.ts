import type { SummaryFact } from '../../domain/followup/indicatorSummary.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import { summaryMessages } from '../i18n/summary.en.js';
import { formatValue, withUnit } from '../public/followupParts.js';

export interface SummaryWording {
  locale: Locale;
  /** Who the numbers are of, as the sentence names it (the county, a municipality). */
  subject: string;
  unit: string;
  decimals: number;
}

/**
 * The sentences of an indicator's facts. Each value is formatted as the page shows it, and a
 * change is the difference of the two values as shown, so every number can be found beside it.
 */
export function summarySentences(facts: SummaryFact[], w: SummaryWording): string[] {
  const m = summaryMessages(w.locale);
  const v = (n: number) => withUnit(w.locale, n, w.decimals, w.unit);
  const amount = (a: number, b: number) =>
    formatValue(
      w.locale,
      Math.abs(Number(b.toFixed(w.decimals)) - Number(a.toFixed(w.decimals))),
      w.decimals,
    );
  const change = (from: number, to: number, better: boolean) =>
    m.change(
      Number(to.toFixed(w.decimals)) > Number(from.toFixed(w.decimals)),
      amount(from, to),
      better,
    );
  return facts
    .map((f): string => {
      switch (f.kind) {
        case 'sinceBaseline':
          return f.change === 'same'
            ? m.sameAsBaseline(w.subject, f.to.year, v(f.to.value), f.from.year)
            : `${m.sinceBaseline(w.subject, f.to.year, v(f.to.value), f.from.year, v(f.from.value))}: ${change(f.from.value, f.to.value, f.change === 'better')}`;
        case 'sinceLast':
          return f.change === 'same'
            ? m.sameAsLast(f.from.year, v(f.from.value))
            : `${m.sinceLast(f.from.year, v(f.from.value))} ${change(f.from.value, f.to.value, f.change === 'better')}`;
        case 'rank':
          return `${m.rank(w.subject, f.year, f.rank, f.of)}${f.country === null ? '.' : m.rankCountry(v(f.country))}`;
        case 'target':
          return [m.target(v(f.target.value), f.target.year), m.pace[f.status]]
            .filter((s) => s !== '')
            .join(' ');
        case 'gender':
          return `${m.gender(f.year, v(f.women), v(f.men))}${
            f.higher === 'equal'
              ? m.genderEqual
              : m.genderGap(amount(f.men, f.women), f.higher === 'women')
          }`;
        case 'reference': {
          const others = [
            ...(f.county === null ? [] : [m.referenceCounty(v(f.county))]),
            ...(f.country === null ? [] : [m.referenceCountry(v(f.country))]),
          ];
          const last = others.pop();
          const list = others.length === 0 ? last : `${others.join(', ')} ${m.and} ${last}`;
          return `${m.reference(f.year, w.subject, v(f.own))}, ${list}.`;
        }
      }
    })
    .filter((s) => s !== '');
}

/** The sentences as one paragraph, or nothing when the data support none. */
export function summaryParagraph(facts: SummaryFact[], w: SummaryWording): SafeHtml {
  const sentences = summarySentences(facts, w);
  return sentences.length === 0 ? html`` : html`<p class="summary">${sentences.join(' ')}</p>`;
}
