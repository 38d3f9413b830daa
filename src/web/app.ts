import { readFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import formbody from '@fastify/formbody';
import { ZodError } from 'zod';
import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../domain/errors.js';
import { stripControlsDeep } from '../domain/text/plainText.js';
import { apiRoutes } from './api/routes.js';
import { accountsPlugin } from './auth/plugin.js';
import { registerCookies, siteSettings } from './cookies.js';
import { errorPage } from './public/errorPage.js';
import { PageCache, ReadRouting } from './pageCache.js';
import { sendPage } from './page.js';
import { publicRoutes } from './public/routes.js';
import { followupRoutes } from './public/followupRoutes.js';
import { consultationPublicRoutes } from './public/consultationRoutes.js';
import { strategyArchiveRoutes } from './public/strategyArchivePages.js';
import { strategyDocumentRoutes } from './public/strategyDocumentRoutes.js';
import { embedRoutes } from './public/embedRoutes.js';
import type { Log } from '../ops/log.js';
import { registerMetrics } from '../ops/metrics.js';
import { RequestLog } from '../ops/requestLog.js';
import { setSiteConfig } from './siteConfig.js';

/** A request id from the proxy is kept only when it looks like one; otherwise one is made here. */
const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export interface AppOptions {
  database: Database;
  /** The configuration; read from the environment (src/config.ts) when not given. */
  config?: Config;
  /** A read replica (DATABASE_READ_URL) for the anonymous public reads; unset → the primary. */
  readDatabase?: Database | null;
  logger?: FastifyServerOptions['logger'];
  /** The process's structured log (src/ops/log.ts); used instead of `logger` when given. */
  log?: Log;
  /** A request header to take request ids from (REQUEST_ID_HEADER); unset → ids made here. */
  requestIdHeader?: string | null;
  /** The bearer token of GET /metrics (METRICS_TOKEN); unset → no /metrics. */
  metricsToken?: string | null;
  /** Server timeouts against slow clients; tests shorten them. */
  timeouts?: Partial<typeof serverTimeouts>;
}

/**
 * Limits against slow and oversized requests (docs/operations.md): all headers within 10 s,
 * the whole request within 30 s, idle keep-alive sockets closed after 5 s, headers at most
 * 16 KiB (431) and bodies at most 1 MiB (413).
 */
export const serverTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
};
export const MAX_HEADER_BYTES = 16 * 1024;
export const MAX_BODY_BYTES = 1_048_576;

const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'geolocation=(), camera=(), microphone=()',
};

type SchemaCompilers = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type BuildValidator = NonNullable<SchemaCompilers['buildValidator']>;
type BuildSerializer = NonNullable<SchemaCompilers['buildSerializer']>;
const fromFastify = createRequire(import.meta.resolve('fastify'));
let buildValidator: BuildValidator | undefined;
let buildSerializer: BuildSerializer | undefined;

/**
 * Fastify's own JSON-schema compilers (Ajv and fast-json-stringify, about a megabyte of code),
 * loaded when a route first declares a schema instead of with every server. No route declares
 * one (the routes validate with zod), and loading them was a large part of building the app.
 */
const schemaCompilers: SchemaCompilers = {
  buildValidator: (...args) => {
    buildValidator ??= (fromFastify('@fastify/ajv-compiler') as () => BuildValidator)();
    return buildValidator(...args);
  },
  buildSerializer: (...args) => {
    buildSerializer ??= (
      fromFastify('@fastify/fast-json-stringify-compiler') as () => BuildSerializer
    )();
    return buildSerializer(...args);
  },
};

/** TRUST_PROXY as Fastify takes it: a hop count is the n nearest hops (proxy-addr's rule). */
function trustProxyOption(
  trust: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return trust;
}

/** Builds the web application: every front door, sharing one database. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const timeouts = { ...serverTimeouts, ...options.timeouts };
  const config = options.config ?? loadConfig();
  const idHeader = options.requestIdHeader ?? null;
  const app = Fastify({
    ...(options.log
      ? { loggerInstance: options.log as FastifyBaseLogger }
      : { logger: options.logger ?? false }),
    requestIdHeader: false,
    logController: new RequestLog(),
    genReqId: (req) => {
      const sent = idHeader ? req.headers[idHeader] : undefined;
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    schemaController: { compilersFactory: schemaCompilers },
    // X-Forwarded-* are believed only from the proxies TRUST_PROXY names (none by default).
    trustProxy: trustProxyOption(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.requestMs * 2,
    http: {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  });
  setSiteConfig(app, config);
  await registerCookies(app, siteSettings(config.publicUrl));
  await app.register(formbody);
  const { db } = options.database;

  // PostgreSQL text cannot hold NUL; no address of ours has one, so it is refused at the door.
  app.addHook('onRequest', async (req) => {
    if (/%00|\0/i.test(req.url)) {
      throw Object.assign(new Error('NUL in the address'), {
        statusCode: 400,
        code: 'bad_request',
      });
    }
  });

  // The same holds for bodies: a form or JSON value with NUL is refused whole, before any route.
  app.addHook('preValidation', async (req) => {
    if (containsNul(req.body)) {
      throw new DomainError(
        400,
        'nul_character',
        'Texten innehåller ett otillåtet tecken (NUL, U+0000). Ta bort det och försök igen.',
      );
    }
    // Other control characters are stripped from every text value; tab and line breaks stay
    // here, and single-line fields turn them into spaces in their schema (plainText.ts).
    stripControlsDeep(req.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    // A route may set a stricter header of its own (a sandboxing CSP on served documents).
    for (const [name, value] of Object.entries(securityHeaders)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    // Behind TLS (the proxy says https), browsers are told to use https only from now on.
    if (req.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
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
      if (status === 413) {
        code = 'payload_too_large';
        message = `Begäran är för stor: högst ${MAX_BODY_BYTES / 1_048_576} MB tas emot.`;
      }
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
  if (options.metricsToken) {
    registerMetrics(app, {
      token: options.metricsToken,
      database: options.database,
      pageCache: cache,
    });
  }
  // With a read replica, every GET of the anonymous public reads (portal, feeds, follow-up,
  // open data, widgets, the read API) runs routed: on the replica once it has replayed the
  // current data version, else on the primary. Form posts, the write API, consultations,
  // accounts, sessions and the data version itself always use the primary.
  const reads = options.readDatabase
    ? new ReadRouting(db, options.readDatabase.db, () => cache.dataVersion(), {
        log: (message) => app.log.warn(message),
      })
    : null;
  const readDb = reads?.db ?? db;
  await app.register(async (publicReads) => {
    if (reads) publicReads.addHook('onRoute', reads.onRoute);
    publicRoutes(publicReads, readDb, cache, db);
    followupRoutes(publicReads, readDb, cache);
    strategyArchiveRoutes(publicReads, readDb, cache);
    strategyDocumentRoutes(publicReads, readDb, cache);
    embedRoutes(publicReads, readDb, cache);
    apiRoutes(publicReads, db, { readDb, config });
  });
  await app.register(consultationPublicRoutes, { db, config });
  await app.register(accountsPlugin, { db, config });
  return app;
}

/** True when any string in a parsed form or JSON body holds NUL, which no database text column takes. */
export function containsNul(body: unknown): boolean {
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\0')) return true;
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes('\0')) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}
