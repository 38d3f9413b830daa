import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { authenticateApiToken, type TokenPrincipal } from '../../domain/access/apiTokens.js';
import { ApiRequestError } from './http.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiPrincipal?: TokenPrincipal;
  }
}

const REALM = 'Bearer realm="riktning"';

/**
 * preHandler of the write API: only an `Authorization: Bearer` token authenticates. Cookies are
 * never read here (the session plugin does not run for /api), so a browser cannot be tricked
 * into writing with its session and CSRF does not apply.
 */
export function bearerAuth(db: Db, now: () => Date) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      reply.header('www-authenticate', REALM);
      throw new ApiRequestError(401, [
        {
          code: 'unauthenticated',
          message: 'Ange en API-nyckel i huvudet Authorization: Bearer <nyckel>.',
          field: null,
        },
      ]);
    }
    const principal = await authenticateApiToken(db, match[1]!, now());
    if (!principal) {
      reply.header('www-authenticate', `${REALM}, error="invalid_token"`);
      throw new ApiRequestError(401, [
        {
          code: 'invalid_token',
          message: 'API-nyckeln är okänd eller återkallad.',
          field: null,
        },
      ]);
    }
    req.apiPrincipal = principal;
  };
}
