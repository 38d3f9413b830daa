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
import * as w from './writeSchemas.js';

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
  initiativesXlsx: {
    path: '/api/v1/initiatives.xlsx',
    summary: 'Insatser som Excel-arbetsbok (samma filter som listan)',
    tag: 'Nedladdningar',
    query: p.initiativeXlsxQuery,
    mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  observationsXlsx: {
    path: '/api/v1/indicators/:slug/observations.xlsx',
    summary: 'Utfall för en indikator som Excel-arbetsbok',
    tag: 'Nedladdningar',
    params: p.slugParams,
    query: p.observationXlsxQuery,
    mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
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

/** A route of the write API: bearer token, a JSON body, and the answer's status and schema. */
export interface WriteEndpoint {
  method: 'POST' | 'PATCH';
  path: string;
  summary: string;
  description: string;
  tag: 'Skriva';
  params?: z.ZodObject;
  body: z.ZodObject;
  status: 200 | 201;
  schema: z.ZodType;
  idempotent: boolean;
  /** Takes If-Match (optimistic locking). */
  ifMatch: boolean;
}

export const writeEndpoints = {
  createInitiative: {
    method: 'POST',
    path: '/api/v1/initiatives',
    summary: 'Registrera en insats (skickas in för godkännande)',
    description:
      'Samma fält och regler som formuläret i administrationen. Insatsen ägs av nyckelns ' +
      'organisation och skickas in direkt (workflow_state inskickad); Regionen godkänner den.',
    tag: 'Skriva',
    body: w.initiativeCreateBody,
    status: 201,
    schema: w.initiativeReceipt,
    idempotent: true,
    ifMatch: false,
  },
  updateInitiative: {
    method: 'PATCH',
    path: '/api/v1/initiatives/:id',
    summary: 'Ändra en insats (skickas in för godkännande)',
    description:
      'Fälten som skickas ersätter de sparade; övriga behålls. Kräver versionen ändringen ' +
      'bygger på (If-Match: "v3" eller fältet version); en äldre version ger 409. En ändring ' +
      'av en publicerad insats blir ett förslag som Regionen godkänner.',
    tag: 'Skriva',
    params: p.idParams,
    body: w.initiativePatchBody,
    status: 200,
    schema: w.initiativeReceipt,
    idempotent: false,
    ifMatch: true,
  },
  createProgressReport: {
    method: 'POST',
    path: '/api/v1/initiatives/:id/progress-reports',
    summary: 'Lämna en lägesrapport för en insats',
    description:
      'Samma fält och regler som rapportformuläret; rapporten skickas in för granskning.',
    tag: 'Skriva',
    params: p.idParams,
    body: w.progressReportCreateBody,
    status: 201,
    schema: w.progressReportReceipt,
    idempotent: true,
    ifMatch: false,
  },
  updateProgressReport: {
    method: 'PATCH',
    path: '/api/v1/progress-reports/:id',
    summary: 'Ändra en utkastad eller returnerad lägesrapport och skicka in den',
    description: 'Fälten som skickas ersätter de sparade. En inskickad rapport ger 409.',
    tag: 'Skriva',
    params: p.idParams,
    body: w.progressReportPatchBody,
    status: 200,
    schema: w.progressReportReceipt,
    idempotent: false,
    ifMatch: false,
  },
} satisfies Record<string, WriteEndpoint>;

export type WriteEndpointId = keyof typeof writeEndpoints;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

function parameters(e: { params?: z.ZodObject; query?: z.ZodObject }) {
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

const rateLimited = errorResponse(
  'För många anrop (rate_limited); se Retry-After. Varje svar har RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset och RateLimit-Policy.',
);

function writeOperation(id: string, e: WriteEndpoint) {
  const headers: object[] = [];
  if (e.idempotent) {
    headers.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Samma nyckel och samma innehåll igen ger det sparade svaret (Idempotent-Replayed: true); ' +
        'samma nyckel med annat innehåll ger 422 idempotency_key_reused.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  if (e.ifMatch) {
    headers.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      description: 'Versionen ändringen bygger på, som ETag: "v3".',
      schema: { type: 'string' },
    });
  }
  return {
    operationId: id,
    summary: e.summary,
    description: e.description,
    tags: [e.tag],
    security: [{ bearerAuth: [] }],
    parameters: [...parameters({ params: e.params }), ...headers],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: jsonSchema(e.body, 'input') } },
    },
    responses: {
      [String(e.status)]: {
        description: e.status === 201 ? 'Skapad.' : 'Ändrad.',
        content: { 'application/json': { schema: jsonSchema(e.schema, 'output') } },
      },
      '400': errorResponse('Okänt fält eller fel typ; field namnger fältet.'),
      '401': errorResponse('API-nyckel saknas, är okänd eller återkallad.'),
      '403': errorResponse('Nyckeln hör till en annan organisation (posten är publicerad).'),
      ...(e.params
        ? {
            '404': errorResponse(
              'Posten finns inte, eller nyckelns organisation får inte läsa den (opublicerad).',
            ),
          }
        : {}),
      ...(e.method === 'PATCH'
        ? { '409': errorResponse('Versionen är inaktuell, eller posten kan inte ändras nu.') }
        : {}),
      '422': errorResponse(
        'Värdena bryter mot reglerna (t.ex. okänt mål, slut före start), eller en återanvänd Idempotency-Key.',
      ),
      ...(e.ifMatch ? { '428': errorResponse('Versionen saknas.') } : {}),
      '429': rateLimited,
    },
  };
}

/** The OpenAPI 3.1 document of the API, generated from the endpoint list and its zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, object>> = {};
  for (const [id, e] of Object.entries(endpoints) as [EndpointId, Endpoint][]) {
    paths[e.path.replace(/:(\w+)/g, '{$1}')] = {
      ...paths[e.path.replace(/:(\w+)/g, '{$1}')],
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
          '429': rateLimited,
        },
      },
    };
  }
  for (const [id, e] of Object.entries(writeEndpoints) as [string, WriteEndpoint][]) {
    const path = e.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [e.method.toLowerCase()]: writeOperation(id, e) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Riktning – öppna data',
      version: '1.0.0',
      description:
        'Läs-API för den regionala utvecklingsstrategin: strategi, insatser, indikatorer och utfall. ' +
        'Fält i snake_case; listor har meta.pagination. Data under CC0 1.0; värden från Kolada anges med "Källa: Kolada". ' +
        'Skriv-API för aktörernas egna system: insatser och lägesrapporter med en API-nyckel som organisationen skapar i administrationen (Authorization: Bearer).',
      license: { name: 'CC0 1.0', url: 'http://creativecommons.org/publicdomain/zero/1.0/' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Errors: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'En API-nyckel (rkt_…) som organisationen skapar under Administration → API-nycklar.',
        },
      },
    },
  };
}
