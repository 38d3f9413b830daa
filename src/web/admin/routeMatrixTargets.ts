import type { Db } from '../../db/client.js';
import { createApiToken } from '../../domain/access/apiTokens.js';
import { reportAccessibilityProblem } from '../../domain/accessibility/reportAccessibilityProblem.js';
import {
  createConsultation,
  setConsultationOpen,
} from '../../domain/consultation/consultations.js';
import { inviteOrganisations } from '../../domain/consultation/invitations.js';
import { draftOutline } from '../../domain/consultation/queries.js';
import { context, systemActor, type Actor } from '../../domain/context.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { recordEvaluation } from '../../domain/evaluation/recordEvaluation.js';
import { defineIndicator } from '../../domain/followup/defineIndicator.js';
import {
  createReportingPeriod,
  openReportingPeriod,
} from '../../domain/followup/reportingPeriods.js';
import { submitProgressReport } from '../../domain/followup/submitProgressReport.js';
import { recordFailedImport } from '../../domain/imports/importObservations.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import type { MatrixRecord } from './routeMatrix.js';

/**
 * Test support for the route × role matrix: builds one record of a kind, owned by (or answered
 * for) organisation B, and returns the path parameters that name it.
 */
export interface MatrixWorld {
  db: Db;
  goalId: number;
  /** A published initiative of organisation B, for records that hang on an initiative. */
  publishedInitiative: () => Promise<number>;
  orgB: number;
  /** A member of organisation B, who creates the organisation's API tokens. */
  memberOfB: Actor;
}

let serial = 0;
/** Periods are one per year: counted apart, so the years stay within what a period may have. */
let periodSerial = 0;
const isoDay = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

export async function buildRecord(
  w: MatrixWorld,
  kind: MatrixRecord,
): Promise<Record<string, string>> {
  const ctx = context(w.db, systemActor('test'));
  const n = ++serial;
  switch (kind) {
    case 'indicator': {
      const r = await defineIndicator(ctx, {
        goalId: w.goalId,
        slug: `matris-indikator-${n}`,
        nameSv: `Matrisindikator ${n}`,
        nameEn: `Matrix indicator ${n}`,
        unit: 'antal',
        source: 'manual',
        direction: 'higher',
      });
      return { id: String(ok(r).id) };
    }
    case 'period':
    case 'openPeriod': {
      const year = 2030 + ++periodSerial;
      const r = await createReportingPeriod(ctx, {
        kind: 'ar',
        year,
        dueDate: `${year + 1}-01-31`,
      });
      const id = ok(r).id;
      if (kind === 'openPeriod') await openReportingPeriod(ctx, { id });
      return { id: String(id), periodId: String(id) };
    }
    case 'periodReport': {
      const period = await buildRecord(w, 'openPeriod');
      return { periodId: period.periodId!, initiativeId: String(await w.publishedInitiative()) };
    }
    case 'progressReport': {
      const initiativeId = await w.publishedInitiative();
      // Submitted by the organisation's member, so it waits for the Region's review.
      const r = await submitProgressReport(context(w.db, w.memberOfB), {
        initiativeId,
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        trafficLight: 'enligt-plan',
        narrative: 'Två kurser är genomförda enligt plan.',
      });
      return { id: String(ok(r).id) };
    }
    case 'logicModel':
      return { id: String(await w.publishedInitiative()) };
    case 'evaluation': {
      const r = await recordEvaluation(
        ctx,
        {
          subjectType: 'initiative',
          subjectId: await w.publishedInitiative(),
          title: `Utvärdering ${n}`,
          method: 'Intervjuer med deltagare.',
          evaluator: 'Extern utvärderare',
          findings: 'Insatsen nådde sina mål för deltagarna.',
          evaluatedOn: '2026-05-01',
        },
        { draft: true },
      );
      return { id: String(ok(r).id) };
    }
    case 'strategyDraft':
    case 'strategyItem': {
      const r = await startDraftStrategy(ctx, {
        fromStrategyId: (await currentStrategy(w.db)).id,
        slug: `matris-utkast-${n}`,
        nameSv: `Matrisutkast ${n}`,
        nameEn: `Matrix draft ${n}`,
        periodStart: 2027,
        periodEnd: 2040,
      });
      const id = ok(r).id;
      const area = (await draftOutline(w.db, id))[0]!;
      return { id: String(id), kind: 'malomrade', itemId: String(area.id) };
    }
    case 'consultation': {
      const draft = await buildRecord(w, 'strategyDraft');
      const r = await createConsultation(ctx, {
        strategyId: Number(draft.id),
        titleSv: `Matrissamråd ${n}`,
        introductionSv: 'Vi vill veta vad ni tycker om utkastet.',
        // Planned from tomorrow, opened now, whatever day the test runs.
        opensOn: isoDay(1),
        closesOn: isoDay(30),
      });
      const id = ok(r).id;
      ok(await inviteOrganisations(ctx, { consultationId: id, organisationIds: [w.orgB] }));
      await setConsultationOpen(ctx, { id, open: true });
      return { id: String(id), org: String(w.orgB), commentId: '999999' };
    }
    case 'importRun': {
      const id = await recordFailedImport(ctx, {
        source: 'kolada',
        params: { kpi: 'N01951' },
        issues: [{ row: 1, field: 'value', code: 'missing', message: 'Värdet saknas.' }],
      });
      return { id: String(id) };
    }
    case 'accessibilityReport': {
      const r = await reportAccessibilityProblem(ctx, {
        pageUrl: '/insatser',
        description: `Knappen går inte att nå med tangentbordet (${n}).`,
      });
      return { id: String(ok(r).id) };
    }
    case 'apiToken': {
      const r = await createApiToken(context(w.db, w.memberOfB), {
        organisationId: w.orgB,
        name: `Matrisnyckel ${n}`,
      });
      return { id: String(ok(r).id) };
    }
  }
}
