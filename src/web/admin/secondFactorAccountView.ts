import type { SecondFactorStatus } from '../../domain/actors/secondFactor/status.js';
import { csrfField } from '../auth/formParts.js';
import { PASSKEY_SCRIPT } from '../auth/secondFactorViews.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { SecondFactorMessages } from '../i18n/secondFactor.sv.js';

export const SECOND_FACTOR_ACCOUNT_PATH = '/admin/konto/tvastegsverifiering';

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const when = (d: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(d);

function passkeySection(
  m: SecondFactorMessages,
  p: { csrf: string; locale: Locale; passkeys: PasskeyRow[] | null },
): SafeHtml {
  const P = SECOND_FACTOR_ACCOUNT_PATH;
  if (!p.passkeys) return html`<h2>${m.passkeysHeading}</h2><p>${m.passkeyNotConfigured}</p>`;
  const rows = p.passkeys.map(
    (k) =>
      html`<tr><td>${k.name}</td><td>${when(k.createdAt, p.locale)}</td><td>${k.lastUsedAt ? when(k.lastUsedAt, p.locale) : m.passkeyNever}</td><td><form method="post" action="${P}/nyckel/ta-bort">${csrfField(p.csrf)}<input type="hidden" name="id" value="${k.id}"><button type="submit" aria-label="${m.passkeyRemoveLabel(k.name)}">${m.passkeyRemove}</button></form></td></tr>`,
  );
  const list =
    p.passkeys.length === 0
      ? html`<p>${m.passkeysNone}</p>`
      : html`<div class="table-scroll"><table><caption>${m.passkeysCaption}</caption><thead><tr><th scope="col">${m.passkeyName}</th><th scope="col">${m.passkeyCreated}</th><th scope="col">${m.passkeyLastUsed}</th><th scope="col"><span class="visually-hidden">${m.passkeyRemove}</span></th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return html`<h2>${m.passkeysHeading}</h2>
<p>${m.passkeysIntro}</p>
${list}
<p class="hint" data-passkey-fallback>${m.passkeyNeedsScript}</p>
<div data-passkey="register" data-options="${P}/nyckel/alternativ" data-verify="${P}/nyckel" data-csrf="${p.csrf}" hidden>
<div class="field"><label for="passkey-name">${m.passkeyAddName}</label><input type="text" id="passkey-name" maxlength="100" autocomplete="off"></div>
<button type="button">${m.passkeyAdd}</button><p class="field-error" role="alert" hidden>${m.passkeyRegisterFailed}</p></div>
${PASSKEY_SCRIPT}`;
}

/** "Mitt konto" → two-step verification: the app, the recovery codes and the passkeys. */
export function secondFactorAccountView(
  m: SecondFactorMessages,
  p: {
    csrf: string;
    locale: Locale;
    status: SecondFactorStatus;
    required: boolean;
    passkeys: PasskeyRow[] | null;
    notice?: string;
    error?: string;
  },
): SafeHtml {
  const P = SECOND_FACTOR_ACCOUNT_PATH;
  const enrolled = p.status.totp || p.status.passkeys > 0;
  const app = p.status.totp
    ? html`<p>${m.appOn}</p><form method="post" action="${P}/app/ta-bort">${csrfField(p.csrf)}<div class="field"><label for="remove-code">${m.codeLabel}</label><p class="hint" id="remove-code-hint">${m.appRemoveHint}</p><input type="text" id="remove-code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="64" required aria-describedby="remove-code-hint"></div><button type="submit">${m.appRemove}</button></form>`
    : html`<p>${m.appOff}</p><p><a href="${P}/app">${m.appSetUp}</a></p>`;
  const codes = enrolled
    ? html`<p>${p.status.recoveryCodesLeft > 0 ? m.codesLeft(p.status.recoveryCodesLeft) : m.codesNone}</p><form method="post" action="${P}/reservkoder">${csrfField(p.csrf)}<p class="hint">${m.codesRegenerateHint}</p><button type="submit">${m.codesRegenerate}</button></form>`
    : html`<p>${m.codesNeedFactor}</p>`;
  return html`<h1>${m.accountTitle}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
${p.error ? html`<div class="message" role="alert"><p>${p.error}</p></div>` : ''}
${p.required ? html`<p>${m.accountRequired}</p>` : html`<p>${m.enrolOptional}</p>`}
<h2>${m.appHeading}</h2>
${app}
<h2>${m.codesHeading}</h2>
${codes}
${passkeySection(m, p)}`;
}
