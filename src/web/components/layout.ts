import { html, type SafeHtml } from '../html.js';
import { localePath, messages, switchLocalePath, type Locale } from '../i18n/index.js';
import { strategyDocumentMessages } from '../i18n/strategyDocument.en.js';

export interface LayoutParams {
  locale: Locale;
  title: string;
  description?: string;
  body: SafeHtml;
  /** Current path with its query, to mark the active menu item and link the other language. */
  path: string;
  /** Atom feeds of the page, offered to feed readers. */
  feeds?: { href: string; title: string }[];
  /** Where the language link goes when the language is not in the path (signed-in pages). */
  languageHref?: string;
  /** Further skip links after "Hoppa till innehållet", e.g. straight to a search's results. */
  skipLinks?: { href: string; label: string }[];
  /** The installation holds demo data: one notice under the header says so on every page. */
  demo?: boolean;
}

export function layout(p: LayoutParams): SafeHtml {
  const t = messages(p.locale);
  const m = strategyDocumentMessages(p.locale);
  const pathOnly = p.path.split('?')[0]!;
  const navItem = (target: string, label: string) => {
    const href = localePath(p.locale, target);
    const current = pathOnly === href || (target !== '/' && pathOnly.startsWith(`${href}/`));
    return html`<li><a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  };
  const other = p.languageHref ?? switchLocalePath(p.locale, p.path);
  const svPath = p.locale === 'sv' ? p.path : other;
  const enPath = p.locale === 'en' ? p.path : other;
  const description = p.description
    ? html`<meta name="description" content="${p.description}">\n`
    : '';
  const feeds = [
    { href: localePath(p.locale, '/flode.atom'), title: t.feedTitle },
    ...(p.feeds ?? []),
  ];
  return html`<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} – ${t.siteName}</title>
${description}<link rel="stylesheet" href="/static/app.css">
<link rel="alternate" hreflang="sv" href="${svPath}">
<link rel="alternate" hreflang="en" href="${enPath}">
${feeds.map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title}" href="${f.href}">\n`)}</head>
<body>
<a class="skip-link" href="#innehall">${t.skipToContent}</a>
${(p.skipLinks ?? []).map((l) => html`<a class="skip-link" href="${l.href}">${l.label}</a>\n`)}<header class="site-header">
<div class="wrap">
<a class="brand" href="${localePath(p.locale, '/')}"><span class="brand-name">${t.siteName}</span> <span class="brand-tagline">${t.siteTagline}</span></a>
<a class="language" href="${other}" hreflang="${t.otherLanguageCode}" lang="${t.otherLanguageCode}" aria-label="${t.otherLanguageLabel}">${t.otherLanguage}</a>
<nav aria-label="${t.mainNav}"><ul>
${navItem('/', t.navHome)}${navItem('/strategin', m.navStrategy)}${navItem('/uppfoljning', m.navFollowUp)}${navItem('/insatser', t.navInitiatives)}${navItem('/kommuner', t.navPlaces)}${navItem('/aktorer', t.navOrganisations)}${navItem('/handlingsprogram', t.navProgrammes)}${navItem('/agenda-2030', t.navAgenda)}${navItem('/tackning', t.navCoverage)}${navItem('/oppna-data', m.navOpenData)}
</ul></nav>
</div>
</header>
${p.demo ? html`<div class="demo-notice"><p class="wrap"><strong>${t.demoSiteTitle}</strong> ${t.demoSiteNotice}</p></div>` : ''}
<main id="innehall" class="wrap" tabindex="-1">
${p.body}
</main>
<footer class="site-footer">
<div class="wrap">
<p>${t.footerAbout}</p>
<p>${t.footerOpenData}</p>
<ul class="footer-links">
<li><a href="${localePath(p.locale, '/tillganglighet')}">${t.footerAccessibility}</a></li>
<li><a href="${localePath(p.locale, '/personuppgifter')}">${t.footerPrivacy}</a></li>
<li><a href="${localePath(p.locale, '/utvecklingsaret')}">${t.footerReports}</a></li>
<li><a href="${localePath(p.locale, '/flode.atom')}">${t.footerFeed}</a></li>
<li><a href="${localePath(p.locale, '/oppna-data')}">${t.footerOpenDataLink}</a></li>
<li><a href="${localePath(p.locale, '/strategin/arkiv')}">${t.footerArchive}</a></li>
</ul>
</div>
</footer>
</body>
</html>`;
}
