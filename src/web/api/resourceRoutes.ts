import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../domain/errors.js';
import { presentInitiative } from '../../domain/initiatives/presentInitiative.js';
import {
  findPublishedInitiativeIds,
  loadPublishedInitiatives,
} from '../../domain/opendata/initiativeQueries.js';
import {
  presentGoal,
  presentGoalArea,
  presentIndicator,
  presentObservation,
  presentOrganisation,
  presentPerspective,
  presentPlace,
  presentProgressReport,
  presentSdgGoal,
  presentStrategy,
} from '../../domain/opendata/presenters.js';
import { koladaAttribution } from '../../domain/opendata/publisher.js';
import {
  findObservations,
  findProgressReports,
  indicatorBySlug,
  listGoalAreas,
  listGoals,
  listIndicators,
  listOrganisations,
  listPerspectives,
  listPlaces,
  listSdgGoals,
  listStrategies,
} from '../../domain/opendata/referenceQueries.js';
import { inMemoryPage, offsetOf, pagination } from './http.js';
import type { Paging } from './params.js';
import { initiativeFilterOf } from './filters.js';
import { route } from './endpoint.js';

/** A small table paged in memory: rows are read whole in a stable order. */
async function smallList<R, T>(
  req: FastifyRequest,
  q: Paging,
  key: string,
  rows: Promise<R[]>,
  present: (r: R) => T,
) {
  const all = await rows;
  return {
    [key]: inMemoryPage(all, q).map(present),
    meta: { pagination: pagination(req, q, all.length) },
  };
}

export function resourceRoutes(api: FastifyInstance, db: Db) {
  route(api, 'listStrategies', ({ req, query }) =>
    smallList(req, query, 'strategies', listStrategies(db), presentStrategy),
  );
  route(api, 'listGoalAreas', ({ req, query }) =>
    smallList(req, query, 'goal_areas', listGoalAreas(db), presentGoalArea),
  );
  route(api, 'listGoals', ({ req, query }) =>
    smallList(req, query, 'goals', listGoals(db), presentGoal),
  );
  route(api, 'listPerspectives', ({ req, query }) =>
    smallList(req, query, 'perspectives', listPerspectives(db), presentPerspective),
  );
  route(api, 'listSdgGoals', ({ req, query }) =>
    smallList(req, query, 'sdg_goals', listSdgGoals(db), presentSdgGoal),
  );
  route(api, 'listPlaces', ({ req, query }) =>
    smallList(req, query, 'places', listPlaces(db), presentPlace),
  );
  route(api, 'listOrganisations', ({ req, query }) =>
    smallList(req, query, 'organisations', listOrganisations(db), presentOrganisation),
  );
  route(api, 'listIndicators', ({ req, query }) =>
    smallList(req, query, 'indicators', listIndicators(db), presentIndicator),
  );

  route(api, 'listInitiatives', async ({ req, query }) => {
    const { ids, total } = await findPublishedInitiativeIds(
      db,
      initiativeFilterOf(query),
      offsetOf(query),
    );
    const list = await loadPublishedInitiatives(db, ids);
    return {
      initiatives: list.map(presentInitiative),
      meta: { pagination: pagination(req, query, total) },
    };
  });

  route(api, 'getInitiative', async ({ params }) => {
    const [one] = await loadPublishedInitiatives(db, [params.id]);
    if (!one) throw new NotFoundError('Insatsen finns inte eller är inte publicerad.');
    return { initiatives: [presentInitiative(one)] };
  });

  route(api, 'getIndicator', async ({ params }) => ({
    indicators: [presentIndicator(await indicatorBySlug(db, params.slug))],
  }));

  route(api, 'listObservations', async ({ req, params, query }) => {
    const indicator = await indicatorBySlug(db, params.slug);
    const { rows, total } = await findObservations(
      db,
      indicator.indicator.id,
      { place: query.place, period: query.period, gender: query.gender },
      offsetOf(query),
    );
    return {
      indicator: presentIndicator(indicator),
      observations: rows.map(presentObservation),
      meta: {
        pagination: pagination(req, query, total),
        attribution: indicator.indicator.source === 'kolada' ? koladaAttribution : null,
      },
    };
  });

  route(api, 'listProgressReports', async ({ req, query }) => {
    const { rows, total } = await findProgressReports(
      db,
      { initiative: query.initiative },
      offsetOf(query),
    );
    return {
      progress_reports: rows.map(presentProgressReport),
      meta: { pagination: pagination(req, query, total) },
    };
  });
}
