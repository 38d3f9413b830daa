import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { Ctx } from '../../domain/context.js';

/**
 * Inserts many rows in one statement: the rows travel as one JSON parameter and are unpacked by
 * json_to_recordset, so a batch of thousands of rows is a single round trip on PGlite and pg and
 * never meets PostgreSQL's 65 535-parameter limit.
 */
export async function insertJson<T>(
  db: Db,
  table: string,
  columns: Record<string, string>,
  rows: object[],
  tail: SQL = sql``,
): Promise<T[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  const cols = sql.raw(names.join(', '));
  const defs = sql.raw(names.map((n) => `${n} ${columns[n]}`).join(', '));
  return queryRows<T>(
    db,
    sql`insert into ${sql.raw(table)} (${cols}) select ${cols} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${defs}) ${tail}`,
  );
}

/** One audit event for a whole batch: bulk loads are recorded without one event per row. */
export async function auditBatch(
  ctx: Ctx,
  entityType: string,
  first: number,
  last: number,
  after: Record<string, unknown>,
): Promise<void> {
  await ctx.db.execute(
    sql`insert into audit_events (occurred_at, actor_label, action, entity_type, entity_id, after)
        values (${ctx.now().toISOString()}::timestamptz, ${ctx.actor.label}, 'synthetic.batch', ${entityType}, ${`${first}-${last}`}, ${JSON.stringify(after)}::jsonb)`,
  );
}
