import type { ValueNames } from '../../domain/initiatives/versionDiff.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';
import type { FormChoices } from './queries.js';

/** Names for the ids and codes of an initiative, from the form's choices, for diffs and comparisons. */
export function valueNames(choices: FormChoices, t: InitiativeAdminMessages): ValueNames {
  const byId = <K extends string | number>(items: { id: K; name: string }[]) => {
    const map = new Map(items.map((x) => [x.id, x.name]));
    return (id: K) => map.get(id) ?? t.unknown(id);
  };
  const place = byId(choices.places.map((p) => ({ id: p.code, name: p.name })));
  return {
    organisation: byId(choices.orgs),
    goal: byId(choices.goals),
    perspective: byId(choices.perspectives),
    measure: byId(choices.measures),
    place,
    status: (s) => t.statusNames[s] ?? s,
    role: (r) => t.roleNames[r] ?? r,
    source: (s) => t.sourceNames[s] ?? s,
    yes: t.yes,
    no: t.no,
  };
}
