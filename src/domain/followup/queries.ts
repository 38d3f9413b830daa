import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { progressReports } from '../../db/schema/index.js';

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
