import type { VersionRow } from '../../domain/initiatives/initiativeVersions.js';
import { diffInitiatives, type ValueNames } from '../../domain/initiatives/versionDiff.js';
import type { Issue } from '../../domain/result.js';
import { csrfField } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';
import { changesTable } from './initiativeChanges.js';

export interface HistoryParams {
  t: InitiativeAdminMessages;
  locale: Locale;
  id: number;
  title: string;
  versions: VersionRow[];
  currentVersion: number;
  names: ValueNames;
  /** Whether the actor may restore versions (edit the initiative). */
  mayRestore: boolean;
  /** Whether a restore becomes a change proposal (a member's published initiative). */
  asProposal?: boolean;
  csrf: string;
  /** A failed restore: why, in words. */
  problem?: { version: number; issues: Issue[] } | null;
}

const when = (locale: Locale, d: Date) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(d);

/**
 * `/admin/insatser/:id/historik`: every version, newest first, who made it and in which step of
 * the workflow, what changed against the version before, and a button to restore it.
 */
export function historyView(p: HistoryParams): SafeHtml {
  const { t } = p;
  const h = t.history;
  const step = (v: VersionRow) => {
    const s = v.step;
    const label = h.actions[s?.action ?? 'unknown'] ?? h.actions.unknown!;
    const extra = [
      s?.proposal ? h.proposal : null,
      s?.restoredFromVersion ? h.restoredFrom(s.restoredFromVersion) : null,
    ].filter(Boolean);
    return extra.length ? `${label} (${extra.join(', ')})` : label;
  };
  const newestFirst = [...p.versions].reverse();
  const restoreForm = (v: VersionRow) =>
    p.mayRestore && v.version !== p.currentVersion
      ? html`<form method="post" action="/admin/insatser/${p.id}/historik/${v.version}/aterstall">${csrfField(p.csrf)}<input type="hidden" name="version" value="${p.currentVersion}"><p>${p.asProposal ? h.restoreAsProposalHint(v.version) : h.restoreHint(v.version)}</p><button type="submit">${p.asProposal ? h.restoreAsProposal : h.restore}</button></form>`
      : v.version === p.currentVersion
        ? html`<p>${h.current}</p>`
        : '';
  return html`<h1>${h.title(p.title)}</h1>
<p><a href="/admin/insatser/${p.id}">${h.back}</a></p>
${
  p.problem
    ? html`<div class="message" role="alert"><p>${h.restoreFailed}</p><ul>${p.problem.issues.map((i) => html`<li>${i.message}</li>`)}</ul></div>`
    : ''
}
<table><caption>${h.caption}</caption>
<thead><tr><th scope="col">${h.version}</th><th scope="col">${h.when}</th><th scope="col">${h.who}</th><th scope="col">${h.step}</th></tr></thead>
<tbody>${newestFirst.map((v) => html`<tr><td><a href="#v${v.version}">${v.version}</a></td><td>${when(p.locale, v.createdAt)}</td><td>${v.createdBy ?? ''}</td><td>${step(v)}${v.step?.comment ? html`: <q>${v.step.comment}</q>` : ''}</td></tr>`)}</tbody></table>
${newestFirst.map((v) => {
  const previous = p.versions[p.versions.indexOf(v) - 1] ?? null;
  return html`<section id="v${v.version}" aria-labelledby="v${v.version}-heading">
<h2 id="v${v.version}-heading">${h.showVersion(v.version)}: ${step(v)}</h2>
${changesTable(t, diffInitiatives(previous?.data ?? null, v.data, p.names), h.showVersion(v.version))}
${restoreForm(v)}
</section>`;
})}`;
}
