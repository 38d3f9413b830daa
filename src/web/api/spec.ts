import { z } from 'zod';
import {
  errorSchema,
  goalAreaSchema,
  goalSchema,
  indicatorSchema,
  initiativeSchema,
  listOf,
  observationListSchema,
  oneOf,
  organisationSchema,
  perspectiveSchema,
  placeSchema,
  progressReportSchema,
  sdgGoalSchema,
  strategySchema,
} from '../../domain/opendata/schemas.js';
import * as p from './params.js';

/**
 * Every route of the open-data API, described once: routes are registered from this list and
 * the OpenAPI document is generated from it, so the two cannot drift apart.
 */
export interface Endpoint {
  path: string;
  summary: string;
  tag: 'Strategi' | 'Insatser' | 'Uppföljning' | 'Nedladdningar' | 'Metadata';
  params?: z.ZodObject;
  query: z.ZodObject;
  /** Media type of a successful answer, with the schema of the JSON ones. */
  mediaTypes: string[];
  schema?: z.ZodType;
}

const json = ['application/json'];

export const endpoints = {
  listStrategies: {
    path: '/api/v1/strategies',
    summary: 'Strategiversioner',
    tag: 'Strategi',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('strategies', strategySchema),
  },
  listGoalAreas: {
    path: '/api/v1/goal-areas',
    summary: 'Målområden',
    tag: 'Strategi',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('goal_areas', goalAreaSchema),
  },
  listGoals: {
    path: '/api/v1/goals',
    summary: 'Mål',
    tag: 'Strategi',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('goals', goalSchema),
  },
  listPerspectives: {
    path: '/api/v1/perspectives',
    summary: 'Horisontella perspektiv',
    tag: 'Strategi',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('perspectives', perspectiveSchema),
  },
  listSdgGoals: {
    path: '/api/v1/sdg-goals',
    summary: 'Agenda 2030: de globala målen med delmål',
    tag: 'Strategi',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('sdg_goals', sdgGoalSchema),
  },
  listPlaces: {
    path: '/api/v1/places',
    summary: 'Platser: riket, länet och kommunerna',
    tag: 'Strategi',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('places', placeSchema),
  },
  listOrganisations: {
    path: '/api/v1/organisations',
    summary: 'Aktörer',
    tag: 'Insatser',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('organisations', organisationSchema),
  },
  listInitiatives: {
    path: '/api/v1/initiatives',
    summary: 'Publicerade insatser, med filter och fritextsökning',
    tag: 'Insatser',
    query: p.initiativeListQuery,
    mediaTypes: json,
    schema: listOf('initiatives', initiativeSchema),
  },
  getInitiative: {
    path: '/api/v1/initiatives/:id',
    summary: 'En publicerad insats',
    tag: 'Insatser',
    params: p.idParams,
    query: p.emptyQuery,
    mediaTypes: json,
    schema: oneOf('initiatives', initiativeSchema),
  },
  listProgressReports: {
    path: '/api/v1/progress-reports',
    summary: 'Lägesrapporter för publicerade insatser',
    tag: 'Uppföljning',
    query: p.progressReportQuery,
    mediaTypes: json,
    schema: listOf('progress_reports', progressReportSchema),
  },
  listIndicators: {
    path: '/api/v1/indicators',
    summary: 'Indikatorer',
    tag: 'Uppföljning',
    query: p.pageQuery,
    mediaTypes: json,
    schema: listOf('indicators', indicatorSchema),
  },
  getIndicator: {
    path: '/api/v1/indicators/:slug',
    summary: 'En indikator',
    tag: 'Uppföljning',
    params: p.slugParams,
    query: p.emptyQuery,
    mediaTypes: json,
    schema: oneOf('indicators', indicatorSchema),
  },
  listObservations: {
    path: '/api/v1/indicators/:slug/observations',
    summary: 'Utfall för en indikator',
    tag: 'Uppföljning',
    params: p.slugParams,
    query: p.observationListQuery,
    mediaTypes: json,
    schema: observationListSchema,
  },
  initiativesCsv: {
    path: '/api/v1/initiatives.csv',
    summary: 'Insatser som CSV (samma filter som listan)',
    tag: 'Nedladdningar',
    query: p.initiativeCsvQuery,
    mediaTypes: ['text/csv'],
  },
  observationsCsv: {
    path: '/api/v1/indicators/:slug/observations.csv',
    summary: 'Utfall för en indikator som CSV',
    tag: 'Nedladdningar',
    params: p.slugParams,
    query: p.observationCsvQuery,
    mediaTypes: ['text/csv'],
  },
  iatiActivities: {
    path: '/api/v1/iati/activities.xml',
    summary: 'Alla publicerade insatser enligt IATI 2.03',
    tag: 'Nedladdningar',
    query: p.emptyQuery,
    mediaTypes: ['application/xml'],
  },
  openApi: {
    path: '/api/v1/openapi.json',
    summary: 'Det här dokumentet (OpenAPI 3.1)',
    tag: 'Metadata',
    query: p.emptyQuery,
    mediaTypes: json,
  },
  dcat: {
    path: '/dcat',
    summary: 'Datakatalog enligt DCAT-AP-SE 3.0 (Turtle eller RDF/XML efter Accept)',
    tag: 'Metadata',
    query: p.emptyQuery,
    mediaTypes: ['text/turtle', 'application/rdf+xml'],
  },
} satisfies Record<string, Endpoint>;

export type EndpointId = keyof typeof endpoints;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

function parameters(e: Endpoint) {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', e.params],
    ['query', e.query],
  ] as const) {
    if (!schema) continue;
    const s = jsonSchema(schema, 'input') as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const { description, ...propSchema } = prop;
      out.push({
        name,
        in: where,
        required: where === 'path' || (s.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: propSchema,
      });
    }
  }
  return out;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
});

/** The OpenAPI 3.1 document of the API, generated from the endpoint list and its zod schemas. */
export function openApiDocument() {
  const paths: Record<string, { get: object }> = {};
  for (const [id, e] of Object.entries(endpoints) as [EndpointId, Endpoint][]) {
    paths[e.path.replace(/:(\w+)/g, '{$1}')] = {
      get: {
        operationId: id,
        summary: e.summary,
        tags: [e.tag],
        parameters: parameters(e),
        responses: {
          '200': {
            description: 'OK. Svaret har ETag och Cache-Control: public, max-age=60.',
            content: Object.fromEntries(
              e.mediaTypes.map((m) => [
                m,
                e.schema ? { schema: jsonSchema(e.schema, 'output') } : {},
              ]),
            ),
          },
          '304': { description: 'Oförändrat sedan If-None-Match.' },
          '400': errorResponse('Okänd parameter eller ogiltigt värde; field namnger parametern.'),
          ...(e.params
            ? { '404': errorResponse('Posten finns inte eller är inte publicerad.') }
            : {}),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Riktning – öppna data',
      version: '1.0.0',
      description:
        'Läs-API för den regionala utvecklingsstrategin: strategi, insatser, indikatorer och utfall. ' +
        'Fält i snake_case; listor har meta.pagination. Data under CC0 1.0; värden från Kolada anges med "Källa: Kolada".',
      license: { name: 'CC0 1.0', url: 'http://creativecommons.org/publicdomain/zero/1.0/' },
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Errors: jsonSchema(errorSchema, 'output') } },
  };
}
