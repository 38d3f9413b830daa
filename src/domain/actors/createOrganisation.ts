import { eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText } from '../text/plainText.js';
import { organisationKind, organisations, places } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { webAddressSchema } from '../text/webAddress.js';
import { checkOrganisationNumber } from './organisationNumber.js';
import { can } from './policies.js';

export const organisationKinds = organisationKind.enumValues;

export const createOrganisationSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Använd små bokstäver a–z, siffror och bindestreck.'),
  name: singleLineText().trim().min(2, 'Ange organisationens namn.').max(200, 'Högst 200 tecken.'),
  kind: z.enum(organisationKinds, { error: 'Välj en typ av organisation.' }),
  orgNumber: z
    .string()
    .nullish()
    .transform((v, c) => {
      if (v == null || v.trim() === '') return null;
      const check = checkOrganisationNumber(v);
      if (!check.ok) {
        c.addIssue({ code: 'custom', message: check.message, params: { reason: check.code } });
        return z.NEVER;
      }
      return check.value;
    }),
  municipalityCode: z
    .string()
    .regex(/^\d{4}$/, 'Ange kommunkoden med fyra siffror.')
    .nullish()
    .transform((v) => v ?? null),
  website: webAddressSchema.nullish().transform((v) => v ?? null),
  isDemo: z.boolean().default(false),
});

export type CreateOrganisationInput = z.input<typeof createOrganisationSchema>;

export async function createOrganisation(
  ctx: Ctx,
  input: CreateOrganisationInput,
): Promise<Result<{ id: number }>> {
  if (!can(ctx.actor, 'organisations.manage')) throw new ForbiddenError();
  const parsed = parseInput(createOrganisationSchema, input);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const clash = await tx.db
      .select({ slug: organisations.slug, orgNumber: organisations.orgNumber })
      .from(organisations)
      .where(
        o.orgNumber
          ? or(eq(organisations.slug, o.slug), eq(organisations.orgNumber, o.orgNumber))
          : eq(organisations.slug, o.slug),
      );
    if (clash.some((c) => c.orgNumber != null && c.orgNumber === o.orgNumber)) {
      return fail([issue('orgNumber', 'En organisation med det numret finns redan.', 'taken')]);
    }
    if (clash.length > 0) {
      return fail([issue('slug', 'Kortadressen används redan av en annan organisation.', 'taken')]);
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
    const [row] = await tx.db.insert(organisations).values(o).returning();
    await recordAuditEvent(tx, {
      action: 'organisation.created',
      entityType: 'organisation',
      entityId: row!.id,
      after: row,
    });
    return ok({ id: row!.id });
  });
}
