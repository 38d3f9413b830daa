import type { Issue } from '../../domain/result.js';
import { html, type SafeHtml } from '../html.js';
import type { AccountsMessages } from '../i18n/accounts.sv.js';
import type { AdminMessages } from './texts.js';
import { csrfField, formErrors } from './formParts.js';

export function signInView(
  t: AdminMessages,
  p: {
    csrf: string;
    email: string;
    back: string;
    error?: string;
    notice?: string;
    /** Single sign-on, when configured: the provider's label and the accounts messages. */
    sso?: { name: string; a: AccountsMessages } | null;
  },
): SafeHtml {
  return html`<h1>${t.signInTitle}</h1>
<p>${t.signInIntro}</p>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
${p.error ? html`<div class="message" role="alert"><p>${p.error}</p></div>` : ''}
<form method="post" action="/logga-in">
${csrfField(p.csrf)}
<input type="hidden" name="tillbaka" value="${p.back}">
<div class="field"><label for="email">${t.email}</label>
<input type="email" id="email" name="email" value="${p.email}" autocomplete="username" required></div>
<div class="field"><label for="password">${t.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required></div>
<button type="submit">${t.signInButton}</button>
</form>
<p><a href="/glomt-losenord">${t.forgotLink}</a></p>
${p.sso ? html`<h2>${p.sso.a.ssoHeading}</h2><form method="get" action="/logga-in/oidc"><input type="hidden" name="tillbaka" value="${p.back}"><button type="submit">${p.sso.a.ssoButton(p.sso.name)}</button></form>` : ''}`;
}

export function forgotView(t: AdminMessages, p: { csrf: string; sent: boolean }): SafeHtml {
  return html`<h1>${t.forgotTitle}</h1>
${p.sent ? html`<p class="message" role="status">${t.forgotSent}</p>` : html`<p>${t.forgotIntro}</p>`}
<form method="post" action="/glomt-losenord">
${csrfField(p.csrf)}
<div class="field"><label for="email">${t.email}</label>
<input type="email" id="email" name="email" autocomplete="email" required></div>
<button type="submit">${t.forgotButton}</button>
</form>`;
}

function passwordField(t: AdminMessages, issues: Issue[], label: string): SafeHtml {
  const f = formErrors(issues);
  return html`<div class="field"><label for="password">${label}</label>
<p class="hint" id="password-hint">${t.passwordHint}</p>${f.errorText('password')}
<input type="password" id="password" name="password" autocomplete="new-password" minlength="12" maxlength="256" required aria-describedby="password-hint"${f.describedBy('password')}></div>`;
}

export function resetView(
  t: AdminMessages,
  p: { csrf: string; token: string; issues: Issue[] },
): SafeHtml {
  return html`<h1>${t.resetTitle}</h1>
${formErrors(p.issues).summary(t.formErrors)}
<form method="post" action="/aterstall/${p.token}">
${csrfField(p.csrf)}
${passwordField(t, p.issues, t.newPassword)}
<button type="submit">${t.resetButton}</button>
</form>`;
}

export function inviteView(
  t: AdminMessages,
  p: {
    csrf: string;
    token: string;
    email: string;
    name: string;
    issues: Issue[];
  },
): SafeHtml {
  return html`<h1>${t.inviteTitle}</h1>
<p>${t.inviteIntro(p.email)}</p>
${formErrors(p.issues).summary(t.formErrors)}
<form method="post" action="/inbjudan/${p.token}">
${csrfField(p.csrf)}
<div class="field"><label for="name">${t.name}</label>
<input type="text" id="name" name="name" value="${p.name}" autocomplete="name" maxlength="200"></div>
${passwordField(t, p.issues, t.password)}
<button type="submit">${t.inviteButton}</button>
</form>`;
}

export function linkInvalidView(t: AdminMessages): SafeHtml {
  return html`<h1>${t.linkInvalidTitle}</h1>
<p>${t.linkInvalid}</p>
<p><a href="/glomt-losenord">${t.forgotLink}</a></p>`;
}
