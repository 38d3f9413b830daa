import { html, type SafeHtml } from '../html.js';
import { localePath, messages, type Locale } from '../i18n/index.js';

export function errorPage(
  locale: Locale,
  status: number,
  detail?: string,
): { title: string; body: SafeHtml } {
  const t = messages(locale);
  const title =
    status === 404
      ? t.notFoundTitle
      : status === 403
        ? t.forbiddenTitle
        : status < 500
          ? t.badRequestTitle
          : t.errorTitle;
  const text =
    status === 404 ? t.notFoundBody : status >= 500 ? t.errorBody : (detail ?? t.errorBody);
  return {
    title,
    body: html`<h1>${title}</h1>
      <p>${text}</p>
      <p><a href="${localePath(locale, '/')}">${t.backHome}</a></p>`,
  };
}
