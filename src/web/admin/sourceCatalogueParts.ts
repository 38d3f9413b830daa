import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorFor } from '../../domain/actors/sessions.js';
import { ForbiddenError } from '../../domain/errors.js';
import { indicatorPolicy } from '../../domain/followup/defineIndicator.js';
import type { indicatorFormChoices } from '../../domain/followup/indicatorQueries.js';
import type { Issue } from '../../domain/result.js';
import { redirectToSignIn } from '../auth/session.js';
import { html, type SafeHtml } from '../html.js';
import { sendPage } from '../page.js';
import { INDICATORS_PATH } from './indicatorForm.js';
import { adminLocale } from './locale.js';
import { adminShell } from './views.js';

/**
 * What the admin's pages over the sources' own catalogues (Kolada's KPIs, SCB's tables) share:
 * who may use them, the page frame, the search form, the error summary and the goal and direction
 * a new indicator gets.
 */

/** The most catalogue entries one page lists; a source's first page can hold hundreds. */
export const SHOWN = 50;
/** The longest search accepted, in characters. */
export const MAX_QUERY = 100;

export type Goal = Awaited<ReturnType<typeof indicatorFormChoices>>['goals'][number];

/** Only those who keep the indicator catalogue search the sources' catalogues. */
export async function allowedToKeepIndicators(req: FastifyRequest, reply: FastifyReply) {
  if (!req.account) return redirectToSignIn(req, reply);
  if (!indicatorPolicy.manage(actorFor(req.account))) throw new ForbiddenError();
}

/** A catalogue page inside the admin shell, under Indikatorer, never cached. */
export function sendCataloguePage(
  req: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: SafeHtml,
  status = 200,
) {
  const locale = adminLocale(req);
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    {
      title,
      body: adminShell(req, reply, INDICATORS_PATH, body),
      path: req.url,
    },
    status,
    locale,
  );
}

/** Why a search or step failed, with the problems of the form as a list. */
export const errorBox = (message: string | null, issues: Issue[] = []) =>
  message
    ? html`<div class="error-summary" role="alert"><p>${message}</p>${
        issues.length > 0 ? html`<ul>${issues.map((i) => html`<li>${i.message}</li>`)}</ul>` : ''
      }</div>`
    : '';

/** The search by words, which keeps what was typed. */
export function searchForm(
  action: string,
  m: { searchLabel: string; searchHint: string; search: string },
  q: string,
): SafeHtml {
  return html`<form method="get" action="${action}" role="search">
<div class="field"><label for="sok">${m.searchLabel}</label><p class="hint" id="sok-hint">${m.searchHint}</p>
<input id="sok" name="sok" type="search" value="${q}" maxlength="${String(MAX_QUERY)}" aria-describedby="sok-hint"></div>
<button type="submit">${m.search}</button>
</form>`;
}

/** The goal the new indicator follows up and whether higher or lower is better, as chosen. */
export function goalAndDirection(
  locale: 'sv' | 'en',
  id: string,
  goals: Goal[],
  chosen: { goal?: string; direction?: string } | undefined,
  m: { goal: string; direction: string; higher: string; lower: string },
): SafeHtml {
  return html`<div class="field"><label for="${id}goal">${m.goal}</label><select id="${id}goal" name="goal">${goals.map(
    (g) =>
      html`<option value="${g.code}"${chosen?.goal === g.code ? html` selected` : ''}>${g.code} ${locale === 'sv' ? g.nameSv : g.nameEn}</option>`,
  )}</select></div>
<div class="field"><label for="${id}direction">${m.direction}</label><select id="${id}direction" name="direction"><option value="higher">${m.higher}</option><option value="lower"${chosen?.direction === 'lower' ? html` selected` : ''}>${m.lower}</option></select></div>`;
}
