import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { loadConfig, type Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { type Mailer } from '../../mail/mailer.js';
import { createOutboxMailer } from '../../mail/outbox.js';
import { downloadRoutes } from './downloadRoutes.js';
import { apiErrorHandler, cacheAndCors, notFound, parseOr400 } from './http.js';
import { rateLimits } from './rateLimit.js';
import { resourceRoutes } from './resourceRoutes.js';
import { endpoints, openApiDocument, type Endpoint, type EndpointId } from './spec.js';
import { writeRoutes } from './writeRoutes.js';

export const API_PREFIX = '/api/v1';

type Params<E> = E extends { params: z.ZodType } ? z.infer<E['params']> : Record<string, never>;
type Query<E> = E extends { query: z.ZodType } ? z.infer<E['query']> : never;

export interface Handled<Id extends EndpointId> {
  req: FastifyRequest;
  reply: FastifyReply;
  params: Params<(typeof endpoints)[Id]>;
  query: Query<(typeof endpoints)[Id]>;
}

/** Registers one endpoint of the spec: parameters are validated before the handler runs. */
export function route<Id extends EndpointId>(
  app: FastifyInstance,
  id: Id,
  handler: (h: Handled<Id>) => Promise<unknown>,
) {
  const e: Endpoint = endpoints[id];
  const url = e.path.startsWith(API_PREFIX) ? e.path.slice(API_PREFIX.length) : e.path;
  app.get(url, async (req, reply) => {
    const params = (e.params ? parseOr400(e.params, req.params) : {}) as Handled<Id>['params'];
    const query = parseOr400(e.query, req.query) as Handled<Id>['query'];
    const body = await handler({ req, reply, params, query });
    if (!reply.hasHeader('content-type')) reply.type('application/json; charset=utf-8');
    return reply.send(body);
  });
}

/**
 * The open-data front door: the read API, CSV, IATI and the OpenAPI document under /api/v1,
 * and the DCAT-AP-SE catalogue at /dcat — public, no personal data — and the write API for
 * organisations' own systems (bearer tokens only).
 */
export function apiRoutes(
  app: FastifyInstance,
  db: Db,
  options: {
    mailer?: Mailer;
    /** The database of the read routes (a routed read replica); the write API keeps `db`. */
    readDb?: Db;
    /** The configuration; read from the environment when not given. */
    config?: Config;
  } = {},
) {
  const readDb = options.readDb ?? db;
  const document = openApiDocument();
  const config = options.config ?? loadConfig();
  const mailer = options.mailer ?? createOutboxMailer(config.mail, db, app.log);
  void app.register(
    async (api) => {
      const limits = rateLimits();
      api.addHook('onRequest', limits.byAddress);
      api.addHook('onSend', cacheAndCors);
      api.setErrorHandler(apiErrorHandler);
      api.setNotFoundHandler(notFound);
      resourceRoutes(api, readDb);
      downloadRoutes(api, readDb, 'api');
      writeRoutes(api, db, { mailer, limitByToken: limits.byToken });
      route(api, 'openApi', async () => document);
    },
    { prefix: API_PREFIX },
  );
  void app.register(async (meta) => {
    meta.addHook('onSend', cacheAndCors);
    meta.setErrorHandler(apiErrorHandler);
    downloadRoutes(meta, readDb, 'catalogue');
  });
}
