import { and, asc, count, eq } from 'drizzle-orm';
import { goalAreas, goals, indicators, organisations, perspectives } from '../db/schema/index.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import { createOrganisation } from '../domain/actors/createOrganisation.js';
import { defineIndicator } from '../domain/followup/defineIndicator.js';
import {
  recordObservations,
  type ObservationInput,
} from '../domain/followup/recordObservations.js';
import { submitProgressReport } from '../domain/followup/submitProgressReport.js';
import { recordEvaluation } from '../domain/evaluation/recordEvaluation.js';
import { publishFollowUpReport } from '../domain/evaluation/publishFollowUpReport.js';
import { createInitiative } from '../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../domain/initiatives/transitionInitiative.js';
import { currentStrategy } from '../domain/strategy/queries.js';
import { demoIndicators } from './demo/indicators.js';
import { demoInitiatives } from './demo/initiatives.js';
import { demoOrganisations } from './demo/organisations.js';
import { demoProgrammes } from './demo/programmes.js';
import { defineActionProgramme } from '../domain/strategy/defineActionProgramme.js';
import type { DemoIndicator, DemoInitiative, GoalCode } from './demo/types.js';
import { regionMunicipalities } from './regionPlaces.js';
import { expectOk } from './seedReference.js';

export interface DemoReport {
  loaded: boolean;
  organisations: number;
  initiatives: number;
  indicators: number;
  /** Indicators the database already had (from the region pack): they keep their own values. */
  indicatorsKept: number;
  observations: number;
  progressReports: number;
}

/** The last year with complete statistics in the demo series. */
const LAST_STAT_YEAR = 2025;

/**
 * Loads the demo data set through the domain commands. Every record is marked as demo. Runs
 * once: if demo organisations exist it does nothing. All or nothing.
 */
export async function seedDemo(ctx: Ctx): Promise<DemoReport> {
  return inTransaction(ctx, async (tx) => {
    const [{ n } = { n: 0 }] = await tx.db
      .select({ n: count() })
      .from(organisations)
      .where(eq(organisations.isDemo, true));
    const report: DemoReport = {
      loaded: false,
      organisations: 0,
      initiatives: 0,
      indicators: 0,
      indicatorsKept: 0,
      observations: 0,
      progressReports: 0,
    };
    if (n > 0) return report;
    const strategy = await currentStrategy(tx.db);

    const orgIds = new Map<string, number>();
    for (const o of demoOrganisations) {
      const { id } = expectOk(
        await createOrganisation(tx, { slug: o.key, ...o, isDemo: true }),
        `organisation ${o.key}`,
      );
      orgIds.set(o.key, id);
    }
    report.organisations = orgIds.size;

    const measureIds = new Map<string, number>();
    for (const { ownerKey, ...programme } of demoProgrammes) {
      const defined = expectOk(
        await defineActionProgramme(tx, {
          ...programme,
          ownerOrganisationId: orgIds.get(ownerKey) ?? null,
          isDemo: true,
        }),
        `programme ${programme.slug}`,
      );
      for (const [code, id] of Object.entries(defined.measureIds)) measureIds.set(code, id);
    }

    const goalRows = await tx.db
      .select({ id: goals.id, code: goals.code })
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .where(eq(goalAreas.strategyId, strategy.id));
    const goalIds = new Map(goalRows.map((g) => [g.code, g.id]));
    const perspectiveRows = await tx.db
      .select({ id: perspectives.id, slug: perspectives.slug })
      .from(perspectives)
      .where(and(eq(perspectives.strategyId, strategy.id)))
      .orderBy(asc(perspectives.position));
    const perspectiveIds = new Map(perspectiveRows.map((p) => [p.slug, p.id]));
    const ref = <K>(map: Map<K, number>, key: K, what: string): number => {
      const id = map.get(key);
      if (id === undefined)
        throw new Error(`Demo data refers to an unknown ${what}: ${String(key)}`);
      return id;
    };

    const created: { id: number; d: DemoInitiative }[] = [];
    for (const d of demoInitiatives) {
      const at = publishDate(d);
      const atCtx: Ctx = { ...tx, now: () => at };
      const { id } = expectOk(
        await createInitiative(atCtx, {
          title: d.title,
          summary: d.summary,
          description: d.description,
          status: d.status,
          startDate: d.startDate,
          endDate: d.endDate,
          ownerOrganisationId: ref(orgIds, d.ownerKey, 'organisation'),
          partners: d.partners.map((p) => ({
            organisationId: ref(orgIds, p.orgKey, 'organisation'),
            role: p.role,
          })),
          funding: d.funding,
          placeCodes: d.placeCodes,
          goalIds: d.goalCodes.map((c) => ref(goalIds, c, 'goal')),
          perspectiveIds: d.perspectives.map((p) => ref(perspectiveIds, p, 'perspective')),
          sdgTargetCodes: d.sdgTargets,
          measureIds: demoMeasures(d).map((code) => ref(measureIds, code, 'measure')),
          diarienummer: d.diarienummer,
          contactEmail: d.contactEmail,
          exampleOfYear: d.exampleOfYear,
          isDemo: true,
        }),
        `initiative ${d.key}`,
      );
      await transitionInitiative(atCtx, { initiativeId: id, action: 'submit' });
      await transitionInitiative(atCtx, { initiativeId: id, action: 'approve' });
      report.initiatives++;
      created.push({ id, d });
      for (const r of demoProgressReports(d)) {
        expectOk(
          await submitProgressReport(
            { ...tx, now: () => r.submittedAt },
            { initiativeId: id, ...r.input },
          ),
          'progress report',
        );
        report.progressReports++;
      }
    }

    for (const e of demoEvaluations(created)) {
      expectOk(await recordEvaluation(tx, e), 'evaluation');
    }

    // An installation started without demo data already has the pack's indicators; they are
    // real, so the demo neither redefines them nor writes invented values into them.
    const existingSlugs = new Set(
      (await tx.db.select({ slug: indicators.slug }).from(indicators)).map((r) => r.slug),
    );
    for (const ind of demoIndicators) {
      if (existingSlugs.has(ind.key)) {
        report.indicatorsKept++;
        continue;
      }
      const { id } = expectOk(
        await defineIndicator(tx, {
          goalId: ref(goalIds, ind.goalCode, 'goal'),
          slug: ind.key,
          nameSv: ind.nameSv,
          nameEn: ind.nameEn,
          unit: ind.unit,
          source: ind.source,
          sourceRef: ind.sourceRef,
          direction: ind.direction,
          genderSplit: ind.genderSplit,
          decimals: ind.decimals,
          baselineYear: ind.baselineYear,
          baselineValue: ind.baselineValue,
          targetYear: ind.targetYear,
          targetValue: ind.targetValue,
          targetIsExample: true,
          isDemo: true,
        }),
        `indicator ${ind.key}`,
      );
      report.indicators++;
      const rows = demoSeries(ind, id);
      expectOk(await recordObservations(tx, rows), `observations of ${ind.key}`);
      report.observations += rows.length;
    }
    // The coordinator's yearly step, as `riktning report <år> --publish` takes it: the latest
    // complete year is published once its statistics are in.
    await publishFollowUpReport(
      { ...tx, now: () => new Date(Date.UTC(LAST_STAT_YEAR + 1, 1, 15, 9)) },
      {
        year: LAST_STAT_YEAR,
        introduction: `Året i korthet: insatser, pengar, exempel och läget för målen under ${LAST_STAT_YEAR}.`,
      },
    );
    report.loaded = true;
    return report;
  });
}

/** Measures of the demo programmes that fit an initiative's first goal (most initiatives get one). */
const measuresByGoal: Record<GoalCode, string[]> = {
  '1.1': ['H2'],
  '1.2': ['H1'],
  '2.1': ['K1'],
  '2.2': ['H3'],
  '3.1': ['E1', 'E2'],
  '3.2': ['E3'],
  '3.3': ['D1'],
  '4.1': ['S1', 'S3'],
  '4.2': ['K2', 'K3'],
  '4.3': ['S2', 'D2'],
};

function demoMeasures(d: DemoInitiative): string[] {
  const h = hash(`measure:${d.key}`);
  const options = measuresByGoal[d.goalCodes[0]!];
  if (h % 10 < 3 || options.length === 0) return [];
  return [options[h % options.length]!];
}

const evaluators = [
  'Linnéuniversitetet, följeforskning',
  'Extern utvärderare, upphandlad av Region Kalmar län',
  'Region Kalmar län, analysenheten',
];

/** Evaluations of a few finished initiatives, dated some months after their end (demo data). */
function demoEvaluations(created: { id: number; d: DemoInitiative }[]) {
  return created
    .filter(({ d }) => d.status === 'avslutad' && d.endDate && d.endDate < '2026-06-01')
    .filter(({ d }) => hash(`evaluation:${d.key}`) % 3 === 0)
    .map(({ id, d }) => {
      const end = new Date(`${d.endDate}T00:00:00Z`);
      end.setUTCMonth(end.getUTCMonth() + 4);
      const h = hash(d.key);
      return {
        subjectType: 'initiative' as const,
        subjectId: id,
        title: `Slututvärdering: ${d.title}`,
        method:
          'Dokumentstudier, intervjuer med projektägare och parter samt en enkät till deltagarna.',
        evaluator: evaluators[h % evaluators.length]!,
        findings:
          'Insatsen nådde i huvudsak sina mål. Samverkan mellan parterna beskrivs som den viktigaste framgångsfaktorn, medan rekryteringen av deltagare tog längre tid än planerat. Utvärderaren rekommenderar att arbetssättet förs in i ordinarie verksamhet.',
        evaluatedOn: end.toISOString().slice(0, 10),
      };
    });
}

/** Demo initiatives appear in the registry about a month before they start. */
function publishDate(d: DemoInitiative): Date {
  const start = Date.parse(`${d.startDate}T09:00:00Z`);
  return new Date(start - 30 * 24 * 3600 * 1000);
}

/** One yearly progress report for each finished year of an initiative that has started. */
function demoProgressReports(d: DemoInitiative) {
  if (d.status === 'planerad') return [];
  const startYear = Number(d.startDate.slice(0, 4));
  const endYear = Math.min(
    d.endDate ? Number(d.endDate.slice(0, 4)) : LAST_STAT_YEAR,
    LAST_STAT_YEAR,
  );
  const out = [];
  const h = hash(d.key);
  for (let year = startYear; year <= endYear; year++) {
    const k = (h + year) % 7;
    const light =
      d.status === 'avbruten' && year === endYear ? 'avvikelse' : k === 0 ? 'risk' : 'enligt-plan';
    const participantsK = 5 + (((h >>> 3) + year * 7) % 60);
    const participantsM = 5 + (((h >>> 5) + year * 11) % 60);
    const spent = d.funding.filter((f) => f.year === year).reduce((s, f) => s + f.amountSek, 0);
    out.push({
      submittedAt: new Date(Date.UTC(year + 1, 0, 20, 10)),
      input: {
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        trafficLight: light,
        narrative:
          light === 'enligt-plan'
            ? `Arbetet under ${year} har följt planen. Aktiviteterna genomfördes tillsammans med parterna och resultaten dokumenteras löpande.`
            : light === 'risk'
              ? `Under ${year} försenades delar av arbetet på grund av bemanning hos parterna. En reviderad tidplan är framtagen.`
              : `Insatsen avbröts under ${year} eftersom finansieringen inte kunde säkras. Erfarenheterna har dokumenterats.`,
        deviationExplanation:
          light === 'risk'
            ? `Parterna saknade folk under delar av ${year}; nya resurser och en reviderad tidplan gäller från ${year + 1}.`
            : light === 'avvikelse'
              ? 'Finansieringen kunde inte säkras och insatsen avslutades i förtid.'
              : '',
        outputs: { participantsK, participantsM, companiesReached: (h + year) % 25 },
        spentSek: Math.round(spent * (light === 'enligt-plan' ? 0.95 : 0.7)),
        isDemo: true,
      } as const,
    });
  }
  return out;
}

/** A deterministic, plausible yearly series for the county, each municipality and riket, by gender. */
export function demoSeries(ind: DemoIndicator, indicatorId: number): ObservationInput[] {
  const areas = ['0008', '0000', ...regionMunicipalities().map((m) => m.code)];
  const rows: ObservationInput[] = [];
  const round = (v: number) => Number(v.toFixed(ind.decimals));
  for (const area of areas) {
    const h = hash(`${ind.key}:${area}`);
    const factor =
      area === '0008'
        ? 1
        : area === '0000'
          ? 1 + ind.municipalSpread / 3
          : 1 + ((h % 2001) / 1000 - 1) * ind.municipalSpread;
    for (let year = ind.baselineYear; year <= LAST_STAT_YEAR; year++) {
      const noise = (((h >>> 4) + year * 37) % 101) / 100 - 0.5;
      const total =
        (ind.seriesStart + ind.yearlyChange * (year - ind.baselineYear)) * factor +
        noise * Math.abs(ind.yearlyChange);
      // A small municipality's latest figure is withheld, as statistics sources do for small numbers.
      const missing = area === '0821' && year === LAST_STAT_YEAR && ind.genderSplit;
      const genders = ind.genderSplit ? (['T', 'K', 'M'] as const) : (['T'] as const);
      for (const g of genders) {
        const value =
          g === 'T'
            ? total
            : g === 'K'
              ? total * (1 + ind.genderGap / 2)
              : total * (1 - ind.genderGap / 2);
        rows.push({
          indicatorId,
          placeCode: area,
          period: year,
          gender: g,
          value: missing ? null : round(Math.max(0, value)),
          status: missing ? 'Missing' : '',
          source: 'demo',
          sourceRevision: 'demo-2026',
          isDemo: true,
        });
      }
    }
  }
  return rows;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
