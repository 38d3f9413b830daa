import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * Runs a raw SQL statement and returns its rows on either driver (PGlite and node-postgres both
 * answer with `{ rows }`). Cast dates to text and counts to int in the SQL, so both drivers
 * return the same JavaScript types.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** An `ilike` pattern that finds the text anywhere, with `%`, `_` and `\` taken literally. */
export const containsPattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A parenthesised list of bound values for `in (…)`; the caller makes sure it is not empty. */
export const sqlList = (values: readonly (number | string)[]): SQL =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
