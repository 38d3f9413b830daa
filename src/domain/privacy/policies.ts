import { createHash } from 'node:crypto';
import type { Actor } from '../context.js';

/**
 * Register extracts and anonymisation handle everything stored about a person, so only
 * administrators (and the command line, a system actor) may do them.
 */
export function mayHandlePersonalData(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'admin';
}

/** E-mail addresses are compared trimmed and in lower case, as users.email is stored. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The audit record of an extract or anonymisation names the person by a hash of the address,
 * so the log itself does not become one more copy of the address.
 */
export function emailDigest(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 16);
}

/** A plausible e-mail address, enough to refuse obvious typing errors before any lookup. */
export function looksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normaliseEmail(email)) && email.length <= 320;
}
