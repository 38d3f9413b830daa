import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { evaluations, progressReports } from '../../db/schema/index.js';

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
    })
    .from(progressReports)
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
    trafficLight: r.trafficLight,
    narrative: r.narrative,
    participantsK: count(r.outputs, 'participantsK'),
    participantsM: count(r.outputs, 'participantsM'),
    companiesReached: count(r.outputs, 'companiesReached'),
    spentSek: r.spentSek,
  }));
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
