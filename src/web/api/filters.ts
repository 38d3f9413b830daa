import type { z } from 'zod';
import type { OpenInitiativeFilter } from '../../domain/opendata/initiativeQueries.js';
import type { initiativeCsvQuery } from './params.js';

/** The API's snake_case filter parameters as the query's filter. */
export function initiativeFilterOf(
  q: Omit<z.infer<typeof initiativeCsvQuery>, 'delimiter'>,
): OpenInitiativeFilter {
  return {
    goalArea: q.goal_area,
    goal: q.goal,
    place: q.place,
    organisation: q.organisation,
    status: q.status,
    year: q.year,
    q: q.q,
  };
}
