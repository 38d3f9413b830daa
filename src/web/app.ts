import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import formbody from '@fastify/formbody';
import { ZodError } from 'zod';
import type { Database } from '../db/client.js';
import { DomainError } from '../domain/errors.js';
import { apiRoutes } from './api/routes.js';
import { accountsPlugin } from './auth/plugin.js';
import { errorPage } from './public/errorPage.js';
import { PageCache } from './pageCache.js';
import { publicRoutes, sendPage } from './public/routes.js';
import { followupRoutes } from './public/followupRoutes.js';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
}

const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'geolocation=(), camera=(), microphone=()',
};

/** Builds the web application: every front door, sharing one database. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1_048_576,
  });
  await app.register(formbody);
  const { db } = options.database;

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.headers(securityHeaders);
    return payload;
  });

  const wantsJson = (accept: string | undefined, url: string) =>
    url.startsWith('/api/') ||
    (accept?.includes('application/json') && !accept.includes('text/html'));

  app.setNotFoundHandler((req, reply) => {
    if (wantsJson(req.headers.accept, req.url)) {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'Resursen finns inte.' } });
    }
    const locale = req.url.startsWith('/en/') || req.url === '/en' ? 'en' : 'sv';
    const page = errorPage(locale, 404);
    return sendPage(reply, { ...page, path: req.url }, 404, locale);
  });

  app.setErrorHandler((err, req, reply) => {
    let status = 500;
    let code = 'internal_error';
    let message = 'Ett oväntat fel inträffade.';
    if (err instanceof DomainError) {
      status = err.status;
      code = err.code;
      message = err.message;
    } else if (err instanceof ZodError) {
      status = 400;
      code = 'bad_request';
      message = 'Begäran innehåller ogiltiga värden.';
    } else if (
      typeof (err as { statusCode?: number }).statusCode === 'number' &&
      (err as { statusCode: number }).statusCode < 500
    ) {
      status = (err as { statusCode: number }).statusCode;
      code = (err as { code?: string }).code ?? 'bad_request';
      message = 'Begäran kunde inte tolkas.';
    }
    if (status >= 500) req.log.error({ err }, 'request failed');
    if (wantsJson(req.headers.accept, req.url)) {
      return reply.status(status).send({ error: { code, message } });
    }
    const locale = req.url.startsWith('/en/') || req.url === '/en' ? 'en' : 'sv';
    const page = errorPage(locale, status, message);
    return sendPage(reply, { ...page, path: req.url }, status, locale);
  });

  const css = await readFile(new URL('../../src/web/static/app.css', import.meta.url), 'utf8');
  const cssEtag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 16)}"`;
  app.get('/static/app.css', (req, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', cssEtag);
    if (req.headers['if-none-match'] === cssEtag) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(css);
  });

  app.get('/healthz', (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  app.get('/readyz', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await options.database.ping();
      return reply.send({ status: 'ready', database: options.database.kind });
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: options.database.kind });
    }
  });

  // One cache for all public pages; a version read is trusted for a second unless this process
  // committed a change since (every command commits through inTransaction, which says so).
  const cache = new PageCache(db, 2000, 1000);
  publicRoutes(app, db, cache);
  followupRoutes(app, db, cache);
  apiRoutes(app, db);
  await app.register(accountsPlugin, { db });
  return app;
}
