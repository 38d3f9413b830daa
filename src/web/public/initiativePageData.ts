import type { Db } from '../../db/client.js';
import { loadPublicLogicModel } from '../../domain/evaluation/saveLogicModel.js';
import { listEvaluations, listProgressReports } from '../../domain/followup/queries.js';
import { presentInitiative } from '../../domain/initiatives/presentInitiative.js';
import type { InitiativeDetail } from '../../domain/initiatives/queries.js';
import { placeSummaries } from '../../domain/places/queries.js';
import {
  measuresOfInitiative,
  type InitiativeMeasure,
} from '../../domain/strategy/programmeQueries.js';
import { logicModelList } from '../components/logicModelList.js';
import { raw, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import { initiativePage } from './initiativePage.js';

/**
 * The initiative page from a detail, with what the page reads beside it (published reports,
 * evaluations, the logic model, the map). The portal passes the published record; the admin
 * area's preview passes the values under review and their measures, and gets the same page
 * one heading level down inside its own.
 */
export async function initiativePageFor(
  db: Db,
  locale: Locale,
  detail: InitiativeDetail,
  preview?: { measures: InitiativeMeasure[] },
): Promise<{ presented: ReturnType<typeof presentInitiative>; body: SafeHtml }> {
  const presented = presentInitiative(detail);
  const [reports, places, measures, evaluations, logic] = await Promise.all([
    listProgressReports(db, presented.id),
    placeSummaries(db),
    preview ? preview.measures : measuresOfInitiative(db, presented.id),
    listEvaluations(db, { type: 'initiative', id: presented.id }),
    loadPublicLogicModel(db, presented.id),
  ]);
  const i = detail.initiative;
  const body = initiativePage(locale, presented, {
    reports,
    places,
    measures,
    evaluations,
    english: { title: i.titleEn, summary: i.summaryEn, description: i.descriptionEn },
    names: {
      goals: Object.fromEntries(detail.goals.map((g) => [g.code, g.nameEn])),
      perspectives: Object.fromEntries(detail.perspectives.map((p) => [p.slug, p.nameEn])),
    },
    logicModel: logicModelList(locale, logic.steps, logic.goalName(locale)),
    preview: preview !== undefined,
  });
  return { presented, body: preview ? demoteHeadings(body, 2) : body };
}

/**
 * The same markup with every heading `by` levels lower (at most h6), so that a page shown inside
 * another keeps one outline. Only tags are matched: text in the markup is escaped, so `<h` can
 * only begin a heading element.
 */
export function demoteHeadings(markup: SafeHtml, by: number): SafeHtml {
  return raw(
    markup
      .toString()
      .replace(/<(\/?)h([1-6])([\s>])/g, (_, slash: string, level: string, after: string) => {
        return `<${slash}h${Math.min(6, Number(level) + by)}${after}`;
      }),
  );
}
