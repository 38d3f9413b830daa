import { html, type SafeHtml } from '../html.js';
import { localePath, messages, type Locale } from '../i18n/index.js';

/**
 * The money rule in one sentence, under every figure of money per goal area, goal or place, with
 * a link to the coverage page where every amount of the rule is shown.
 */
export function moneyNote(locale: Locale): SafeHtml {
  const t = messages(locale);
  return html`<p class="money-note"><strong>${t.moneyRuleTitle}</strong> ${t.moneyRule} <a href="${localePath(locale, '/tackning')}">${t.moneyRuleLink}</a></p>`;
}
