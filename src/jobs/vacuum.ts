import { sql } from 'drizzle-orm';
import type { Ctx } from '../domain/context.js';
import type { Database } from '../db/client.js';
import { nextNight } from '../db/jobQueue.js';
import type { JobRegistry, ScheduledJob } from './registry.js';

export const VACUUM = 'database.vacuum';

/**
 * The embedded database has no autovacuum: every update leaves a dead row version behind and
 * the planner's statistics (which also size the search's sample) are never refreshed. A nightly
 * VACUUM ANALYZE does both. PostgreSQL does this itself, so the job exists only on PGlite.
 */
export async function vacuumDatabase(ctx: Ctx): Promise<void> {
  await ctx.db.execute(sql`vacuum analyze`);
}

/** The maintenance job and its nightly schedule, for the kinds of database that need them. */
export function maintenanceFor(kind: Database['kind']): {
  registry: JobRegistry;
  schedule: ScheduledJob[];
} {
  if (kind !== 'pglite') return { registry: {}, schedule: [] };
  return {
    registry: { [VACUUM]: (ctx) => vacuumDatabase(ctx) },
    schedule: [{ kind: VACUUM, next: (now) => nextNight(now, 3) }],
  };
}
