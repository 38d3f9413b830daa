import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { evaluations, progressReports } from '../../db/schema/index.js';

/** Progress reports of an initiative, oldest first, with the outputs the public may see. */
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
    .where(eq(progressReports.initiativeId, initiativeId))
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

/** Evaluations of an initiative, newest first; documents are public links. */
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
      evaluatedOn: evaluations.evaluatedOn,
      documents: evaluations.documents,
    })
    .from(evaluations)
    .where(and(eq(evaluations.subjectType, subject.type), eq(evaluations.subjectId, subject.id)))
    .orderBy(desc(evaluations.evaluatedOn));
}
