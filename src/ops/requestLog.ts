import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** Path parameters that carry a secret: reset, invitation and confirmation links. */
const SECRET_PARAMS = new Set(['token']);

/**
 * The address of a request as it may be logged: the values of the query string are dropped (an
 * `access_token`, a search that names a person) and path segments that are a secret parameter of
 * the matched route (`/aterstall/:token`) are replaced, so no link that grants anything reaches
 * the log.
 */
export function loggableUrl(
  url: string,
  route: string | undefined,
  params: Record<string, string> | undefined,
): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  if (route && params) {
    const names = route.split('/');
    const parts = path.split('/');
    if (names.length === parts.length) {
      path = parts
        .map((part, i) => {
          const name = names[i]!;
          return name.startsWith(':') && SECRET_PARAMS.has(name.slice(1)) ? '[redacted]' : part;
        })
        .join('/');
    }
  }
  if (!query) return path;
  const keys = query
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=')[0]!.slice(0, 40));
  return `${path}?${keys.map((k) => `${encodeURIComponent(decodeSafe(k))}=[redacted]`).join('&')}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

const requestFields = (request: FastifyRequest) => ({
  method: request.method,
  url: loggableUrl(
    request.url,
    request.routeOptions.url,
    request.params as Record<string, string> | undefined,
  ),
  route: request.routeOptions.url ?? null,
});

/**
 * Fastify's request log lines with `requestId` as the id's label and the address made loggable:
 * one line when a request arrives and one when it is answered, with its status and time.
 */
export class RequestLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: requestFields(request) }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = {
      req: requestFields(request),
      res: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}
