import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the browser carries from the start of an OpenID Connect sign-in to its callback. */
export interface OidcState {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go after sign-in (already a safe local path). */
  back: string;
  /** Milliseconds since the epoch after which the cookie is refused. */
  expires: number;
}

export const OIDC_COOKIE = 'riktning_oidc';
/** Ten minutes to get through the provider's sign-in. */
export const OIDC_STATE_TTL_MS = 10 * 60 * 1000;

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`riktning-oidc:${payload}`).digest('base64url');

/** The cookie value: the state as base64url JSON and its HMAC-SHA256, so it cannot be altered. */
export function sealOidcState(secret: string, value: OidcState): string {
  const payload = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The state in a cookie, or null when it is missing, altered, malformed or too old. */
export function openOidcState(secret: string, cookie: string | null, now: Date): OidcState | null {
  if (!cookie || cookie.length > 2000) return null;
  const [payload, mac, extra] = cookie.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcState;
    const strings = [v.state, v.nonce, v.verifier, v.back].every((s) => typeof s === 'string');
    if (!strings || typeof v.expires !== 'number' || v.expires <= now.getTime()) return null;
    return v;
  } catch {
    return null;
  }
}
