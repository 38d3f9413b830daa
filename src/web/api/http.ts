import { createHash } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, type z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { Paging } from './params.js';
import { publicUrl } from '../siteConfig.js';

/** One problem with a request, in the API's published error format. */
export interface ApiError {
  code: string;
  message: string;
  field: string | null;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiError[],
  ) {
    super(errors[0]?.message ?? 'Felaktig begäran.');
  }
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number'
        ? 'ska vara ett tal.'
        : 'har fel typ; ange parametern en gång, som text.';
    case 'too_small':
      return `är för litet eller för kort (minst ${String(issue.minimum)}).`;
    case 'too_big':
      return `är för stort eller för långt (högst ${String(issue.maximum)}).`;
    case 'invalid_value':
      return `ska vara ett av: ${issue.values.map(String).join(', ')}.`;
    case 'invalid_format':
      return 'har fel format.';
    default:
      return 'är ogiltigt.';
  }
}

/** Zod issues as API errors: an unknown parameter is named, a bad value names its parameter. */
export function toApiErrors(error: ZodError): ApiError[] {
  return error.issues.flatMap((issue): ApiError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const field = [...issue.path.map(String), key].join('.');
        return { code: 'unknown_parameter', message: `Okänd parameter: ${field}.`, field };
      });
    }
    const field = issue.path.map(String).join('.') || null;
    return [
      {
        code: 'invalid_parameter',
        message: `Värdet för ${field ?? 'begäran'} ${describe(issue)}`,
        field,
      },
    ];
  });
}

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new ApiRequestError(400, toApiErrors(parsed.error));
  return parsed.data;
}

/** Error handler of the API plugins: every failure leaves as { errors: [...] }. */
export function apiErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let status = 500;
  let errors: ApiError[] = [
    { code: 'internal_error', message: 'Ett oväntat fel inträffade.', field: null },
  ];
  if (err instanceof ApiRequestError) {
    status = err.status;
    errors = err.errors;
  } else if (err instanceof DomainError) {
    status = err.status;
    errors = [{ code: err.code, message: err.message, field: null }];
  } else if (err instanceof ZodError) {
    status = 400;
    errors = toApiErrors(err);
  } else if (typeof err.statusCode === 'number' && err.statusCode < 500) {
    status = err.statusCode;
    errors = [{ code: 'bad_request', message: 'Begäran kunde inte tolkas.', field: null }];
  }
  if (status >= 500) req.log.error({ err }, 'open-data request failed');
  return reply.status(status).type('application/json; charset=utf-8').send({ errors });
}

export function notFound(_req: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ code: 'not_found', message: 'Resursen finns inte.', field: null }] });
}

const etagOf = (body: string | Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Open data is public and cacheable: CORS for everyone, a minute of caching, an ETag that is a
 * hash of the body, and 304 when the client already has it. Errors are not cached.
 */
export async function cacheAndCors(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('access-control-allow-origin', '*');
  if (reply.statusCode !== 200 || (req.method !== 'GET' && req.method !== 'HEAD')) {
    reply.header('cache-control', 'no-store');
    return payload;
  }
  reply.header('cache-control', 'public, max-age=60');
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const etag = etagOf(payload);
  reply.header('etag', etag);
  if (matches(req.headers['if-none-match'], etag)) {
    reply.code(304);
    reply.removeHeader('content-type');
    return '';
  }
  return payload;
}

/** The configured public address (RIKTNING_PUBLIC_URL) that links in answers are built from. */
export const baseUrl = publicUrl;

export const offsetOf = (q: Paging) => ({ limit: q.per_page, offset: (q.page - 1) * q.per_page });

/** meta.pagination: the page, its size, the total and the address of the next page or null. */
export function pagination(
  req: FastifyRequest,
  q: Paging & Record<string, unknown>,
  total: number,
) {
  let next: string | null = null;
  if (q.page * q.per_page < total) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page: q.page + 1 })) {
      if (v !== undefined && v !== null) search.set(k, String(v));
    }
    next = `${baseUrl(req)}${req.url.split('?')[0]}?${search.toString()}`;
  }
  return { page: q.page, per_page: q.per_page, total, next };
}

export function inMemoryPage<T>(all: T[], q: Paging): T[] {
  const { limit, offset } = offsetOf(q);
  return all.slice(offset, offset + limit);
}
