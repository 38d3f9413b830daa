import type { Ctx } from '../context.js';
import { NotFoundError } from '../errors.js';
import { getVersion } from './initiativeVersions.js';
import { updateInitiative, type UpdateInitiativeResult } from './updateInitiative.js';

/**
 * Brings an earlier version of an initiative back as a new version. It is a save like any other
 * (updateInitiative): the same policy, the same locking, the same validation against today's
 * strategy, and for a member's published initiative a proposed change.
 */
export async function restoreInitiativeVersion(
  ctx: Ctx,
  input: { initiativeId: number; version: number; expectedVersion: number },
): Promise<UpdateInitiativeResult> {
  const old = await getVersion(ctx.db, input.initiativeId, input.version);
  if (!old) throw new NotFoundError('Versionen finns inte.');
  return updateInitiative(ctx, {
    initiativeId: input.initiativeId,
    expectedVersion: input.expectedVersion,
    data: old.data,
    restoredFromVersion: input.version,
  });
}
