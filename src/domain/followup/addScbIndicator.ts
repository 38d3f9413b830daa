import type { Ctx } from '../context.js';
import type { ScbClient } from '../imports/scb/scbClient.js';
import type { ScbTableMetadata, ScbVariable } from '../imports/scb/scbCatalogue.js';
import { fail, issue, type Issue, type Result } from '../result.js';
import { defineIndicator } from './defineIndicator.js';
import { currentGoalId, sourceSlug } from './sourceIndicator.js';

export interface AddScbIndicatorInput {
  /** The table's id in PxWebApi 2.0, such as TAB638. */
  table: string;
  /** The code of a goal of the current strategy, such as 3.1. */
  goalCode: string;
  /** One value per variable beside region and time: variable code → value code. */
  values: Record<string, string>;
  slug?: string;
  direction?: 'higher' | 'lower';
  draft?: boolean;
}

/** The variables the import fills itself: the region, the time and (when present) the gender. */
export const regionVariable = (m: ScbTableMetadata) =>
  m.variables.find((v) => v.role === 'geo') ?? m.variables.find((v) => v.code === 'Region');
export const timeVariable = (m: ScbTableMetadata) =>
  m.variables.find((v) => v.role === 'time') ?? m.variables.find((v) => v.code === 'Tid');
const GENDER = 'Kon';

/**
 * The gender variable the import reads itself: Kon with a total (1+2), asked for women, men and
 * the total, or Kon that may be left out, left out for the total. Otherwise it is chosen.
 */
const genderVariable = (m: ScbTableMetadata) => {
  const g = m.variables.find((v) => v.code === GENDER);
  return g && (g.values.some((v) => v.code === '1+2') || g.eliminable) ? g : undefined;
};

/** The variables an analyst chooses a value of: all but region, time and the gender split. */
export function choosableVariables(m: ScbTableMetadata): ScbVariable[] {
  const fixed = new Set([regionVariable(m)?.code, timeVariable(m)?.code, genderVariable(m)?.code]);
  return m.variables.filter((v) => !fixed.has(v.code));
}

/**
 * Adds an SCB table as an indicator on a goal in one step, from the table's own metadata: one
 * chosen value per variable beside region and time (a variable SCB lets be left out may stay
 * unchosen), the gender split where the table has Kon, the name from the table and the chosen
 * content, and the unit and decimals SCB gives the content. The nightly import asks the table
 * with that selection for riket, every län and the county's municipalities.
 */
export async function addScbIndicator(
  ctx: Ctx,
  input: AddScbIndicatorInput,
  client: ScbClient,
): Promise<Result<{ id: number; slug: string }>> {
  if (!/^[A-Za-z0-9_]{1,40}$/.test(input.table)) {
    return fail([issue('table', 'Ett tabell-id hos SCB är bokstäver och siffror, t.ex. TAB638.')]);
  }
  const goalId = await currentGoalId(ctx, input.goalCode);
  if (goalId === null)
    return fail([issue('goal', `Strategin har inget mål ${input.goalCode}.`, 'unknown')]);
  const meta = await client.metadata(input.table);
  if (!regionVariable(meta) || !timeVariable(meta)) {
    return fail([issue('table', `Tabellen ${meta.id} har ingen region- och tidsvariabel.`)]);
  }
  const issues: Issue[] = [];
  const selection: Record<string, string[]> = {};
  const chosenLabels: string[] = [];
  for (const variable of choosableVariables(meta)) {
    const chosen = input.values[variable.code];
    if (!chosen) {
      if (!variable.eliminable)
        issues.push(issue(`values.${variable.code}`, `Välj ett värde för ${variable.label}.`));
      continue;
    }
    const value = variable.values.find((v) => v.code === chosen);
    if (!value) {
      issues.push(
        issue(`values.${variable.code}`, `${variable.label} har inget värde ${chosen}.`, 'unknown'),
      );
      continue;
    }
    selection[variable.code] = [value.code];
    chosenLabels.push(value.label);
  }
  const unknown = Object.keys(input.values).filter(
    (code) => !choosableVariables(meta).some((v) => v.code === code),
  );
  for (const code of unknown)
    issues.push(
      issue(`values.${code}`, `Tabellen har ingen variabel ${code} att välja.`, 'unknown'),
    );
  if (issues.length > 0) return fail(issues);
  if (genderVariable(meta)?.values.some((v) => v.code === '1+2'))
    selection[GENDER] = ['1', '2', '1+2'];
  const metric = meta.variables.find((v) => v.role === 'metric');
  const metricValue = metric ? selection[metric.code]?.[0] : undefined;
  const unit = (metricValue && metric?.units[metricValue]) || {};
  const name = [meta.label, ...chosenLabels].join(', ').slice(0, 300);
  const slug = input.slug ?? sourceSlug(meta.id, chosenLabels[0] ?? meta.label);
  const defined = await defineIndicator(ctx, {
    goalId,
    slug,
    nameSv: name,
    nameEn: name,
    unit: (unit.base ?? 'värde').slice(0, 50),
    decimals: Math.min(4, Math.max(0, unit.decimals ?? 1)),
    source: 'scb',
    sourceRef: meta.id,
    sourceSelection: selection,
    direction: input.direction ?? 'higher',
    genderSplit: selection[GENDER] !== undefined,
    ...(input.draft ? { draft: true } : {}),
  });
  return defined.ok ? { ok: true, value: { id: defined.value.id, slug } } : defined;
}
