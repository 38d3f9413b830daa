import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { inTransaction, type Ctx } from '../context.js';
import { DomainError } from '../errors.js';

/** A key sent again with a different request: the client has a bug, nothing is done. */
export class IdempotencyMismatchError extends DomainError {
  constructor() {
    super(
      422,
      'idempotency_key_reused',
      'Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för en ny begäran.',
    );
  }
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * How long a key is remembered: a retry within a day replays the stored answer; after that the
 * nightly purge deletes the key and the same key starts a new request.
 */
export const IDEMPOTENCY_KEYS_KEPT_MS = 24 * 60 * 60 * 1000;

/** Keys are what clients send: 1–255 visible ASCII characters (a UUID is typical). */
export const isIdempotencyKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);

/** A stable fingerprint of a request: method, path and the body with sorted keys. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(canonical(body))}`)
    .digest('hex');
}

async function storedFor(db: Db, tokenId: number, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
};

/**
 * Runs `perform` once per (token, key). The key row is inserted first in the same transaction
 * as the command, so a second request with the key waits for the first and then replays its
 * stored answer. `perform` throws on failure, which rolls the key back with everything else:
 * only a success is kept, and a corrected request may use the key again. The same key
 * with a different request is refused with `idempotency_key_reused`.
 */
export async function once(
  ctx: Ctx,
  scope: { tokenId: number; key: string; fingerprint: string },
  perform: (tx: Ctx) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const replay = async () => {
    const row = await storedFor(ctx.db, scope.tokenId, scope.key);
    if (!row) return null;
    if (row.requestHash !== scope.fingerprint) throw new IdempotencyMismatchError();
    return { status: row.responseStatus, body: row.responseBody, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await inTransaction(ctx, async (tx) => {
      await tx.db.insert(idempotencyKeys).values({
        tokenId: scope.tokenId,
        key: scope.key,
        requestHash: scope.fingerprint,
        responseStatus: 0,
        responseBody: {},
        createdAt: ctx.now(),
      });
      const out = await perform(tx);
      await tx.db
        .update(idempotencyKeys)
        .set({ responseStatus: out.status, responseBody: out.body as object })
        .where(and(eq(idempotencyKeys.tokenId, scope.tokenId), eq(idempotencyKeys.key, scope.key)));
      return { ...out, replayed: false };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw err;
  }
}
