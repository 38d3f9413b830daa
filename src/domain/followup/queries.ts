import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { evaluations, progressReports, reportingPeriods } from '../../db/schema/index.js';

/** Published progress reports of an initiative, oldest first, with the outputs the public may see. */
export async function listProgressReports(db: Db, initiativeId: number) {
  const rows = await db
    .select({
      periodStart: progressReports.periodStart,
      periodEnd: progressReports.periodEnd,
      trafficLight: progressReports.trafficLight,
      narrative: progressReports.narrative,
      outputs: progressReports.outputs,
      spentSek: progressReports.spentSek,
      periodNameSv: reportingPeriods.nameSv,
      periodNameEn: reportingPeriods.nameEn,
      publishedAt: progressReports.publishedAt,
      submittedAt: progressReports.submittedAt,
    })
    .from(progressReports)
    .leftJoin(reportingPeriods, eq(reportingPeriods.id, progressReports.reportingPeriodId))
    .where(
      and(eq(progressReports.initiativeId, initiativeId), eq(progressReports.state, 'publicerad')),
    )
    .orderBy(asc(progressReports.periodEnd));
  const count = (o: unknown, k: string) => {
    const v = (o as Record<string, unknown> | null)?.[k];
    return typeof v === 'number' ? v : null;
  };
  return rows.map((r) => ({
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    /** When the report became public (older reports: when it was submitted). */
    publishedAt: (r.publishedAt ?? r.submittedAt).toISOString(),
    trafficLight: r.trafficLight,
    narrative: r.narrative,
    participantsK: count(r.outputs, 'participantsK'),
    participantsM: count(r.outputs, 'participantsM'),
    companiesReached: count(r.outputs, 'companiesReached'),
    /** The initiative's own counts, each with the label its owner gave it. */
    otherOutputs: otherOutputs(r.outputs),
    spentSek: r.spentSek,
    /** The reporting period by its name ("Tertial 3 2026"), when the report belongs to one. */
    periodName: r.periodNameSv
      ? { sv: r.periodNameSv, en: r.periodNameEn || r.periodNameSv }
      : null,
  }));
}

function otherOutputs(o: unknown): { label: string; count: number }[] {
  const list = (o as { other?: unknown } | null)?.other;
  if (!Array.isArray(list)) return [];
  return list.flatMap((x: unknown) => {
    const { label, count } = (x ?? {}) as { label?: unknown; count?: unknown };
    return typeof label === 'string' && typeof count === 'number' ? [{ label, count }] : [];
  });
}

/** Published evaluations of an initiative, newest first; documents are public links. */
export async function listEvaluations(
  db: Db,
  subject: { type: 'initiative' | 'programme' | 'goal'; id: number },
) {
  return db
    .select({
      title: evaluations.title,
      method: evaluations.method,
      evaluator: evaluations.evaluator,
      findings: evaluations.findings,
      recommendations: evaluations.recommendations,
      evaluatedOn: evaluations.evaluatedOn,
      // Links, then the uploaded PDFs, which are served by /dokument/:id.
      documents: sql<unknown>`${evaluations.documents} || coalesce((select jsonb_agg(jsonb_build_object('title', ed.title, 'url', '/dokument/' || ed.document_id) order by ed.document_id) from evaluation_documents ed where ed.evaluation_id = ${evaluations.id}), '[]'::jsonb)`,
    })
    .from(evaluations)
    .where(
      and(
        eq(evaluations.subjectType, subject.type),
        eq(evaluations.subjectId, subject.id),
        isNotNull(evaluations.publishedAt),
      ),
    )
    .orderBy(desc(evaluations.evaluatedOn));
}
