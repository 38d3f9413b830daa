import { regionIdentity } from '../../region/activeRegion.js';
import { readFile } from 'node:fs/promises';
import type {
  CompilationGroup,
  CompilationSnapshot,
} from '../../domain/consultation/compilation.js';
import { html, raw, type SafeHtml } from '../html.js';
import { formatDate, localePath, type Locale } from '../i18n/index.js';
import { meetingsTable } from '../components/meetingsTable.js';
import { consultationTexts, localised, PUBLIC_BASE } from './consultationPages.js';

/** The body of the "sammanställning av remissvar", the same on the web page and in the PDF. */
export function compilationBody(
  locale: Locale,
  s: CompilationSnapshot,
  links: { pdf: boolean } = { pdf: true },
): SafeHtml {
  const t = consultationTexts(locale);
  const group = (g: CompilationGroup) => html`<h3>${localised(locale, g.titleSv, g.titleEn)}</h3>
${
  g.entries.length === 0
    ? html`<p>${t.noFeedback}</p>`
    : html`<ul class="timeline">${g.entries.map(
        (e) => html`<li><p class="meta">${t.from}: ${e.from}</p>
<blockquote class="prewrap">${e.body}</blockquote>
<p><strong>${t.position}:</strong> ${e.tag ? t.tagNames[e.tag] : '–'}</p>
${e.regionAnswer ? html`<p><strong>${t.regionAnswer}:</strong> <span class="prewrap">${e.regionAnswer}</span></p>` : ''}</li>`,
      )}</ul>`
}`;
  return html`<h1>${t.compilationOf(locale === 'en' && s.titleEn ? s.titleEn : s.titleSv)}</h1>
<p>${t.compilationPublished(formatDate(locale, s.publishedAt))} ${t.deadline(formatDate(locale, s.opensOn), formatDate(locale, s.closesOn))}</p>
<p>${t.compilationCounts(s.counts)}</p>
${links.pdf ? html`<p><a href="${localePath(locale, `${PUBLIC_BASE}/${s.consultationId}/sammanstallning.pdf`)}">${t.compilationPdf}</a></p>` : ''}
<div class="prewrap"${locale === 'en' ? html` lang="sv"` : ''}>${s.introductionSv}</div>
${s.areas.map((a) => html`<h2>${localised(locale, a.nameSv, a.nameEn)}</h2>${a.goals.map(group)}`)}
${s.questions.length > 0 ? html`<h2>${t.questions}</h2>${s.questions.map(group)}` : ''}
<h2>${t.general}</h2>${group({ ...s.general, titleSv: t.general, titleEn: t.general })}
<h2>${t.responsesTitle}</h2>
${
  s.responses.length === 0
    ? html`<p>${t.noResponses}</p>`
    : s.responses.map(
        (r) =>
          html`<h3>${r.organisation}</h3>${r.submittedAt ? html`<p class="meta">${t.submittedOn(formatDate(locale, r.submittedAt))}</p>` : ''}<p class="prewrap">${r.summary}</p>`,
      )
}
<h2>${t.meetingsTitle}</h2>
${meetingsTable(t, locale, s.meetings)}`;
}

let css: string | undefined;

/** The compilation as a standalone document for print to PDF, with the stylesheet inlined. */
export async function compilationDocument(locale: Locale, s: CompilationSnapshot): Promise<string> {
  css ??= await readFile(new URL('../../../src/web/static/app.css', import.meta.url), 'utf8');
  const t = consultationTexts(locale);
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${t.compilationOf(locale === 'en' && s.titleEn ? s.titleEn : s.titleSv)}</title>
<meta name="author" content="${regionIdentity().nameSv}">
<style>${raw(css)}</style>
</head>
<body><main>${compilationBody(locale, s, { pdf: false })}</main></body>
</html>`.toString();
}
