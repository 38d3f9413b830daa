import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

/**
 * The money rule (see moneyShares.ts) computed in the database for the summary pages: each
 * published initiative of the current strategy shares its whole funding equally over the
 * distinct keys it is linked to, so every page that shows money per goal area, goal or place
 * shows the same amount as the coverage page, and the parts add up to the total.
 *
 * `pairs` selects distinct (initiative_id, key) rows.
 */
async function sharesBy(db: Db, pairs: SQL): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; amount: number }>(
    db,
    sql`with p as (${pairs}), n as (select initiative_id, count(*) as n from p group by initiative_id)
      select p.key::text as key, coalesce(sum(i.funding_sek::float8 / n.n), 0)::float8 as amount
      from p join n using (initiative_id) join initiatives i on i.id = p.initiative_id
      join strategies s on s.id = i.strategy_id and s.is_current
      where i.workflow_state = 'publicerad' group by p.key`,
  );
  return new Map(rows.map((r) => [r.key, r.amount]));
}

/** Money per goal area id (as text), by the money rule. */
export const moneyByGoalArea = (db: Db) =>
  sharesBy(
    db,
    sql`select distinct ig.initiative_id, g.goal_area_id as key from initiative_goals ig join goals g on g.id = ig.goal_id`,
  );

/** Money per goal code, by the money rule. */
export const moneyByGoal = (db: Db) =>
  sharesBy(
    db,
    sql`select distinct ig.initiative_id, g.code as key from initiative_goals ig join goals g on g.id = ig.goal_id`,
  );

/** Money per place code, by the money rule. */
export const moneyByPlace = (db: Db) =>
  sharesBy(db, sql`select distinct initiative_id, place_code as key from initiative_places`);
