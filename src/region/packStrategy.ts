import { chapterTexts, type DefineStrategyInput } from '../domain/strategy/defineStrategy.js';
import type { RegionStrategy } from './packSchema.js';

/** The pack's strategy as the input of defineStrategy: goals grouped under their areas. */
export function strategyInput(s: RegionStrategy): DefineStrategyInput {
  return {
    slug: s.slug,
    nameSv: s.nameSv,
    nameEn: s.nameEn,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    status: 'adopted',
    isCurrent: true,
    visionSv: s.visionSv,
    visionEn: s.visionEn,
    ...chapterTexts(s),
    ...(s.decision ? { adoptedOn: s.decision.date, diarienummer: s.decision.diarienummer } : {}),
    goalAreas: s.goalAreas.map((a) => ({
      ...a,
      goals: s.goals
        .filter((g) => g.area === a.slug)
        .map((g) => ({
          code: g.code,
          nameSv: g.nameSv,
          nameEn: g.nameEn,
          descriptionSv: g.descriptionSv ?? '',
          descriptionEn: g.descriptionEn ?? '',
        })),
    })),
    perspectives: s.perspectives,
  };
}
