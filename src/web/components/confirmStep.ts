import { csrfField } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import { confirmEn } from '../i18n/confirm.en.js';
import { confirmSv } from '../i18n/confirm.sv.js';
import type { Locale } from '../i18n/index.js';

/**
 * One pattern for every irreversible or destructive step, without JavaScript: the step's button
 * posts as usual; a post without `confirm=1` changes nothing and answers with this page, which
 * names what will happen and posts the same fields again with `confirm=1` behind a warning
 * button. Routes check `isConfirmed(body)` before calling their command.
 */
export interface ConfirmationParams {
  locale: Locale;
  heading: string;
  /** What will happen, in the words of the step. */
  consequence: string | SafeHtml;
  /** Where the confirmed step posts (the same route). */
  action: string;
  csrf: string;
  /** The posted body; its fields are carried over unchanged (the token and `confirm` aside). */
  body: unknown;
  confirmLabel: string;
  /** Where "Avbryt" leads: the page the step was started from. */
  cancelHref: string;
  /** Shown above the button, such as the annual report in full. */
  preview?: SafeHtml | string;
  /** Fields of the confirmed post shown inside its form, such as choices to make. */
  fields?: SafeHtml | string;
  /** Whether the step can be taken back later (then the "cannot be undone" line is left out). */
  reversible?: boolean;
}

/** Whether a posted body carries the confirmation of its step. */
export function isConfirmed(body: unknown): boolean {
  const v = (body as Record<string, unknown> | undefined)?.confirm;
  return v === '1' || (Array.isArray(v) && v.includes('1'));
}

/** The red button of an irreversible step. */
export const warningButton = (label: string, extra: SafeHtml | string = ''): SafeHtml =>
  html`<button type="submit" class="button-warning"${extra}>${label}</button>`;

/** The posted fields as hidden inputs, so the confirmed post is the same post. */
function carried(body: unknown): SafeHtml[] {
  const fields = Object.entries((body ?? {}) as Record<string, unknown>);
  return fields.flatMap(([name, value]) => {
    if (name === '_csrf' || name === 'confirm') return [];
    const values = Array.isArray(value) ? value : [value];
    return values
      .filter((v): v is string => typeof v === 'string')
      .map((v) => html`<input type="hidden" name="${name}" value="${v}">`);
  });
}

/** The confirmation page of a step: heading, consequence, preview, then the warning button. */
export function confirmationPage(p: ConfirmationParams): SafeHtml {
  const t = p.locale === 'en' ? confirmEn : confirmSv;
  return html`<h1>${p.heading}</h1>
${p.preview ?? ''}
<section class="confirmation" role="alert" aria-labelledby="confirm-heading">
<h2 id="confirm-heading">${p.heading}</h2>
<p>${p.consequence}</p>
${p.reversible ? '' : html`<p><strong>${t.cannotUndo}</strong></p>`}
<form method="post" action="${p.action}">${csrfField(p.csrf)}${carried(p.body)}<input type="hidden" name="confirm" value="1">${p.fields ?? ''}
<ul class="actions"><li>${warningButton(p.confirmLabel)}</li><li><a href="${p.cancelHref}">${t.cancel}</a></li></ul>
</form>
</section>`;
}
