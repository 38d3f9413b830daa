import type { GoalAreaSummary } from '../../domain/strategy/queries.js';
import { html, type SafeHtml } from '../html.js';
import { formatMillions, localePath, messages, type Locale } from '../i18n/index.js';

export interface GoalAreaCardParams {
  locale: Locale;
  area: Pick<
    GoalAreaSummary,
    | 'slug'
    | 'nameSv'
    | 'nameEn'
    | 'descriptionSv'
    | 'descriptionEn'
    | 'colour'
    | 'goalCount'
    | 'initiativeCount'
    | 'activeInitiativeCount'
    | 'fundingSek'
  >;
}

export function goalAreaCard(p: GoalAreaCardParams): SafeHtml {
  const t = messages(p.locale);
  const a = p.area;
  const name = p.locale === 'sv' ? a.nameSv : a.nameEn;
  const description = p.locale === 'sv' ? a.descriptionSv : a.descriptionEn;
  return html`<li class="card goal-area-card">
    ${areaBar(a.colour)}
    <h3><a href="${localePath(p.locale, `/malomraden/${a.slug}`)}">${name}</a></h3>
    <p>${description}</p>
    <dl class="figures">
      <div>
        <dt>${t.goals}</dt>
        <dd>${t.goalsCount(a.goalCount)}</dd>
      </div>
      <div>
        <dt>${t.initiatives}</dt>
        <dd>
          ${t.initiativesCount(a.initiativeCount)} (${t.activeCount(a.activeInitiativeCount)})
        </dd>
      </div>
      <div>
        <dt>${t.funding}</dt>
        <dd>${formatMillions(p.locale, a.fundingSek)}</dd>
      </div>
    </dl>
  </li>`;
}

/** A colour bar drawn in SVG, so the area colour needs no inline style under the CSP. */
export function areaBar(colour: string): SafeHtml {
  return html`<svg
    class="area-bar"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 100 4"
    preserveAspectRatio="none"
  >
    <rect width="100" height="4" fill="${colour}" />
  </svg>`;
}

export const goalAreaCardExamples: Record<string, GoalAreaCardParams> = {
  competitiveness: {
    locale: 'sv',
    area: {
      slug: 'starkt-konkurrenskraft',
      nameSv: 'Stärkt konkurrenskraft',
      nameEn: 'Strengthened competitiveness',
      descriptionSv: 'Ett innovativt näringsliv.',
      descriptionEn: 'An innovative business sector.',
      colour: '#8A4A0F',
      goalCount: 3,
      initiativeCount: 24,
      activeInitiativeCount: 11,
      fundingSek: 123_400_000,
    },
  },
};
