import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';

/** User tables ordered so that every table comes after the tables it references. */
export async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).map((t) => t.name);
  const deps = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select distinct tc.relname as child, tp.relname as parent from pg_constraint c
      join pg_class tc on tc.oid = c.conrelid join pg_class tp on tp.oid = c.confrelid
      join pg_namespace n on n.oid = tc.relnamespace
      where c.contype = 'f' and n.nspname = 'public' and tc.relname <> tp.relname`,
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const d of deps.filter((x) => x.child === t)) visit(d.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  // Tables that triggers fill from others come first: their rows are restored before the rows
  // whose triggers would add them (the triggers skip what exists).
  return [
    ...ordered.filter((t) => filledByTriggers.includes(t)),
    ...ordered.filter((t) => !filledByTriggers.includes(t)),
  ];
}

/** search_words: the vocabulary a trigger on initiatives keeps (migration 0008). */
const filledByTriggers = ['search_words'];

export const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export async function migrationCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

/** A digest of every table's content, to compare two databases. */
export async function contentDigest(
  db: Db,
  except: string[] = [],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await tablesInOrder(db)) {
    if (except.includes(name)) continue;
    const [row] = await queryRows<{ d: string | null }>(
      db,
      sql`select md5(coalesce(string_agg(j, E'\\n' order by j), '')) as d from (select row_to_json(x)::text as j from ${ident(name)} x) s`,
    );
    out[name] = row?.d ?? '';
  }
  return out;
}
