import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { OidcConfig } from '../../config.js';
import { signInWithOidc } from '../../domain/actors/oidcSignIn.js';
import { context, systemActor } from '../../domain/context.js';
import { readCookie, writeCookie } from '../cookies.js';
import { html } from '../html.js';
import { page, startSession, type AuthDeps } from './signedIn.js';
import { safeReturnPath } from './session.js';
import { textsOf } from './texts.js';
import {
  OIDC_COOKIE,
  OIDC_STATE_TTL_MS,
  openOidcState,
  sealOidcState,
  type OidcState,
} from './oidcState.js';

const CALLBACK = '/logga-in/oidc/callback';
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The provider's metadata, fetched when the server starts (not on the first request). A failed
 * discovery is retried at the next sign-in, so a provider that was down at start does not need a
 * restart.
 */
function discoverer(config: OidcConfig, log: FastifyBaseLogger) {
  const discover = () => {
    const issuer = new URL(config.issuer);
    // Plain http is accepted only for a provider on this machine (development and tests).
    const insecure = issuer.protocol === 'http:' && loopback.has(issuer.hostname);
    return client.discovery(
      issuer,
      config.clientId,
      config.clientSecret ?? undefined,
      config.clientSecret ? client.ClientSecretBasic(config.clientSecret) : client.None(),
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
  };
  let pending = discover();
  pending.catch((err: unknown) =>
    log.warn({ err }, 'OpenID Connect discovery failed; retrying at the next sign-in'),
  );
  return async () => {
    try {
      return await pending;
    } catch {
      pending = discover();
      return pending;
    }
  };
}

function setStateCookie(req: FastifyRequest, reply: FastifyReply, value: string, maxAge: number) {
  // Lax: the provider's redirect back is a top-level GET, which carries Lax cookies.
  writeCookie(req, reply, OIDC_COOKIE, value, { path: '/logga-in/oidc', sameSite: 'lax', maxAge });
}

/**
 * Single sign-on through OpenID Connect: authorization code flow with PKCE, state and nonce.
 * The state, nonce and code verifier travel in a signed cookie that lives ten minutes and is
 * cleared at the callback, so no server memory is needed between the two legs.
 */
export function oidcRoutes(app: FastifyInstance, deps: AuthDeps, config: OidcConfig) {
  const configuration = discoverer(config, app.log);
  const ctx = () => context(deps.db, systemActor('oidc'), deps.now);
  const redirectUri = (req: FastifyRequest) => `${deps.baseUrl(req)}${CALLBACK}`;

  const failure = (req: FastifyRequest, reply: FastifyReply, message: string, status: number) => {
    const { a } = textsOf(req);
    setStateCookie(req, reply, '', 0);
    return page(
      req,
      reply,
      a.ssoFailedTitle,
      html`<h1>${a.ssoFailedTitle}</h1><div class="message" role="alert"><p>${message}</p></div><p><a href="/logga-in">${a.tryAgain}</a></p>`,
      status,
    );
  };

  app.get('/logga-in/oidc', async (req, reply) => {
    const back = safeReturnPath((req.query as Record<string, unknown>).tillbaka);
    let server: client.Configuration;
    try {
      server = await configuration();
    } catch (err) {
      req.log.warn({ err }, 'OpenID Connect provider unavailable');
      return failure(req, reply, textsOf(req).a.ssoUnavailable, 503);
    }
    const state: OidcState = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      back,
      expires: deps.now().getTime() + OIDC_STATE_TTL_MS,
    };
    const url = client.buildAuthorizationUrl(server, {
      redirect_uri: redirectUri(req),
      scope: config.scope,
      state: state.state,
      nonce: state.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(state.verifier),
      code_challenge_method: 'S256',
    });
    setStateCookie(
      req,
      reply,
      sealOidcState(config.stateSecret, state),
      Math.floor(OIDC_STATE_TTL_MS / 1000),
    );
    reply.header('cache-control', 'no-store');
    return reply.redirect(url.href, 303);
  });

  app.get(CALLBACK, async (req, reply) => {
    const { a } = textsOf(req);
    const saved = openOidcState(config.stateSecret, readCookie(req, OIDC_COOKIE), deps.now());
    if (!saved) return failure(req, reply, a.ssoFailed, 400);
    let claims: Record<string, unknown> & { iss: string; sub: string };
    try {
      const server = await configuration();
      const current = new URL(req.url, redirectUri(req));
      // openid-client checks the state, the code verifier, and the id_token's signature,
      // issuer, audience, expiry and nonce; any mismatch throws.
      const tokens = await client.authorizationCodeGrant(server, current, {
        pkceCodeVerifier: saved.verifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      claims = idToken;
      // Providers that keep the id_token small give email and name at the userinfo endpoint.
      if (typeof idToken.email !== 'string' && tokens.access_token) {
        const info = await client.fetchUserInfo(server, tokens.access_token, idToken.sub);
        claims = { ...info, ...idToken };
      }
    } catch (err) {
      req.log.info({ err }, 'OpenID Connect callback refused');
      return failure(req, reply, a.ssoFailed, 400);
    }
    const result = await signInWithOidc(
      ctx(),
      {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
        organisation: config.organisationClaim ? claims[config.organisationClaim] : undefined,
      },
      {
        organisationClaim: config.organisationClaim,
        emailDomains: config.emailDomains,
        defaultRole: config.defaultRole,
        trustEmail: config.trustEmail,
      },
      { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
    );
    if (!result.ok) {
      const message = {
        no_organisation: a.ssoNoOrganisation,
        disabled: a.ssoDisabled,
        email_missing: a.ssoEmailMissing,
        email_unverified: a.ssoEmailUnverified,
      }[result.code];
      return failure(req, reply, message, 403);
    }
    setStateCookie(req, reply, '', 0);
    await startSession(deps, req, reply, result.token);
    return reply.redirect(saved.back, 303);
  });
}
