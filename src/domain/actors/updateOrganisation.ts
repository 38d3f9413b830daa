import { and, eq, ne } from 'drizzle-orm';
import { organisations, places } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { createOrganisationSchema } from './createOrganisation.js';
import { can } from './policies.js';

/** The editable fields: everything but the slug, which is in published addresses. */
export const updateOrganisationSchema = createOrganisationSchema.omit({ slug: true, isDemo: true });

/** Changes an organisation's name, kind, organisationsnummer (Luhn-checked), municipality or website. */
export async function updateOrganisation(
  ctx: Ctx,
  id: number,
  input: Record<string, unknown>,
): Promise<Result<{ id: number }>> {
  if (!can(ctx.actor, 'organisations.manage')) throw new ForbiddenError();
  const parsed = parseInput(updateOrganisationSchema, input);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(organisations).where(eq(organisations.id, id));
    if (!before) throw new NotFoundError();
    if (o.orgNumber) {
      const clash = await tx.db
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.orgNumber, o.orgNumber), ne(organisations.id, id)));
      if (clash.length > 0) {
        return fail([issue('orgNumber', 'En organisation med det numret finns redan.', 'taken')]);
      }
    }
    if (o.municipalityCode) {
      const place = await tx.db
        .select({ code: places.code })
        .from(places)
        .where(eq(places.code, o.municipalityCode));
      if (place.length === 0) {
        return fail([issue('municipalityCode', 'Kommunen finns inte i registret.', 'unknown')]);
      }
    }
    const [after] = await tx.db
      .update(organisations)
      .set({ ...o, updatedAt: ctx.now() })
      .where(eq(organisations.id, id))
      .returning();
    await recordAuditEvent(tx, {
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: id,
      before: pick(before),
      after: pick(after!),
    });
    return ok({ id });
  });
}

const pick = (o: typeof organisations.$inferSelect) => ({
  name: o.name,
  kind: o.kind,
  orgNumber: o.orgNumber,
  municipalityCode: o.municipalityCode,
  website: o.website,
});

/** Archives an organisation (never deletes it) or brings it back. */
export async function setOrganisationArchived(
  ctx: Ctx,
  input: { id: number; archived: boolean },
): Promise<void> {
  if (!can(ctx.actor, 'organisations.manage')) throw new ForbiddenError();
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ archivedAt: organisations.archivedAt })
      .from(organisations)
      .where(eq(organisations.id, input.id));
    if (!row) throw new NotFoundError();
    if (Boolean(row.archivedAt) === input.archived) return;
    const archivedAt = input.archived ? ctx.now() : null;
    await tx.db
      .update(organisations)
      .set({ archivedAt, updatedAt: ctx.now() })
      .where(eq(organisations.id, input.id));
    await recordAuditEvent(tx, {
      action: input.archived ? 'organisation.archived' : 'organisation.unarchived',
      entityType: 'organisation',
      entityId: input.id,
      before: { archivedAt: row.archivedAt },
      after: { archivedAt },
    });
  });
}
