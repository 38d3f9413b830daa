import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { calendarDate } from '../calendarDate.js';
import { reportingPeriods } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { currentStrategy } from '../strategy/queries.js';
import { progressReportPolicy } from './progressReportPolicy.js';

const isoDate = calendarDate('Ange datum som ÅÅÅÅ-MM-DD, en dag som finns i kalendern.');
const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);

export const reportingPeriodSchema = z
  .object({
    kind: z.enum(['ar', 'tertial', 'annan'], { error: 'Välj typ av period.' }),
    year: z.number({ error: 'Ange ett år.' }).int().min(2000, 'Ange ett år.').max(2100).optional(),
    tertial: z.number().int().min(1).max(3).optional(),
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    nameSv: optionalText,
    nameEn: optionalText,
    dueDate: isoDate,
    remindDaysBefore: z
      .number({ error: 'Ange antal dagar.' })
      .int('Ange ett helt antal dagar.')
      .min(0, 'Ange 0–90 dagar.')
      .max(90, 'Ange 0–90 dagar.')
      .default(14),
  })
  .superRefine(
    (v, c) => {
      if (v.kind !== 'annan' && v.year === undefined)
        c.addIssue({ code: 'custom', path: ['year'], message: 'Ange ett år.' });
      if (v.kind === 'tertial' && v.tertial === undefined)
        c.addIssue({ code: 'custom', path: ['tertial'], message: 'Välj tertial 1, 2 eller 3.' });
      if (v.kind === 'annan') {
        if (!v.periodStart)
          c.addIssue({ code: 'custom', path: ['periodStart'], message: 'Ange periodens början.' });
        if (!v.periodEnd)
          c.addIssue({ code: 'custom', path: ['periodEnd'], message: 'Ange periodens slut.' });
        if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart)
          c.addIssue({
            code: 'custom',
            path: ['periodEnd'],
            message: 'Perioden slutar före den börjar.',
          });
        if (!v.nameSv)
          c.addIssue({ code: 'custom', path: ['nameSv'], message: 'Ge perioden ett namn.' });
      }
    },
    // In the same round as the fields' own checks, so every problem is named at once.
    { when: (p) => typeof p.value === 'object' && p.value !== null },
  );

export type ReportingPeriodInput = z.input<typeof reportingPeriodSchema>;

const tertials = [
  ['01-01', '04-30'],
  ['05-01', '08-31'],
  ['09-01', '12-31'],
] as const;

/** The dates and names of a period from its kind: a year, a tertial of a year, or custom. */
export function periodBounds(v: z.infer<typeof reportingPeriodSchema>): {
  periodStart: string;
  periodEnd: string;
  nameSv: string;
  nameEn: string;
} {
  if (v.kind === 'ar') {
    return {
      periodStart: `${v.year}-01-01`,
      periodEnd: `${v.year}-12-31`,
      nameSv: v.nameSv ?? `År ${v.year}`,
      nameEn: v.nameEn ?? `Year ${v.year}`,
    };
  }
  if (v.kind === 'tertial') {
    const [start, end] = tertials[v.tertial! - 1]!;
    return {
      periodStart: `${v.year}-${start}`,
      periodEnd: `${v.year}-${end}`,
      nameSv: v.nameSv ?? `Tertial ${v.tertial} ${v.year}`,
      nameEn: v.nameEn ?? `Four-month period ${v.tertial} ${v.year}`,
    };
  }
  return {
    periodStart: v.periodStart!,
    periodEnd: v.periodEnd!,
    nameSv: v.nameSv!,
    nameEn: v.nameEn ?? v.nameSv!,
  };
}

/** Creates a reporting period of the current strategy; owners report once it is opened. */
export async function createReportingPeriod(
  ctx: Ctx,
  input: ReportingPeriodInput,
): Promise<Result<{ id: number }>> {
  if (!progressReportPolicy.managePeriods(ctx.actor)) throw new ForbiddenError();
  const parsed = parseInput(reportingPeriodSchema, input);
  if (!parsed.ok) return parsed;
  const bounds = periodBounds(parsed.value);
  if (parsed.value.dueDate < bounds.periodStart) {
    return fail([issue('dueDate', 'Sista dag kan inte ligga före periodens början.')]);
  }
  return inTransaction(ctx, async (tx) => {
    const strategy = await currentStrategy(tx.db);
    const [clash] = await tx.db
      .select({ id: reportingPeriods.id })
      .from(reportingPeriods)
      .where(
        and(
          eq(reportingPeriods.strategyId, strategy.id),
          eq(reportingPeriods.periodStart, bounds.periodStart),
          eq(reportingPeriods.periodEnd, bounds.periodEnd),
        ),
      );
    if (clash) {
      return fail([issue('kind', 'Det finns redan en rapportperiod med samma datum.', 'taken')]);
    }
    const values = {
      strategyId: strategy.id,
      kind: parsed.value.kind,
      ...bounds,
      dueDate: parsed.value.dueDate,
      remindDaysBefore: parsed.value.remindDaysBefore,
      createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now(),
    };
    const [row] = await tx.db
      .insert(reportingPeriods)
      .values(values)
      .returning({ id: reportingPeriods.id });
    await recordAuditEvent(tx, {
      action: 'reporting_period.created',
      entityType: 'reporting_period',
      entityId: row!.id,
      after: values,
    });
    return ok({ id: row!.id });
  });
}

/** Opens a period: from now on owners of active initiatives are expected to report for it. */
export async function openReportingPeriod(ctx: Ctx, input: { id: number }): Promise<void> {
  if (!progressReportPolicy.managePeriods(ctx.actor)) throw new ForbiddenError();
  await inTransaction(ctx, async (tx) => {
    const [period] = await tx.db
      .select()
      .from(reportingPeriods)
      .where(eq(reportingPeriods.id, input.id))
      .for('update');
    if (!period) throw new NotFoundError('Rapportperioden finns inte.');
    if (period.openedAt) throw new ConflictError('Perioden är redan öppnad.', 'already_open');
    await tx.db
      .update(reportingPeriods)
      .set({ openedAt: ctx.now() })
      .where(eq(reportingPeriods.id, period.id));
    await recordAuditEvent(tx, {
      action: 'reporting_period.opened',
      entityType: 'reporting_period',
      entityId: period.id,
      before: { openedAt: null },
      after: { openedAt: ctx.now() },
    });
  });
}
