import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { queryRows } from '../db/rows.js';
import { reportReminders } from '../db/schema/index.js';
import { recordAuditEvent } from '../domain/audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import {
  daysBetween,
  expectedInitiatives,
  isoDay,
  reportedStates,
} from '../domain/followup/reportingPeriodsQueries.js';
import { type Mailer } from '../mail/mailer.js';
import { createOutboxMailer } from '../mail/outbox.js';
import { reportReminderMail } from '../mail/templates.js';

export const REPORT_REMINDERS = 'report-reminders';

interface Pending {
  periodId: number;
  nameSv: string;
  nameEn: string;
  dueDate: string;
  remindDaysBefore: number;
  initiativeId: number;
  title: string;
  emails: string[];
}

/**
 * Which reminder is due today, if any: one before the due date (within `remindDaysBefore`),
 * then one a week after it: 'efter-1' from the first day late, 'efter-2' from the eighth …
 */
export function reminderKind(dueDate: string, remindDaysBefore: number, today: string) {
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft >= 0) return daysLeft <= remindDaysBefore ? 'fore' : null;
  return `efter-${Math.floor((-daysLeft - 1) / 7) + 1}`;
}

/**
 * Emails the owners of every initiative that has not submitted its report for an opened period:
 * once before the due date and weekly after it. Each reminder is recorded before it is sent, in
 * report_reminders, whose key (period, initiative, kind) makes a second sending impossible even
 * with several workers.
 */
export async function sendReportReminders(
  ctx: Ctx,
  deps: { mailer: Mailer; baseUrl: string },
): Promise<{ sent: number }> {
  const today = isoDay(ctx.now());
  const pending = await queryRows<Pending>(
    ctx.db,
    sql`select p.id as "periodId", p.name_sv as "nameSv", p.name_en as "nameEn", p.due_date::text as "dueDate",
          p.remind_days_before as "remindDaysBefore", i.id as "initiativeId", i.title,
          coalesce((select array_agg(distinct u.email order by u.email) from memberships m join users u on u.id = m.user_id
            where m.organisation_id = i.owner_organisation_id and u.disabled_at is null), '{}') as emails
        from reporting_periods p join initiatives i on ${expectedInitiatives}
        where p.opened_at is not null
          and not exists (select 1 from progress_reports pr where pr.initiative_id = i.id
            and pr.reporting_period_id = p.id and pr.state in ${reportedStates})
        order by p.id, i.id`,
  );
  let sent = 0;
  for (const p of pending) {
    const kind = reminderKind(p.dueDate, p.remindDaysBefore, today);
    if (!kind || p.emails.length === 0) continue;
    const recorded = await inTransaction(ctx, async (tx) => {
      const rows = await tx.db
        .insert(reportReminders)
        .values({
          reportingPeriodId: p.periodId,
          initiativeId: p.initiativeId,
          kind,
          recipients: p.emails,
          sentAt: ctx.now(),
        })
        .onConflictDoNothing()
        .returning({ kind: reportReminders.kind });
      if (rows.length === 0) return false;
      await recordAuditEvent(tx, {
        action: 'report_reminder.sent',
        entityType: 'initiative',
        entityId: p.initiativeId,
        after: { reportingPeriodId: p.periodId, kind, recipients: p.emails.length },
      });
      return true;
    });
    if (!recorded) continue;
    const mail = reportReminderMail({
      title: p.title,
      periodSv: p.nameSv,
      periodEn: p.nameEn,
      dueDate: p.dueDate,
      daysLate: Math.max(0, daysBetween(p.dueDate, today)),
      link: `${deps.baseUrl}/admin/rapportering/${p.periodId}/${p.initiativeId}`,
    });
    for (const to of p.emails) await deps.mailer.send(to, mail);
    sent++;
  }
  return { sent };
}

/** The job handler: mail through SMTP_URL, links to RIKTNING_PUBLIC_URL, both passed in. */
export function reportRemindersJob(
  ctx: Ctx,
  config: Pick<Config, 'mail' | 'publicUrl'>,
): Promise<{ sent: number }> {
  return sendReportReminders(ctx, {
    mailer: createOutboxMailer(config.mail, ctx.db),
    baseUrl: config.publicUrl,
  });
}
