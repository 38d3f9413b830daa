// Portal search with facets at scale: loads N synthetic initiatives and times a set of queries.
import { performance } from 'node:perf_hooks';
import { URLSearchParams } from 'node:url';
import { sql } from 'drizzle-orm';
import { context, systemActor } from '../../dist/domain/context.js';
import { queryRows } from '../../dist/db/rows.js';
import { parseSearchQuery } from '../../dist/domain/initiatives/searchQuery.js';
import { searchInitiatives } from '../../dist/domain/initiatives/searchInitiatives.js';
import { seedReference } from '../../dist/seed/seedReference.js';
import { seedSynthetic } from '../../dist/seed/synthetic/seedSynthetic.js';

/** Loads reference data and tops the synthetic initiatives up to n; returns load figures. */
export async function loadInitiatives(database, n) {
  const ctx = context(database.db, systemActor('seed'));
  await seedReference(ctx);
  const [{ have }] = await queryRows(
    database.db,
    sql`select count(*)::int as have from initiatives where diarienummer like 'SYN-%'`,
  );
  const missing = Math.max(0, n - have);
  const t = performance.now();
  if (missing > 0) await seedSynthetic(ctx, { initiatives: missing, seed: 1 + have });
  const ms = performance.now() - t;
  // As `riktning seed --synthetic` does: no autovacuum on the embedded database.
  await database.db.execute(sql`vacuum analyze`);
  return {
    n: have + missing,
    loaded: missing,
    ms,
    perSecond: missing ? (missing / ms) * 1000 : null,
  };
}

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** The queries: the most common words, a rare word, a phrase, a typo, facets alone and mixed. */
async function queries(db) {
  const [area] = await queryRows(db, sql`select slug from goal_areas order by position limit 1`);
  const [org] = await queryRows(
    db,
    sql`select o.slug from organisations o join initiatives i on i.owner_organisation_id = o.id group by o.slug order by count(*) desc limit 1`,
  );
  return [
    { q: 'företag' },
    { q: 'utveckling' },
    { q: 'regional samverkan' },
    { q: 'kompetens', omrade: area.slug },
    { q: 'hållbar', plats: '0880', status: 'pagaende' },
    { q: '"regional utveckling"' },
    { q: 'kajak' },
    { q: 'kompetnes' },
    { q: 'innovation', sort: 'budget' },
    { q: 'företag', sida: '5' },
    {},
    { omrade: area.slug, plats: '0880' },
    { agenda: '8', ar: '2024' },
    { org: org.slug },
    { kalla: 'eruf', status: 'avslutad' },
  ];
}

export async function benchSearch(database, { rounds, search = searchInitiatives }) {
  const list = await queries(database.db);
  const times = [];
  const perQuery = [];
  for (const raw of list) await search(database.db, parseSearchQuery(raw)); // warm up
  for (const raw of list) {
    const own = [];
    let total = 0;
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      const result = await search(database.db, parseSearchQuery(raw));
      const ms = performance.now() - t;
      total = result.total;
      own.push(ms);
      times.push(ms);
    }
    own.sort((a, b) => a - b);
    perQuery.push({ query: new URLSearchParams(raw).toString(), total, p50: quantile(own, 0.5) });
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), samples: times.length, perQuery };
}
