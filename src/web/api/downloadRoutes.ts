import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { dcatCatalogue } from '../../domain/opendata/dcat.js';
import { XLSX_CONTENT_TYPE } from '../../lib/xlsx.js';
import { iatiActivities } from '../../domain/opendata/iati.js';
import {
  findPublishedInitiativeIds,
  loadPublishedInitiatives,
} from '../../domain/opendata/initiativeQueries.js';
import { toRdfXml, toTurtle } from '../../domain/opendata/rdf.js';
import { catalogueFacts } from '../../domain/opendata/referenceQueries.js';
import {
  initiativesTable,
  observationsTable,
  tableCsv,
  tableXlsx,
} from '../../domain/opendata/tables.js';
import { initiativeFilterOf } from './filters.js';
import { baseUrl } from './http.js';
import type { observationXlsxQuery } from './params.js';
import { route } from './endpoint.js';

const CSV = 'text/csv; charset=utf-8';
export const XLSX = XLSX_CONTENT_TYPE;

/** Which representation of /dcat the client asked for: Turtle unless RDF/XML weighs more. */
export function wantsRdfXml(accept: string | undefined): boolean {
  const weight = (type: string) => {
    for (const part of (accept ?? '').split(',')) {
      const [name, ...rest] = part.split(';').map((s) => s.trim());
      if (name !== type) continue;
      const q = rest.find((r) => r.startsWith('q='));
      return q ? Number(q.slice(2)) || 0 : 1;
    }
    return 0;
  };
  return weight('application/rdf+xml') > weight('text/turtle');
}

/** Downloads (CSV, XLSX, IATI) under /api/v1, and the DCAT catalogue at /dcat. */
export function downloadRoutes(app: FastifyInstance, db: Db, part: 'api' | 'catalogue') {
  if (part === 'catalogue') {
    route(app, 'dcat', async ({ req, reply }) => {
      const nodes = dcatCatalogue(await catalogueFacts(db), baseUrl(req));
      reply.header('vary', 'Accept');
      if (wantsRdfXml(req.headers.accept)) {
        reply.type('application/rdf+xml; charset=utf-8');
        return toRdfXml(nodes);
      }
      reply.type('text/turtle; charset=utf-8');
      return toTurtle(nodes);
    });
    return;
  }

  const attachment = (reply: FastifyReply, file: string, type: string) =>
    reply.type(type).header('content-disposition', `attachment; filename="${file}"`);

  route(app, 'initiativesCsv', async ({ req, reply, query }) => {
    const table = await initiativesTable(db, initiativeFilterOf(query), baseUrl(req));
    attachment(reply, 'insatser.csv', CSV);
    return tableCsv(table, query.delimiter);
  });

  route(app, 'initiativesXlsx', async ({ req, reply, query }) => {
    const table = await initiativesTable(db, initiativeFilterOf(query), baseUrl(req));
    attachment(reply, 'insatser.xlsx', XLSX);
    return tableXlsx(table, 'Insatser');
  });

  const observations = (slug: string, query: z.infer<typeof observationXlsxQuery>, base: string) =>
    observationsTable(
      db,
      slug,
      { place: query.place, period: query.period, gender: query.gender },
      base,
    );

  route(app, 'observationsCsv', async ({ req, reply, params, query }) => {
    const table = await observations(params.slug, query, baseUrl(req));
    attachment(reply, `${table.name}.csv`, CSV);
    return tableCsv(table, query.delimiter);
  });

  route(app, 'observationsXlsx', async ({ req, reply, params, query }) => {
    const table = await observations(params.slug, query, baseUrl(req));
    attachment(reply, `${table.name}.xlsx`, XLSX);
    return tableXlsx(table, 'Utfall');
  });

  route(app, 'iatiActivities', async ({ req, reply }) => {
    const { ids } = await findPublishedInitiativeIds(db, {});
    const list = await loadPublishedInitiatives(db, ids);
    reply.type('application/xml; charset=utf-8');
    return iatiActivities(list, { baseUrl: baseUrl(req), generatedAt: lastUpdate(list) });
  });
}

/** The newest change, so the document (and its ETag) only changes when the data does. */
function lastUpdate(list: { initiative: { updatedAt: Date } }[]): Date {
  return new Date(Math.max(0, ...list.map((d) => d.initiative.updatedAt.getTime())));
}
