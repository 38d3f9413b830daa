import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { toCsv } from '../../domain/opendata/csv.js';
import { dcatCatalogue } from '../../domain/opendata/dcat.js';
import { fundingSourceNames, iatiActivities } from '../../domain/opendata/iati.js';
import {
  findPublishedInitiativeIds,
  loadPublishedInitiatives,
} from '../../domain/opendata/initiativeQueries.js';
import { koladaAttribution, licence, publisher } from '../../domain/opendata/publisher.js';
import { toRdfXml, toTurtle } from '../../domain/opendata/rdf.js';
import {
  catalogueFacts,
  findObservations,
  indicatorBySlug,
} from '../../domain/opendata/referenceQueries.js';
import { presentInitiative } from '../../domain/initiatives/presentInitiative.js';
import { initiativeFilterOf } from './filters.js';
import { baseUrl } from './http.js';
import { route } from './routes.js';

const comments = (base: string, extra: string[] = []) => [
  `Källa: ${publisher.name}, Riktning (${base}/)`,
  `Licens: ${licence.nameSv}, ${licence.uri}`,
  ...extra,
];

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

/** Downloads (CSV, IATI) under /api/v1, and the DCAT catalogue at /dcat. */
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

  route(app, 'initiativesCsv', async ({ req, reply, query }) => {
    const { ids } = await findPublishedInitiativeIds(db, initiativeFilterOf(query));
    const list = (await loadPublishedInitiatives(db, ids)).map(presentInitiative);
    const base = baseUrl(req);
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="insatser.csv"');
    return toCsv({
      delimiter: query.delimiter,
      comments: comments(base),
      header: [
        'id',
        'title',
        'summary',
        'status',
        'start_date',
        'end_date',
        'owner',
        'partners',
        'funding_total_sek',
        'funding_sources',
        'places',
        'goals',
        'perspectives',
        'sdg_targets',
        'diarienummer',
        'contact_email',
        'example_of_year',
        'is_demo',
        'url',
      ],
      rows: list.map((i) => [
        i.id,
        i.title,
        i.summary,
        i.status,
        i.start_date,
        i.end_date,
        i.owner.name,
        i.partners.map((p) => `${p.name} (${p.role})`).join(' | '),
        i.funding_total_sek,
        [...new Set(i.funding.map((f) => fundingSourceNames[f.source] ?? f.source))].join(' | '),
        i.places.map((p) => p.name).join(' | '),
        i.goals.map((g) => g.code).join(' | '),
        i.perspectives.map((p) => p.slug).join(' | '),
        i.sdg_targets.join(' | '),
        i.diarienummer,
        i.contact_email,
        i.example_of_year,
        i.is_demo,
        `${base}/insatser/${i.id}`,
      ]),
    });
  });

  route(app, 'observationsCsv', async ({ req, reply, params, query }) => {
    const indicator = await indicatorBySlug(db, params.slug);
    const { rows } = await findObservations(db, indicator.indicator.id, {
      place: query.place,
      period: query.period,
      gender: query.gender,
    });
    const i = indicator.indicator;
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="utfall-${i.slug}.csv"`);
    return toCsv({
      delimiter: query.delimiter,
      comments: comments(baseUrl(req), [
        `Indikator: ${i.nameSv} (${i.unit})`,
        ...(i.source === 'kolada' ? [koladaAttribution] : []),
      ]),
      header: [
        'indicator',
        'place_code',
        'period',
        'gender',
        'value',
        'status',
        'source',
        'is_demo',
      ],
      rows: rows.map((o) => [
        i.slug,
        o.placeCode,
        o.period,
        o.gender,
        o.value,
        o.status,
        o.source,
        o.isDemo,
      ]),
    });
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
