import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseOr400 } from './http.js';
import { endpoints, type Endpoint, type EndpointId } from './spec.js';

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
