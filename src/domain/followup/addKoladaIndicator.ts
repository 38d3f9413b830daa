import type { Ctx } from '../context.js';
import type { KoladaClient } from '../imports/kolada/koladaClient.js';
import { fail, issue, type Result } from '../result.js';
import { defineIndicator } from './defineIndicator.js';
import { currentGoalId, sourceSlug } from './sourceIndicator.js';

export interface AddKoladaIndicatorInput {
  kpi: string;
  /** The code of a goal of the current strategy, such as 4.2. */
  goalCode: string;
  slug?: string;
  direction?: 'higher' | 'lower';
  /** A draft the portal does not show until a curator publishes it. */
  draft?: boolean;
}

/** The unit Kolada writes at the end of a KPI title: "andel (%)" → "%", "kr/inv" → "kr/inv". */
export function unitOfKoladaTitle(title: string): string {
  if (/\(%\)|%$/.test(title)) return '%';
  const last = title.split(',').pop()?.trim() ?? '';
  return last.length > 0 && last.length <= 30 && last !== title.trim() ? last : 'värde';
}

/**
 * Adds a Kolada KPI as an indicator on a goal in one step, with Kolada's own metadata: the title
 * as the name, the description, the gender split and the unit read from the title. The nightly
 * import fills its values (riket, every län, the county's municipalities).
 */
export async function addKoladaIndicator(
  ctx: Ctx,
  input: AddKoladaIndicatorInput,
  client: KoladaClient,
): Promise<Result<{ id: number; slug: string }>> {
  if (!/^[NU]\d{5}$/.test(input.kpi)) {
    return fail([issue('kpi', 'Ett Kolada-id är N eller U och fem siffror, t.ex. N00914.')]);
  }
  const goalId = await currentGoalId(ctx, input.goalCode);
  if (goalId === null)
    return fail([issue('goal', `Strategin har inget mål ${input.goalCode}.`, 'unknown')]);
  const kpi = await client.kpi(input.kpi);
  const slug = input.slug ?? sourceSlug(kpi.id, kpi.title);
  const defined = await defineIndicator(ctx, {
    goalId,
    slug,
    nameSv: kpi.title,
    nameEn: kpi.title,
    description: kpi.description ?? '',
    unit: unitOfKoladaTitle(kpi.title),
    source: 'kolada',
    sourceRef: kpi.id,
    direction: input.direction ?? 'higher',
    genderSplit: Boolean(kpi.is_divided_by_gender),
    ...(input.draft ? { draft: true } : {}),
  });
  return defined.ok ? { ok: true, value: { id: defined.value.id, slug } } : defined;
}
