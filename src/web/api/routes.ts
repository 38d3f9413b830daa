import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { type Mailer } from '../../mail/mailer.js';
import { createOutboxMailer } from '../../mail/outbox.js';
import { downloadRoutes } from './downloadRoutes.js';
import { apiErrorHandler, cacheAndCors, notFound } from './http.js';
import { rateLimits } from './rateLimit.js';
import { resourceRoutes } from './resourceRoutes.js';
import { API_PREFIX, route } from './endpoint.js';
import { openApiDocument } from './spec.js';
import { writeRoutes } from './writeRoutes.js';

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
    /** The configuration, read once by buildApp (src/config.ts). */
    config: Config;
  },
) {
  const readDb = options.readDb ?? db;
  const document = openApiDocument();
  const config = options.config;
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
