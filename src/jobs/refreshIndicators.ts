import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { queryRows } from '../db/rows.js';
import type { Ctx } from '../domain/context.js';
import type { ImportOutcome } from '../domain/imports/importObservations.js';
import { importKoladaValues } from '../domain/imports/importKoladaValues.js';
import { importScbTable } from '../domain/imports/importScbTable.js';
import { koladaClient } from '../domain/imports/kolada/koladaClient.js';
import { scbClient } from '../domain/imports/scb/scbClient.js';
import { enqueueJob } from '../db/jobQueue.js';

export const REFRESH_ALL = 'refresh-indicators';
export const REFRESH_ONE = 'refresh-indicator';

interface SourcedIndicator {
  slug: string;
  source: 'kolada' | 'scb' | 'manual';
  sourceRef: string | null;
  baselineYear: number | null;
  sourceSelection?: Record<string, string[]> | null;
}

/**
 * The nightly job: one refresh job per indicator with a source (Kolada or SCB), so each is
 * retried on its own. Manual indicators are skipped; so are those without a source reference, and
 * demo indicators, whose invented series are never mixed with real values.
 */
export async function refreshAllIndicators(ctx: Ctx): Promise<{ queued: number; skipped: number }> {
  const rows = await queryRows<SourcedIndicator>(
    ctx.db,
    sql`select slug, source::text as source, source_ref as "sourceRef", baseline_year as "baselineYear"
      from indicators where not is_demo order by id`,
  );
  let queued = 0;
  for (const r of rows) {
    if (r.source === 'manual' || !r.sourceRef) continue;
    await enqueueJob(ctx.db, { kind: REFRESH_ONE, payload: { slug: r.slug }, runAt: ctx.now() });
    queued++;
  }
  return { queued, skipped: rows.length - queued };
}

/**
 * Refreshes one indicator from its source through the existing import commands (which note a
 * renamed or removed Kolada KPI for the analysts' source watch).
 */
export async function refreshIndicator(
  ctx: Ctx,
  payload: unknown,
  sources: Config['sources'],
): Promise<ImportOutcome | null> {
  const slug = (payload as { slug?: unknown } | null)?.slug;
  if (typeof slug !== 'string') throw new Error('Jobbet saknar indikatorns kortnamn (slug).');
  const [indicator] = await queryRows<SourcedIndicator>(
    ctx.db,
    sql`select slug, source::text as source, source_ref as "sourceRef", baseline_year as "baselineYear",
        source_selection as "sourceSelection"
      from indicators where slug = ${slug}`,
  );
  if (!indicator) throw new Error(`Indikatorn ${slug} finns inte.`);
  if (indicator.source === 'manual' || !indicator.sourceRef) return null;
  const places = (
    await queryRows<{ code: string }>(
      ctx.db,
      sql`select code from places where not comparison or kind <> 'kommun' order by code`,
    )
  ).map((p) => p.code);
  const last = ctx.now().getUTCFullYear();
  const first = Math.min(indicator.baselineYear ?? last - 10, last);
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const kolada = koladaClient(sources.koladaBaseUrl);
  const outcome =
    indicator.source === 'kolada'
      ? await importKoladaValues(
          ctx,
          { kpi: indicator.sourceRef, indicator: slug, places, years },
          { client: kolada },
        )
      : await importScbTable(
          ctx,
          {
            api: 'v2',
            table: indicator.sourceRef,
            indicator: slug,
            places,
            years,
            ...(indicator.sourceSelection ? { selection: indicator.sourceSelection } : {}),
          },
          { client: scbClient({ v1: sources.scbV1BaseUrl, v2: sources.scbV2BaseUrl }) },
        );
  if (!outcome.ok) {
    const first = outcome.issues[0];
    throw new Error(
      `Importen av ${slug} misslyckades (körning ${outcome.runId}): ${first?.message ?? 'okänt fel'}`,
    );
  }
  return outcome;
}
