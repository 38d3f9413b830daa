import { and, asc, count, desc, eq, min, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accessibilityReports, users } from '../../db/schema/index.js';

export type AccessibilityReportStatus = 'ny' | 'hanterad';

export interface AccessibilityReportRow {
  id: number;
  pageUrl: string;
  description: string;
  contactEmail: string | null;
  status: AccessibilityReportStatus;
  createdAt: Date;
  handledAt: Date | null;
  handledByName: string | null;
  handlingNote: string | null;
}

/** How many visitors' reports nobody has handled yet, and when the oldest of them came in. */
export async function unhandledAccessibilityReports(
  db: Db,
): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await db
    .select({ n: count(), oldest: min(accessibilityReports.createdAt) })
    .from(accessibilityReports)
    .where(eq(accessibilityReports.status, 'ny'));
  return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
}

/**
 * The reports with one status: the unhandled oldest first (the order to work in), the handled
 * newest first, at most `limit` of them.
 */
export async function accessibilityReportsWith(
  db: Db,
  status: AccessibilityReportStatus,
  limit = 200,
): Promise<AccessibilityReportRow[]> {
  const where: SQL | undefined = and(eq(accessibilityReports.status, status));
  const rows = await db
    .select({
      id: accessibilityReports.id,
      pageUrl: accessibilityReports.pageUrl,
      description: accessibilityReports.description,
      contactEmail: accessibilityReports.contactEmail,
      status: accessibilityReports.status,
      createdAt: accessibilityReports.createdAt,
      handledAt: accessibilityReports.handledAt,
      handledByName: users.name,
      handlingNote: accessibilityReports.handlingNote,
    })
    .from(accessibilityReports)
    .leftJoin(users, eq(users.id, accessibilityReports.handledByUserId))
    .where(where)
    .orderBy(
      status === 'ny' ? asc(accessibilityReports.createdAt) : desc(accessibilityReports.handledAt),
      asc(accessibilityReports.id),
    )
    .limit(limit);
  return rows.map((r) => ({ ...r, status: r.status === 'hanterad' ? 'hanterad' : 'ny' }));
}
