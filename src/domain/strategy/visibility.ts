import { sql, type SQL } from 'drizzle-orm';

/**
 * Strategy versions the public may see: the current and the archived ones. Drafts are for the
 * Region's editors until they are adopted (a consultation shows a draft on its own pages).
 */
export const publicStrategyIds: SQL = sql`(select id from strategies where status <> 'draft')`;

/** Goal ids of the public versions, for tables that reach a strategy through their goal. */
export const publicGoalIds: SQL = sql`(select g.id from goals g join goal_areas a on a.id = g.goal_area_id where a.strategy_id in ${publicStrategyIds})`;

/** Indicators the public may see: published ones (not drafts) of the public versions. */
export const publicIndicatorIds: SQL = sql`(select i.id from indicators i where i.published_at is not null and i.goal_id in ${publicGoalIds})`;
