import { html, type SafeHtml } from '../html.js';
import { messages, type Locale } from '../i18n/index.js';

export interface LayoutParams {
  locale: Locale;
  title: string;
  description?: string;
  body: SafeHtml;
  /** Current path, to mark the active menu item. */
  path: string;
}

export function layout(p: LayoutParams): SafeHtml {
  const t = messages(p.locale);
  const navItem = (href: string, label: string) =>
    html`<li><a href="${href}"${p.path === href ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const description = p.description
    ? html`<meta name="description" content="${p.description}">\n`
    : '';
  return html`<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} – ${t.siteName}</title>
${description}<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip-link" href="#innehall">${t.skipToContent}</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="/"><span class="brand-name">${t.siteName}</span> <span class="brand-tagline">${t.siteTagline}</span></a>
<nav aria-label="${t.mainNav}"><ul>${navItem('/', t.navHome)}</ul></nav>
</div>
</header>
<main id="innehall" class="wrap" tabindex="-1">
${p.body}
</main>
<footer class="site-footer">
<div class="wrap">
<p>${t.footerAbout}</p>
<p>${t.footerOpenData}</p>
</div>
</footer>
</body>
</html>`;
}
