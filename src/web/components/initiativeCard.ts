import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import { html, type SafeHtml } from '../html.js';
import { formatPeriod, formatSek, localePath, messages, type Locale } from '../i18n/index.js';

export interface InitiativeCardParams {
  locale: Locale;
  initiative: InitiativeListItem;
  headingLevel: 2 | 3 | 4;
}

export function initiativeCard(p: InitiativeCardParams): SafeHtml {
  const t = messages(p.locale);
  const i = p.initiative;
  const english = p.locale === 'en' && i.titleEn;
  const heading = html`<a href="${localePath(p.locale, `/insatser/${i.id}`)}"${p.locale === 'en' && !english ? html` lang="sv"` : ''}>${english ? i.titleEn : i.title}</a>`;
  const h =
    p.headingLevel === 2
      ? html`<h2>${heading}</h2>`
      : p.headingLevel === 3
        ? html`<h3>${heading}</h3>`
        : html`<h4>${heading}</h4>`;
  return html`<article class="card initiative-card">
    ${h}
    <p class="meta">
      <span class="status status-${i.status}">${t.initiativeStatus[i.status]}</span> ·
      ${formatPeriod(i.startDate, i.endDate)} ·
      ${i.ownerName}${i.fundingSek > 0 ? html` · ${formatSek(p.locale, i.fundingSek)}` : ''}
    </p>
    <p${p.locale === 'en' ? html` lang="sv"` : ''}>${i.summary}</p>
  </article>`;
}

export const initiativeCardExamples: Record<string, InitiativeCardParams> = {
  ongoing: {
    locale: 'sv',
    headingLevel: 3,
    initiative: {
      id: 1,
      title: 'Hållbar regional utveckling i länet (HRU)',
      titleEn: null,
      summary: 'Samverkan för hållbar tillväxt i länets kommuner.',
      status: 'pagaende',
      startDate: '2020-01-01',
      endDate: '2023-12-31',
      ownerName: 'Regionen',
      exampleOfYear: 2023,
      isDemo: true,
      fundingSek: 4_500_000,
      publishedAt: new Date('2020-01-01T09:00:00Z'),
      updatedAt: new Date('2024-01-01T09:00:00Z'),
    },
  },
  hostileText: {
    locale: 'en',
    headingLevel: 2,
    initiative: {
      id: 2,
      title: '<script>alert("x")</script> & "quotes"',
      titleEn: 'English <em>title</em>',
      summary: "O'Brien <b>bold</b>",
      status: 'planerad',
      startDate: '2027-01-01',
      endDate: null,
      ownerName: 'Företag & Co',
      exampleOfYear: null,
      isDemo: false,
      fundingSek: 0,
      publishedAt: null,
      updatedAt: new Date('2026-01-01T09:00:00Z'),
    },
  },
};
