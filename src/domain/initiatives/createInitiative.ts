import { and, eq } from 'drizzle-orm';
import { initiatives, strategies } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { initiativeColumns, writeInitiativeRelations } from './initiativeRelations.js';
import { appendVersion } from './initiativeVersions.js';
import { initiativePolicy } from './policies.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import {
  initiativeDraftSchema,
  initiativeSchema,
  type InitiativeDraftInput,
} from './initiativeSchema.js';
import { checkInitiativeReferences } from './references.js';

/**
 * Registers an initiative as a draft under the current strategy (or the one named), with its
 * partners, funding, places and links, and keeps version 1 of it. With `asDraft` (the admin
 * form's "Spara utkast") it saves as it is; completeness is checked when it is submitted.
 */
export async function createInitiative(
  ctx: Ctx,
  input: InitiativeDraftInput & { strategyId?: number },
  options: { asDraft?: boolean } = {},
): Promise<Result<{ id: number }>> {
  const parsed = parseInput(options.asDraft ? initiativeDraftSchema : initiativeSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (!initiativePolicy.create(ctx.actor, v.ownerOrganisationId)) {
    throw new ForbiddenError('Du kan bara registrera insatser för din egen organisation.');
  }
  return inTransaction(ctx, async (tx) => {
    const [strategy] = await tx.db
      .select({ id: strategies.id })
      .from(strategies)
      .where(
        input.strategyId
          ? eq(strategies.id, input.strategyId)
          : and(eq(strategies.isCurrent, true)),
      );
    if (!strategy)
      return fail([issue('strategyId', 'Det finns ingen gällande strategi.', 'unknown')]);
    const refIssues = await checkInitiativeReferences(tx.db, strategy.id, v);
    if (refIssues.length > 0) return fail(refIssues);

    const [row] = await tx.db
      .insert(initiatives)
      .values({
        strategyId: strategy.id,
        ...initiativeColumns(v),
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning({ id: initiatives.id });
    const id = row!.id;
    const partners = await writeInitiativeRelations(tx.db, id, v, false);
    await appendVersion(tx, id, 1, v, {
      action: 'created',
      state: 'utkast',
      pendingState: null,
    });
    await recordAuditEvent(tx, {
      action: 'initiative.created',
      entityType: 'initiative',
      entityId: id,
      after: { ...v, partners },
    });
    return ok({ id });
  });
}
