import { moneyNote } from '../components/moneyNote.js';
import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import type { strategyOverview } from '../../domain/strategy/queries.js';
import { goalAreaCard } from '../components/goalAreaCard.js';
import { initiativeCard } from '../components/initiativeCard.js';
import { html, type SafeHtml } from '../html.js';
import { localePath, messages, type Locale } from '../i18n/index.js';
import { strategyDocumentMessages } from '../i18n/strategyDocument.en.js';
import { PUBLIC_BASE } from './consultationPages.js';

export function startPage(
  locale: Locale,
  overview: Awaited<ReturnType<typeof strategyOverview>>,
  latest: InitiativeListItem[],
  /** The consultation open to everyone now, if any. */
  consultation: { id: number; titleSv: string; titleEn: string } | null = null,
): SafeHtml {
  const t = messages(locale);
  const m = strategyDocumentMessages(locale);
  const s = overview.strategy;
  return html`<h1>${locale === 'sv' ? s.nameSv : s.nameEn}</h1>
    ${
      consultation
        ? html`<p class="message">
          <a href="${localePath(locale, `${PUBLIC_BASE}/${consultation.id}`)}"
            >${m.consultationOpen(
              locale === 'sv' ? consultation.titleSv : consultation.titleEn || consultation.titleSv,
            )}</a
          >
        </p>`
        : ''
    }
    <section aria-labelledby="malbild">
      <h2 id="malbild">${t.vision}</h2>
      <blockquote class="vision"><p>${locale === 'sv' ? s.visionSv : s.visionEn}</p></blockquote>
    </section>
    <section aria-labelledby="malomraden">
      <h2 id="malomraden">${t.goalAreas}</h2>
      <ul class="cards">
        ${overview.goalAreas.map((area) => goalAreaCard({ locale, area }))}
      </ul>
      ${moneyNote(locale)}
    </section>
    <p class="message"><a href="${localePath(locale, '/strategin')}">${m.readStrategy}</a> · <a href="${localePath(locale, '/uppfoljning')}">${t.followUpLink}</a> · <a href="${localePath(locale, '/utvecklingsaret')}">${t.footerReports}</a></p>
    <section aria-labelledby="perspektiv">
      <h2 id="perspektiv">${t.perspectives}</h2>
      <p>${t.perspectivesIntro}</p>
      <ul>
        ${overview.perspectives.map((p) => html`<li>${locale === 'sv' ? p.nameSv : p.nameEn}</li>`)}
      </ul>
    </section>
    <section aria-labelledby="senaste">
      <h2 id="senaste">${t.latestInitiatives}</h2>
      <p><a href="${localePath(locale, '/insatser')}">${t.searchTitle}</a> · <a href="${localePath(locale, '/flode.atom')}">${t.feedLink}</a></p>
      ${
        latest.length === 0
          ? html`<p>${t.noInitiatives}</p>`
          : html`<div class="initiative-list">
            ${latest.map((initiative) => initiativeCard({ locale, initiative, headingLevel: 3 }))}
          </div>`
      }
    </section>`;
}
