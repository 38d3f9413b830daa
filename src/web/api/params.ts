import { z } from 'zod';
import { genderSchema, initiativeStatusSchema } from '../../domain/opendata/schemas.js';

/**
 * Query and path parameters of the open-data API. Objects are strict, so an unknown parameter
 * is a 400 that names it; values arrive as text and are coerced where they are numbers.
 */
const slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const placeCode = z
  .string()
  .regex(/^\d{4}$/)
  .meta({ description: 'Kolada code of a place: 0000, 0008 or a municipality (08xx).' });

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
};
const delimiter = {
  delimiter: z
    .enum(['comma', 'semicolon'])
    .default('comma')
    .meta({ description: 'semicolon (with decimal commas) suits Excel set to Swedish.' }),
};

const initiativeFilters = {
  goal_area: slug.optional().meta({ description: 'Slug of a goal area.' }),
  goal: z
    .string()
    .regex(/^\d{1,2}\.\d{1,2}$/)
    .optional()
    .meta({ description: 'Code of a goal, e.g. 3.3.' }),
  place: placeCode.optional(),
  organisation: slug.optional().meta({ description: 'Slug of the owner or a partner.' }),
  status: initiativeStatusSchema.optional(),
  year: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2100)
    .optional()
    .meta({ description: 'Initiatives running at some time during the year.' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Swedish full-text search (websearch syntax: words, "phrase", -not).' }),
};

const observationFilters = {
  place: placeCode.optional(),
  period: z.coerce.number().int().min(1900).max(2100).optional(),
  gender: genderSchema.optional(),
};

export const emptyQuery = z.strictObject({});
export const pageQuery = z.strictObject(paging);
export const initiativeListQuery = z.strictObject({ ...paging, ...initiativeFilters });
export const initiativeCsvQuery = z.strictObject({ ...initiativeFilters, ...delimiter });
export const observationListQuery = z.strictObject({ ...paging, ...observationFilters });
export const observationCsvQuery = z.strictObject({ ...observationFilters, ...delimiter });
export const initiativeXlsxQuery = z.strictObject(initiativeFilters);
export const observationXlsxQuery = z.strictObject(observationFilters);
export const progressReportQuery = z.strictObject({
  ...paging,
  initiative: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

export const idParams = z.strictObject({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});
export const slugParams = z.strictObject({ slug });

export type Paging = { page: number; per_page: number };
