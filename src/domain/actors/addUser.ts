import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText } from '../text/plainText.js';
import { userRole, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';

export const userRoles = userRole.enumValues;

export const addUserSchema = z.object({
  email: z
    .email({ error: 'Ange en giltig e-postadress.' })
    .transform((v) => v.trim().toLowerCase()),
  name: singleLineText().trim().max(200).default(''),
  role: z.enum(userRoles, {
    error: `Rollen ska vara en av: ${userRoles.join(', ')}.`,
  }),
});

export type AddUserInput = z.input<typeof addUserSchema>;

export async function addUser(ctx: Ctx, input: AddUserInput): Promise<Result<{ id: number }>> {
  const parsed = parseInput(addUserSchema, input);
  if (!parsed.ok) return parsed;
  const u = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, u.email));
    if (existing.length > 0) {
      return fail([
        issue('email', 'Det finns redan en användare med den e-postadressen.', 'taken'),
      ]);
    }
    const [row] = await tx.db.insert(users).values(u).returning({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
    });
    await recordAuditEvent(tx, {
      action: 'user.added',
      entityType: 'user',
      entityId: row!.id,
      after: row,
    });
    return ok({ id: row!.id });
  });
}
