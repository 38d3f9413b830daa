import { activeRegion } from '../../region/activeRegion.js';
import type { Issue } from '../../domain/result.js';
import { html, type SafeHtml } from '../html.js';
import { messages, localePath, type Locale } from '../i18n/index.js';

export interface AccessibilityForm {
  values: { pageUrl: string; description: string; contactEmail: string };
  issues: Issue[];
  sent: boolean;
  csrf: string;
}

/** The region's own paragraphs (the region pack's pages.json), escaped like every text. */
function ownerText(key: 'accessibilityOwner' | 'privacyController', locale: Locale): SafeHtml {
  return html`${activeRegion().pages[key][locale].map((p) => html`<p>${p}</p>`)}`;
}

const statement = {
  sv: html`<h2>Hur tillgänglig är webbplatsen?</h2>
<p>Webbplatsen är byggd för att uppfylla WCAG 2.1 på nivå AA (EN 301 549). Sidorna fungerar utan JavaScript, med tangentbord och med skärmläsare. Varje sidtyp testas automatiskt med axe i webbläsaren Chromium vid mobil- och datorbredd, och HTML-koden valideras.</p>
<h2>Kända brister</h2>
<p>Texter i Agenda 2030:s delmål finns bara på engelska, eftersom det saknas en öppet licensierad svensk översättning. De är märkta med språk så att skärmläsare läser dem rätt.</p>
<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (Digg) har ansvar för tillsynen av lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.</p>
<h2>Hur vi testat webbplatsen</h2>
<p>Vi testar med automatiska verktyg vid varje ändring och granskar manuellt med tangentbord och skärmläsare.</p>`,
  en: html`<h2>How accessible is the website?</h2>
<p>The website is built to meet WCAG 2.1 level AA (EN 301 549). Pages work without JavaScript, with a keyboard and with screen readers. Every page type is tested automatically with axe in Chromium at mobile and desktop widths, and the HTML is validated.</p>
<h2>Known shortcomings</h2>
<p>The texts of the Agenda 2030 targets exist only in English. They are marked with their language so that screen readers read them correctly.</p>
<h2>Enforcement</h2>
<p>The Agency for Digital Government (Digg) supervises the act. If you are not satisfied with how we handle your report, you can contact Digg.</p>
<h2>How we tested the website</h2>
<p>We test with automatic tools at every change and review manually with keyboard and screen reader.</p>`,
};

export function accessibilityPage(locale: Locale, form: AccessibilityForm): SafeHtml {
  const t = messages(locale);
  const err = (field: string) => form.issues.find((i) => i.field === field);
  const fieldError = (field: string) => {
    const e = err(field);
    return e ? html`<p class="field-error" id="${field}-error">${e.message}</p>` : '';
  };
  const describedBy = (field: string) =>
    err(field) ? html` aria-describedby="${field}-error" aria-invalid="true"` : '';
  return html`<h1>${t.accessibilityTitle}</h1>
${ownerText('accessibilityOwner', locale)}
${statement[locale]}
<h2 id="rapportera">${t.accessibilityReportTitle}</h2>
${form.sent ? html`<p class="message" role="status">${t.accessibilityThanks}</p>` : ''}
${form.issues.length > 0 ? html`<div class="message" role="alert"><h3>${t.formErrors}</h3><ul>${form.issues.map((i) => html`<li><a href="#${i.field}">${i.message}</a></li>`)}</ul></div>` : ''}
<form method="post" action="${localePath(locale, '/tillganglighet')}#rapportera" novalidate>
<input type="hidden" name="_csrf" value="${form.csrf}">
<div class="field"><label for="pageUrl">${t.accessibilityPage}</label>${fieldError('pageUrl')}
<input type="text" id="pageUrl" name="pageUrl" value="${form.values.pageUrl}" maxlength="500"${describedBy('pageUrl')}></div>
<div class="field"><label for="description">${t.accessibilityDescription}</label>${fieldError('description')}
<textarea id="description" name="description" rows="6" maxlength="5000" required${describedBy('description')}>${form.values.description}</textarea></div>
<div class="field"><label for="contactEmail">${t.accessibilityEmail}</label>${fieldError('contactEmail')}
<input type="email" id="contactEmail" name="contactEmail" value="${form.values.contactEmail}" autocomplete="email"${describedBy('contactEmail')}></div>
<button type="submit">${t.accessibilitySend}</button>
</form>`;
}

export function privacyPage(locale: Locale): SafeHtml {
  const t = messages(locale);
  return locale === 'sv'
    ? html`<h1>${t.privacyTitle}</h1>
<h2>Kakor</h2>
<p>Webbplatsen använder inga kakor för spårning eller statistik. En nödvändig kaka (riktning_csrf) sätts när du öppnar ett formulär, för att skydda det mot förfalskade anrop. Den innehåller ingen uppgift om dig. Inloggade användare får dessutom en sessionskaka.</p>
<h2>Personuppgifter</h2>
<p>Vi publicerar så få personuppgifter som möjligt. Insatser visar en funktionsbrevlåda som kontakt, inte namn på personer. Om du rapporterar ett tillgänglighetsproblem och lämnar din e-postadress används den bara för att svara dig. Öppna data, flöden och nedladdningar innehåller inga personuppgifter.</p>
${ownerText('privacyController', 'sv')}`
    : html`<h1>${t.privacyTitle}</h1>
<h2>Cookies</h2>
<p>The website uses no tracking or analytics cookies. One necessary cookie (riktning_csrf) is set when you open a form, to protect it against forged requests. It holds nothing about you. Signed-in users also get a session cookie.</p>
<h2>Personal data</h2>
<p>We publish as little personal data as possible. Initiatives show a functional mailbox as contact, not people's names. If you report an accessibility problem and leave your email address, it is used only to answer you. Open data, feeds and downloads contain no personal data.</p>
${ownerText('privacyController', 'en')}`;
}
