import { html, type SafeHtml } from '../html.js';
import type { SecondFactorMessages } from '../i18n/secondFactor.sv.js';
import { csrfField } from './formParts.js';

/** The one script of the site: the passkey ceremony, a progressive enhancement. */
export const PASSKEY_SCRIPT = html`<script src="/static/passkey.js" defer></script>`;

const alert = (text?: string) =>
  text ? html`<div class="message" role="alert"><p>${text}</p></div>` : '';

/** The second step of sign-in: a code from the app or a recovery code; a passkey where offered. */
export function secondStepView(
  m: SecondFactorMessages,
  p: { csrf: string; error?: string; passkey: boolean },
): SafeHtml {
  return html`<h1>${m.stepTitle}</h1>
<p>${m.stepIntro}</p>
${alert(p.error)}
<form method="post" action="/logga-in/andra-steget">
${csrfField(p.csrf)}
<div class="field"><label for="code">${m.codeLabel}</label>
<p class="hint" id="code-hint">${m.codeHint}</p>
<input type="text" id="code" name="code" inputmode="text" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="64" required aria-describedby="code-hint"></div>
<button type="submit">${m.verifyButton}</button>
</form>
${p.passkey ? html`<div data-passkey="authenticate" data-options="/logga-in/nyckel/alternativ" data-verify="/logga-in/nyckel" data-csrf="${p.csrf}" hidden><h2>${m.passkeyHeading}</h2><button type="button">${m.passkeyButton}</button><p class="field-error" role="alert" hidden>${m.passkeyFailed}</p></div>${PASSKEY_SCRIPT}` : ''}
<form method="post" action="/logga-in/avbryt">${csrfField(p.csrf)}<button type="submit" class="secondary">${m.cancel}</button></form>`;
}

/** Setting up an authenticator app: the key as text and as an otpauth link, then a first code. */
export function totpEnrolView(
  m: SecondFactorMessages,
  p: {
    csrf: string;
    action: string;
    secret: string;
    uri: string;
    required: boolean;
    error?: string;
    cancel?: boolean;
  },
): SafeHtml {
  const grouped = p.secret.replace(/(.{4})/g, '$1 ').trim();
  return html`<h1>${m.enrolTitle}</h1>
<p>${p.required ? m.enrolRequired : m.enrolOptional}</p>
${alert(p.error)}
<ol>
<li>${m.enrolStep1}</li>
<li>${m.enrolStep2}
<dl><dt>${m.secretLabel}</dt><dd><code class="secret">${grouped}</code></dd>
<dt>${m.uriLabel}</dt><dd><a href="${p.uri}">${p.uri}</a></dd></dl>
<p class="hint">${m.secretOnce}</p></li>
<li>${m.enrolStep3}</li>
</ol>
<form method="post" action="${p.action}">
${csrfField(p.csrf)}
<div class="field"><label for="code">${m.confirmLabel}</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,8}" maxlength="8" required></div>
<button type="submit">${m.confirmButton}</button>
</form>
${p.cancel ? html`<form method="post" action="/logga-in/avbryt">${csrfField(p.csrf)}<button type="submit" class="secondary">${m.cancel}</button></form>` : ''}`;
}

/** The recovery codes, shown once, with the way on. */
export function recoveryCodesView(
  m: SecondFactorMessages,
  p: { codes: string[]; next: string },
): SafeHtml {
  return html`<h1>${m.codesTitle}</h1>
<p>${m.codesIntro}</p>
<ul class="recovery-codes">${p.codes.map((c) => html`<li><code>${c}</code></li>`)}</ul>
<p><a href="${p.next}">${m.codesContinue}</a></p>`;
}
