/**
 * Demo indicators (indikatorer): the active region pack's indicators (regions/<pack>/indicators.json)
 * with the parameters its `demo` entries give for synthesising demo series.
 *
 * DEMO DATA. Targets are EXAMPLE targets, not adopted ones; the series are invented. Where the
 * pack names a Kolada KPI, a real installation imports the real values instead.
 */
import { activeRegion } from '../../region/activeRegion.js';
import type { DemoIndicator, GoalCode } from './types.js';

function fromPack(): DemoIndicator[] {
  return activeRegion().indicators.map(({ demo, goalCode, ...i }) => ({
    ...i,
    goalCode: goalCode as GoalCode,
    seriesStart: demo?.seriesStart ?? i.baselineValue,
    yearlyChange: demo?.yearlyChange ?? 0,
    municipalSpread: demo?.municipalSpread ?? 0,
    genderGap: demo?.genderGap ?? 0,
  }));
}

/**
 * The list, read from the pack at each use, so it follows the pack the process serves (the
 * pack is chosen at start, after this module has loaded).
 */
export const demoIndicators: DemoIndicator[] = new Proxy([] as DemoIndicator[], {
  get(_target, property) {
    const list = fromPack();
    const value: unknown = Reflect.get(list, property);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(list) : value;
  },
  has: (_target, property) => Reflect.has(fromPack(), property),
  ownKeys: () => Reflect.ownKeys(fromPack()),
  getOwnPropertyDescriptor: (_target, property) =>
    Reflect.getOwnPropertyDescriptor(fromPack(), property),
});
