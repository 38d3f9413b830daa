import { html, type SafeHtml } from '../html.js';
import { messages, type Locale } from '../i18n/index.js';

export function demoTag(locale: Locale, isDemo: boolean): SafeHtml {
  return isDemo ? html`<strong class="tag tag-demo">${messages(locale).demo}</strong>` : html``;
}
