import type { PresentedInitiative } from '../../domain/initiatives/presentInitiative.js';
import { demoTag } from '../components/demoTag.js';
import { html, type SafeHtml } from '../html.js';
import { formatPeriod, formatSek, messages, type Locale } from '../i18n/index.js';

export function initiativePage(locale: Locale, i: PresentedInitiative): SafeHtml {
  const t = messages(locale);
  return html`<nav class="breadcrumbs" aria-label="Brödsmulor">
      <ol>
        <li><a href="/">${t.navHome}</a></li>
        ${
          i.goals[0]
            ? html`<li><a href="/malomraden/${i.goals[0].goal_area}">${t.goalArea}</a></li>`
            : ''
        }
        <li>${t.initiatives}</li>
      </ol>
    </nav>
    <h1>${i.title} ${demoTag(locale, i.is_demo)}</h1>
    ${i.is_demo ? html`<p class="notice">${t.demoNotice}</p>` : ''}
    <p class="lead">${i.summary}</p>
    ${i.description ? i.description.split(/\n{2,}/).map((para) => html`<p>${para}</p>`) : ''}
    <dl class="facts">
      <dt>${t.status}</dt>
      <dd>${t.initiativeStatus[i.status]}</dd>
      <dt>${t.period}</dt>
      <dd>${formatPeriod(i.start_date, i.end_date)}</dd>
      <dt>${t.owner}</dt>
      <dd>${i.owner.name}</dd>
      <dt>${t.partners}</dt>
      <dd>
        <ul>
          ${i.partners.map((p) => html`<li>${p.name} (${t.partnerRole[p.role]})</li>`)}
        </ul>
      </dd>
      <dt>${t.places}</dt>
      <dd>${i.places.map((p) => p.name).join(', ')}</dd>
      <dt>${t.goals}</dt>
      <dd>
        <ul>
          ${i.goals.map(
            (g) => html`<li><a href="/malomraden/${g.goal_area}">${g.code}</a> ${g.name}</li>`,
          )}
        </ul>
      </dd>
      ${
        i.perspectives.length > 0
          ? html`<dt>${t.perspectives}</dt>
            <dd>${i.perspectives.map((p) => p.name).join(', ')}</dd>`
          : ''
      }
      ${
        i.sdg_targets.length > 0
          ? html`<dt>${t.sdgTargets}</dt>
            <dd>${i.sdg_targets.join(', ')}</dd>`
          : ''
      }
      ${
        i.example_of_year
          ? html`<dt>${t.exampleOfYear(i.example_of_year)}</dt>
            <dd>${i.example_of_year}</dd>`
          : ''
      }
      ${
        i.diarienummer
          ? html`<dt>${t.diarienummer}</dt>
            <dd>${i.diarienummer}</dd>`
          : ''
      }
      ${
        i.contact_email
          ? html`<dt>${t.contact}</dt>
            <dd><a href="mailto:${i.contact_email}">${i.contact_email}</a></dd>`
          : ''
      }
    </dl>
    ${
      i.funding.length > 0
        ? html`<table>
          <caption>
            ${t.funding}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.year}</th>
              <th scope="col">${t.fundingSource}</th>
              <th scope="col" class="num">${t.amount}</th>
            </tr>
          </thead>
          <tbody>
            ${i.funding.map(
              (f) =>
                html`<tr>
                  <td>${f.year}</td>
                  <td>${t.fundingSourceName[f.source]}</td>
                  <td class="num">${formatSek(locale, f.amount_sek)}</td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="2">${t.total}</th>
              <td class="num">${formatSek(locale, i.funding_total_sek)}</td>
            </tr>
          </tfoot>
        </table>`
        : ''
    }`;
}
