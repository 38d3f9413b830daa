import type { LogicStep } from '../../domain/evaluation/saveLogicModel.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';

const labels = {
  sv: {
    title: 'Logikmodell',
    intro:
      'Så är insatsen tänkt att verka: aktiviteter leder till resultat, resultat till effekter och effekter till strategins mål.',
    aktivitet: 'Aktiviteter',
    resultat: 'Resultat',
    effekt: 'Effekter',
    goals: 'Mål i strategin',
  },
  en: {
    title: 'Logic model',
    intro:
      'How the initiative is meant to work: activities lead to outputs, outputs to outcomes, and outcomes to the goals of the strategy.',
    aktivitet: 'Activities',
    resultat: 'Outputs',
    effekt: 'Outcomes',
    goals: 'Goals of the strategy',
  },
};

/**
 * An initiative's logic model as an ordered list of its four levels, readable without styles;
 * the stylesheet may lay the levels out side by side as a diagram.
 */
export function logicModelList(
  locale: Locale,
  steps: LogicStep[],
  goalName: (id: number) => { code: string; name: string } | null,
): SafeHtml | '' {
  if (steps.length === 0) return '';
  const l = labels[locale];
  const text = (s: LogicStep) =>
    locale === 'en' && s.textEn
      ? html`<li>${s.textEn}</li>`
      : html`<li${locale === 'en' ? html` lang="sv"` : ''}>${s.textSv}</li>`;
  const goalIds = [...new Set(steps.flatMap((s) => s.goalIds))];
  const goals = goalIds
    .map(goalName)
    .filter((g): g is { code: string; name: string } => g !== null);
  const level = (name: string, items: SafeHtml[]) =>
    items.length === 0 ? '' : html`<li class="logic-level"><h3>${name}</h3><ul>${items}</ul></li>`;
  return html`<section class="logic-model" aria-labelledby="logikmodell"><h2 id="logikmodell">${l.title}</h2>
<p>${l.intro}</p>
<ol class="logic-levels">
${level(l.aktivitet, steps.filter((s) => s.kind === 'aktivitet').map(text))}
${level(l.resultat, steps.filter((s) => s.kind === 'resultat').map(text))}
${level(l.effekt, steps.filter((s) => s.kind === 'effekt').map(text))}
${level(
  l.goals,
  goals.map((g) => html`<li>${g.code} ${g.name}</li>`),
)}
</ol></section>`;
}
