import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { loadPendingSignIn } from '../../domain/actors/secondFactor/pendingSignIns.js';
import {
  passkeySignInOptions,
  verifyPasskeySignIn,
  type RelyingParty,
} from '../../domain/actors/secondFactor/passkeys.js';
import { context, systemActor } from '../../domain/context.js';
import { verifyCsrf } from '../csrf.js';
import { clearPendingCookie, pendingToken, secondFactorTexts } from './pendingCookie.js';
import { startSession, type AuthDeps } from './signedIn.js';

let script: Promise<string> | null = null;
const loadScript = () =>
  (script ??= readFile(new URL('../../../src/web/static/passkey.js', import.meta.url), 'utf8'));

const refuse = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.header('cache-control', 'no-store').status(status).send({ error: { code, message } });

/**
 * The passkey step of sign-in for the script (JSON in, JSON out), and the script itself, a
 * same-origin file as the content security policy asks. Without the script, or without a public
 * URL to take the relying party from, the code form does the same work.
 */
export function passkeyRoutes(
  app: FastifyInstance,
  deps: Pick<AuthDeps, 'db' | 'now'> & { relyingParty: RelyingParty | null },
) {
  const ctx = () => context(deps.db, systemActor('sign-in'), deps.now);

  app.get('/static/passkey.js', async (req, reply) => {
    const body = await loadScript();
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    reply.header('cache-control', 'public, max-age=3600').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('text/javascript; charset=utf-8').send(body);
  });

  async function pendingOf(req: Parameters<typeof pendingToken>[0]) {
    const token = pendingToken(req);
    return token ? loadPendingSignIn(ctx(), token) : null;
  }

  app.post('/logga-in/nyckel/alternativ', { preHandler: verifyCsrf }, async (req, reply) => {
    const rp = deps.relyingParty;
    const pending = await pendingOf(req);
    const m = secondFactorTexts(req);
    if (!rp) return refuse(reply, 404, 'not_found', m.passkeyFailed);
    if (!pending) return refuse(reply, 401, 'sign_in_expired', m.expired);
    reply.header('cache-control', 'no-store');
    return reply.send(await passkeySignInOptions(ctx(), rp, pending));
  });

  app.post('/logga-in/nyckel', { preHandler: verifyCsrf }, async (req, reply) => {
    const rp = deps.relyingParty;
    const pending = await pendingOf(req);
    const m = secondFactorTexts(req);
    if (!rp) return refuse(reply, 404, 'not_found', m.passkeyFailed);
    if (!pending) return refuse(reply, 401, 'sign_in_expired', m.expired);
    const response = (req.body as { response?: unknown } | undefined)?.response;
    if (typeof response !== 'object' || response === null) {
      return refuse(reply, 400, 'passkey_refused', m.passkeyFailed);
    }
    const result = await verifyPasskeySignIn(
      ctx(),
      rp,
      pending,
      response as AuthenticationResponseJSON,
    );
    if (!result.ok) {
      if (!result.open) clearPendingCookie(req, reply);
      return result.retryAt
        ? refuse(reply, 429, 'rate_limited', m.passkeyFailed)
        : refuse(reply, 401, 'passkey_refused', result.open ? m.passkeyFailed : m.tooManyWrong);
    }
    await startSession(deps, req, reply, result.token);
    clearPendingCookie(req, reply);
    return reply.header('cache-control', 'no-store').send({ redirect: pending.back });
  });
}
