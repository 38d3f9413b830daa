import { z } from 'zod';

/**
 * The published shapes of the open-data API, in snake_case. The OpenAPI document is generated
 * from these, the presenters are typed by them, and the tests parse real responses with them.
 * Objects are strict: a field a presenter adds without listing it here fails the tests.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoDateTime = z.string().meta({ format: 'date-time' });
const o = z.strictObject;

export const paginationSchema = o({
  page: z.int().min(1),
  per_page: z.int().min(1),
  total: z.int().min(0),
  next: z.string().nullable().meta({ description: 'Address of the next page, or null.' }),
});
export const metaSchema = o({ pagination: paginationSchema });

export const strategySchema = o({
  id: z.int(),
  slug: z.string(),
  name_sv: z.string(),
  name_en: z.string(),
  period_start: z.int(),
  period_end: z.int(),
  vision_sv: z.string(),
  vision_en: z.string(),
  status: z.enum(['draft', 'adopted', 'archived']),
  adopted_on: isoDate.nullable(),
  is_current: z.boolean(),
});

export const goalAreaSchema = o({
  id: z.int(),
  strategy_id: z.int(),
  slug: z.string(),
  name_sv: z.string(),
  name_en: z.string(),
  description_sv: z.string(),
  description_en: z.string(),
  colour: z.string(),
  position: z.int(),
});

export const goalSchema = o({
  id: z.int(),
  strategy_id: z.int(),
  goal_area_id: z.int(),
  goal_area_slug: z.string(),
  code: z.string(),
  name_sv: z.string(),
  name_en: z.string(),
  position: z.int(),
});

export const perspectiveSchema = o({
  id: z.int(),
  strategy_id: z.int(),
  slug: z.string(),
  name_sv: z.string(),
  name_en: z.string(),
  description_sv: z.string(),
  description_en: z.string(),
  position: z.int(),
});

export const sdgGoalSchema = o({
  number: z.int().min(1).max(17),
  colour: z.string(),
  short_sv: z.string().nullable(),
  short_en: z.string(),
  title_sv: z.string().nullable(),
  title_en: z.string(),
  targets: z.array(o({ code: z.string(), title_sv: z.string().nullable(), title_en: z.string() })),
});

export const placeSchema = o({
  code: z.string().meta({ description: 'Kolada code: 0000 riket, 0008 the region, 08xx.' }),
  kind: z.enum(['riket', 'region', 'kommun']),
  name_sv: z.string(),
  name_en: z.string(),
  scb_code: z.string(),
  parent_code: z.string().nullable(),
});

const organisationKind = z.enum([
  'kommun',
  'region',
  'statlig-myndighet',
  'larosate',
  'foretag',
  'ideell-forening',
  'ovrig',
]);

export const organisationSchema = o({
  id: z.int(),
  slug: z.string(),
  name: z.string(),
  kind: organisationKind,
  org_number: z
    .string()
    .nullable()
    .meta({ description: "Organisationsnummer; null when it would be a person's number." }),
  municipality_code: z.string().nullable(),
  website: z.string().nullable(),
  is_demo: z.boolean(),
});

export const initiativeStatusSchema = z.enum(['planerad', 'pagaende', 'avslutad', 'avbruten']);

export const initiativeSchema = o({
  id: z.int(),
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  status: initiativeStatusSchema,
  start_date: isoDate,
  end_date: isoDate.nullable(),
  owner: o({ id: z.int(), name: z.string(), slug: z.string() }),
  partners: z.array(
    o({
      name: z.string(),
      kind: organisationKind,
      role: z.enum(['lead', 'partner', 'funder', 'implementer']),
    }),
  ),
  funding: z.array(o({ source: z.string(), amount_sek: z.number(), year: z.int() })),
  funding_total_sek: z.number(),
  places: z.array(o({ code: z.string(), name: z.string(), kind: placeSchema.shape.kind })),
  goals: z.array(o({ code: z.string(), name: z.string(), goal_area: z.string() })),
  perspectives: z.array(o({ slug: z.string(), name: z.string() })),
  sdg_targets: z.array(z.string()),
  diarienummer: z.string().nullable(),
  contact_email: z
    .string()
    .nullable()
    .meta({ description: 'A functional mailbox, never a personal address.' }),
  example_of_year: z.int().nullable(),
  is_demo: z.boolean(),
  published_at: isoDateTime.nullable(),
  updated_at: isoDateTime,
});

export const indicatorSchema = o({
  id: z.int(),
  slug: z.string(),
  goal_id: z.int(),
  goal_code: z.string(),
  name_sv: z.string(),
  name_en: z.string(),
  unit: z.string(),
  source: z.enum(['kolada', 'scb', 'manual']),
  source_ref: z.string().nullable(),
  direction: z.enum(['higher', 'lower']),
  gender_split: z.boolean(),
  decimals: z.int(),
  baseline_year: z.int().nullable(),
  baseline_value: z.number().nullable(),
  target_year: z.int().nullable(),
  target_value: z.number().nullable(),
  target_is_example: z
    .boolean()
    .meta({ description: 'True when the target is an example, not an adopted target.' }),
  is_demo: z.boolean(),
});

export const genderSchema = z.enum(['T', 'K', 'M']);

export const observationSchema = o({
  place_code: z.string(),
  period: z.int(),
  gender: genderSchema.meta({ description: 'T total, K kvinnor (women), M män (men).' }),
  value: z.number().nullable(),
  status: z.string().meta({ description: "Empty with a value; the source's reason without." }),
  source: z.string(),
  source_revision: z.string().nullable(),
  retrieved_at: isoDateTime,
  is_demo: z.boolean(),
});

export const progressReportSchema = o({
  id: z.int(),
  initiative_id: z.int(),
  period_start: isoDate,
  period_end: isoDate,
  traffic_light: z.enum(['enligt-plan', 'risk', 'avvikelse']),
  narrative: z.string(),
  outputs: o({
    participants_k: z.int().nullable(),
    participants_m: z.int().nullable(),
    companies_reached: z.int().nullable(),
  }),
  spent_sek: z.number().nullable(),
  submitted_at: isoDateTime,
  is_demo: z.boolean(),
});

export const errorSchema = o({
  errors: z.array(
    o({
      code: z.string(),
      message: z.string(),
      field: z.string().nullable(),
    }),
  ),
});

/** A list response: the resources under their plural key and the page. */
export const listOf = <K extends string, S extends z.ZodType>(key: K, item: S) =>
  o({ [key]: z.array(item), meta: metaSchema } as { [P in K]: z.ZodArray<S> } & {
    meta: typeof metaSchema;
  });

/** A single resource: like a list of one, without pagination. */
export const oneOf = <K extends string, S extends z.ZodType>(key: K, item: S) =>
  o({ [key]: z.array(item).length(1) } as { [P in K]: z.ZodArray<S> });

export const observationListSchema = o({
  indicator: indicatorSchema,
  observations: z.array(observationSchema),
  meta: o({
    pagination: paginationSchema,
    attribution: z
      .string()
      .nullable()
      .meta({ description: 'Attribution the source requires, e.g. "Källa: Kolada".' }),
  }),
});
