import { countyCode } from '../../region/activeRegion.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.js';
import { inTransaction, type Ctx } from '../../domain/context.js';
import { refreshFacetKeysWhere } from '../../domain/initiatives/facetKeys.js';
import { fundingSources } from '../../domain/initiatives/initiativeSchema.js';
import { auditBatch, insertJson } from './sqlBatch.js';
import { between, paragraph, random, sample, title } from './text.js';

export interface SyntheticOptions {
  initiatives: number;
  /** Seed of the generator: the same seed and count give the same texts and relations. */
  seed?: number;
  /** Rows per statement (and per transaction). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticReport {
  organisations: number;
  initiatives: number;
  relations: number;
  batches: number;
}

const orgKinds = ['kommun', 'foretag', 'ideell-forening', 'larosate', 'ovrig'] as const;
const roles = ['partner', 'funder', 'implementer'] as const;
const statusesFor = (start: number, end: number, now: number, rnd: () => number) =>
  rnd() < 0.03 ? 'avbruten' : start > now ? 'planerad' : end < now ? 'avslutad' : 'pagaende';

interface Reference {
  strategyId: number;
  goalIds: number[];
  perspectiveIds: number[];
  sdgTargets: string[];
  places: string[];
}

async function reference(ctx: Ctx): Promise<Reference> {
  const [strategy] = await queryRows<{ id: number }>(
    ctx.db,
    sql`select id from strategies order by is_current desc, id desc limit 1`,
  );
  if (!strategy) throw new Error('Strategin saknas: kör riktning seed först.');
  const ids = async (q: ReturnType<typeof sql>) =>
    (await queryRows<{ v: number | string }>(ctx.db, q)).map((r) => r.v);
  return {
    strategyId: strategy.id,
    goalIds: (await ids(
      sql`select g.id as v from goals g join goal_areas ga on ga.id = g.goal_area_id where ga.strategy_id = ${strategy.id} order by g.id`,
    )) as number[],
    perspectiveIds: (await ids(sql`select id as v from perspectives order by id`)) as number[],
    sdgTargets: (await ids(sql`select code as v from sdg_targets order by code`)) as string[],
    places: (await ids(
      sql`select code as v from places where not comparison order by code`,
    )) as string[],
  };
}

/** Synthetic organisations, created once per seed (slug syntetisk-<seed>-<n>). */
async function organisations(ctx: Ctx, count: number, seed: number, places: string[]) {
  const rnd = random(seed ^ 0x5eed);
  const municipalities = places.filter((p) => p !== countyCode() && p !== '0000');
  const rows = Array.from({ length: count }, (_, i) => ({
    slug: `syntetisk-${seed}-${i + 1}`,
    name: `${title(rnd)} ${['AB', 'ekonomisk förening', 'kommun', 'förening', 'stiftelse'][i % 5]}`,
    kind: orgKinds[i % orgKinds.length],
    municipality_code: municipalities.length ? municipalities[i % municipalities.length] : null,
    is_demo: true,
  }));
  for (let i = 0; i < rows.length; i += 2000) {
    await insertJson(
      ctx.db,
      'organisations',
      {
        slug: 'text',
        name: 'text',
        kind: 'organisation_kind',
        municipality_code: 'text',
        is_demo: 'boolean',
      },
      rows.slice(i, i + 2000),
      sql`on conflict (slug) do nothing`,
    );
  }
  return (
    await queryRows<{ id: number }>(
      ctx.db,
      sql`select id from organisations where slug like ${`syntetisk-${seed}-%`} order by id`,
    )
  ).map((r) => r.id);
}

/**
 * Loads N published, demo-marked initiatives with every relation, in batches of multi-row
 * inserts, one transaction and one audit event per batch. It bypasses the domain commands on
 * purpose (see docs/decisions/008-performance.md): they are built for one record at a time.
 */
export async function seedSynthetic(ctx: Ctx, options: SyntheticOptions): Promise<SyntheticReport> {
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 2000;
  const ref = await reference(ctx);
  const orgCount = Math.min(2000, Math.max(50, Math.ceil(options.initiatives / 200)));
  const orgIds = await organisations(ctx, orgCount, seed, ref.places);
  const report: SyntheticReport = {
    organisations: orgIds.length,
    initiatives: 0,
    relations: 0,
    batches: 0,
  };
  const nowYear = 2026;
  for (let start = 0; start < options.initiatives; start += batchSize) {
    const size = Math.min(batchSize, options.initiatives - start);
    const rnd = random(seed * 1_000_003 + start);
    const rows = Array.from({ length: size }, (_, k) => {
      const startYear = between(rnd, 2014, 2027);
      const endYear = startYear + between(rnd, 0, 5);
      const month = String(between(rnd, 1, 12)).padStart(2, '0');
      return {
        strategy_id: ref.strategyId,
        title: title(rnd),
        summary: paragraph(rnd, 15, 35),
        description: paragraph(rnd, 40, 140),
        status: statusesFor(startYear, endYear, nowYear, rnd),
        workflow_state: 'publicerad',
        start_date: `${startYear}-${month}-01`,
        end_date: rnd() < 0.1 ? null : `${endYear}-${month}-28`,
        owner_organisation_id: orgIds[Math.floor(Math.pow(rnd(), 2) * orgIds.length)],
        diarienummer: `SYN-${seed}-${start + k + 1}`,
        is_demo: true,
        published_at: `${Math.min(startYear, 2026)}-${month}-15T08:00:00Z`,
      };
    });
    await inTransaction(ctx, async (tx) => {
      const inserted = await insertJson<{ id: number; diarienummer: string }>(
        tx.db,
        'initiatives',
        {
          strategy_id: 'int',
          title: 'text',
          summary: 'text',
          description: 'text',
          status: 'initiative_status',
          workflow_state: 'workflow_state',
          start_date: 'date',
          end_date: 'date',
          owner_organisation_id: 'int',
          diarienummer: 'text',
          is_demo: 'boolean',
          published_at: 'timestamptz',
        },
        rows,
        sql`returning id, diarienummer`,
      );
      const idOf = new Map(inserted.map((r) => [r.diarienummer, r.id]));
      const partners: object[] = [];
      const funding: object[] = [];
      const placesRows: object[] = [];
      const goalRows: object[] = [];
      const perspectiveRows: object[] = [];
      const sdgRows: object[] = [];
      for (const row of rows) {
        const id = idOf.get(row.diarienummer)!;
        const startYear = Number(row.start_date.slice(0, 4));
        partners.push({
          initiative_id: id,
          organisation_id: row.owner_organisation_id,
          role: 'lead',
        });
        for (const org of sample(rnd, orgIds, between(rnd, 0, 3)))
          if (org !== row.owner_organisation_id)
            partners.push({
              initiative_id: id,
              organisation_id: org,
              role: roles[between(rnd, 0, 2)],
            });
        for (let f = between(rnd, 1, 3); f > 0; f--)
          funding.push({
            initiative_id: id,
            source: fundingSources[Math.floor(Math.pow(rnd(), 1.5) * fundingSources.length)],
            amount_sek: Math.round(50_000 / Math.max(0.0025, rnd())),
            year: startYear + between(rnd, 0, 2),
          });
        for (const p of sample(rnd, ref.places, between(rnd, 1, 3)))
          placesRows.push({ initiative_id: id, place_code: p });
        for (const g of sample(rnd, ref.goalIds, between(rnd, 1, 3)))
          goalRows.push({ initiative_id: id, goal_id: g });
        for (const p of sample(rnd, ref.perspectiveIds, between(rnd, 0, 2)))
          perspectiveRows.push({ initiative_id: id, perspective_id: p });
        for (const t of sample(rnd, ref.sdgTargets, between(rnd, 1, 3)))
          sdgRows.push({ initiative_id: id, sdg_target_code: t });
      }
      const rel = { initiative_id: 'int' };
      await insertJson(
        tx.db,
        'initiative_partners',
        { ...rel, organisation_id: 'int', role: 'partner_role' },
        partners,
      );
      await insertJson(
        tx.db,
        'funding_lines',
        { ...rel, source: 'funding_source', amount_sek: 'bigint', year: 'int' },
        funding,
      );
      await insertJson(tx.db, 'initiative_places', { ...rel, place_code: 'text' }, placesRows);
      await insertJson(tx.db, 'initiative_goals', { ...rel, goal_id: 'int' }, goalRows);
      await insertJson(
        tx.db,
        'initiative_perspectives',
        { ...rel, perspective_id: 'int' },
        perspectiveRows,
      );
      await insertJson(
        tx.db,
        'initiative_sdg_targets',
        { ...rel, sdg_target_code: 'text' },
        sdgRows,
      );
      const ids = inserted.map((r) => r.id);
      await refreshFacetKeysWhere(
        tx.db,
        sql`i.id between ${Math.min(...ids)} and ${Math.max(...ids)}`,
      );
      await auditBatch(tx, 'initiative', Math.min(...ids), Math.max(...ids), {
        seed,
        initiatives: size,
        from: start + 1,
      });
      report.relations +=
        partners.length +
        funding.length +
        placesRows.length +
        goalRows.length +
        perspectiveRows.length +
        sdgRows.length;
    });
    report.initiatives += size;
    report.batches += 1;
    options.onProgress?.(report.initiatives, options.initiatives);
  }
  return report;
}
