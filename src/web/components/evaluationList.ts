import { linkableUrl } from '../../domain/text/webAddress.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, messages, type Locale } from '../i18n/index.js';

export interface PublicEvaluation {
  title: string;
  method: string;
  evaluator: string;
  findings: string;
  recommendations?: string;
  evaluatedOn: string;
  documents: unknown;
  /** What was evaluated, when the list spans several subjects (the goals of an area). */
  subject?: string;
}

const recommendationsLabel = { sv: 'Rekommendationer', en: 'Recommendations' };

/** Links a visitor may follow: web addresses and the documents served by /dokument/:id. */
const safeUrl = (url: string) => (/^\/dokument\/\d+$/.test(url) ? url : linkableUrl(url));

/** Published evaluations as cards; texts are Swedish, so marked as such on English pages. */
export function evaluationList(locale: Locale, evaluations: PublicEvaluation[]): SafeHtml | '' {
  if (evaluations.length === 0) return '';
  const t = messages(locale);
  const svLang = locale === 'en' ? html` lang="sv"` : '';
  return html`<h2>${t.evaluations}</h2>
${evaluations.map((e) => {
  const docs = (Array.isArray(e.documents) ? (e.documents as { title: string; url: string }[]) : [])
    .map((d) => ({ title: d.title, url: safeUrl(d.url) }))
    .filter((d): d is { title: string; url: string } => d.url !== null);
  return html`<section class="card" aria-label="${e.title}">
<h3${svLang}>${e.title}</h3>
${e.subject ? html`<p${svLang}>${e.subject}</p>` : ''}
<dl class="facts">
<dt>${t.evaluator}</dt><dd>${e.evaluator}</dd>
<dt>${t.evaluationMethod}</dt><dd${svLang}>${e.method}</dd>
<dt>${t.period}</dt><dd>${formatDate(locale, e.evaluatedOn)}</dd>
${docs.length > 0 ? html`<dt>${t.evaluationDocuments}</dt><dd><ul>${docs.map((d) => html`<li><a href="${d.url}">${d.title}</a></li>`)}</ul></dd>` : ''}
</dl>
<p${svLang}>${e.findings}</p>
${e.recommendations ? html`<h4>${recommendationsLabel[locale]}</h4><p${svLang}>${e.recommendations}</p>` : ''}
</section>`;
})}`;
}
