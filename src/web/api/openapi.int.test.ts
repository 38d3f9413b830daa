import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createDemoDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { testConfig } from '../../test/config.js';
import { apiRoutes } from './routes.js';
import { endpoints, openApiDocument, writeEndpoints, type Endpoint } from './spec.js';

let database: Database;
let app: FastifyInstance;
const registered: RouteOptions[] = [];
beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
  // A bare Fastify with only the open-data routes, to list every route they register.
  const probe = Fastify();
  probe.addHook('onRoute', (r) => {
    registered.push(r);
  });
  apiRoutes(probe, database.db, { config: testConfig() });
  await probe.ready();
  await probe.close();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the OpenAPI document and the routes', () => {
  it('documents every open-data route Fastify has, and nothing else', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json() as ReturnType<
      typeof openApiDocument
    >;
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const methods = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]);
    const routes = registered
      .flatMap((r) => methods(r).map((m) => [m.toLowerCase(), r.url] as const))
      .filter(([m]) => m !== 'head')
      .map(([m, u]) => [m, u.replace(/:(\w+)/g, '{$1}')] as const)
      .filter(([, u]) => u.startsWith('/api/v1') || u === '/dcat');
    expect(routes.length).toBeGreaterThanOrEqual(
      Object.keys(endpoints).length + Object.keys(writeEndpoints).length,
    );
    for (const [method, url] of routes) {
      expect(Object.keys(doc.paths), url).toContain(url);
      expect(Object.keys(doc.paths[url]!), `${method} ${url}`).toContain(method);
    }
    // The real application has each documented operation too.
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const url = path.replace(/\{(\w+)\}/g, ':$1');
        expect(
          app.hasRoute({ method: method.toUpperCase() as 'GET', url }),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
    // Every write operation names the bearer scheme, which the document defines.
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const e of Object.values(writeEndpoints)) {
      const op = doc.paths[e.path.replace(/:(\w+)/g, '{$1}')]![e.method.toLowerCase()] as {
        security: unknown;
      };
      expect(op.security).toEqual([{ bearerAuth: [] }]);
    }
  });

  it('answers every JSON endpoint with a body its schema accepts', async () => {
    const [indicator] = (await app.inject('/api/v1/indicators')).json().indicators;
    const [initiative] = (await app.inject('/api/v1/initiatives')).json().initiatives;
    for (const [id, e] of Object.entries(endpoints) as [string, Endpoint][]) {
      const url = e.path
        .replace(':id', String(initiative.id))
        .replace(':slug', indicator.slug as string);
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain(e.mediaTypes[0]);
      if (e.schema) {
        const parsed = e.schema.safeParse(res.json());
        expect(parsed.success, `${id}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`).toBe(
          true,
        );
      }
    }
  });
});
