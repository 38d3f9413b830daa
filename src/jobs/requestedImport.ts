import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { queryRows } from '../db/rows.js';
import type { Actor, Ctx } from '../domain/context.js';
import { refreshIndicator } from './refreshIndicators.js';

export { IMPORT_REQUESTED } from '../domain/imports/importRuns.js';

/** The job handler: imports the indicator as the user who asked, when that user still exists. */
export async function runRequestedImport(
  ctx: Ctx,
  payload: unknown,
  sources: Config['sources'],
): Promise<unknown> {
  const userId = (payload as { userId?: unknown } | null)?.userId;
  const [user] =
    typeof userId === 'number'
      ? await queryRows<{ email: string; role: 'admin' | 'samordnare' | 'aktor' | 'analytiker' }>(
          ctx.db,
          sql`select email, role::text as role from users where id = ${userId} and disabled_at is null`,
        )
      : [];
  const actor: Actor = user
    ? {
        kind: 'user',
        userId: userId as number,
        role: user.role,
        organisationIds: [],
        label: `user:${user.email}`,
      }
    : ctx.actor;
  return refreshIndicator({ ...ctx, actor }, payload, sources);
}
