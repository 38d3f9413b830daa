import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import { calendarDate, isCalendarDate } from '../calendarDate.js';
import { fieldMessages } from '../issueMessages.js';
import { consultations, strategies } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { consultationPolicy, effectiveStatus, manageForbidden, swedishDate } from './policies.js';

export interface ConsultationQuestion {
  key: string;
  textSv: string;
  textEn: string;
}

const isoDate = (field: 'opensOn' | 'closesOn') => calendarDate(fieldMessages[field]!.sv);

export const consultationSchema = z
  .object({
    strategyId: z.coerce.number({ message: 'Välj ett strategiutkast.' }).int().positive({
      message: 'Välj ett strategiutkast.',
    }),
    titleSv: singleLineText()
      .trim()
      .min(3, 'Ange en rubrik (minst tre tecken).')
      .max(300, 'Högst 300 tecken.'),
    titleEn: singleLineText().trim().max(300, 'Högst 300 tecken.').default(''),
    introductionSv: multiLineText()
      .trim()
      .min(10, 'Skriv en inledning på minst tio tecken.')
      .max(10_000, 'Högst 10 000 tecken.'),
    introductionEn: multiLineText().trim().max(10_000, 'Högst 10 000 tecken.').default(''),
    questions: z
      .array(
        z.object({
          textSv: multiLineText().trim().min(1).max(1000, 'En fråga får vara högst 1 000 tecken.'),
          textEn: multiLineText()
            .trim()
            .max(1000, 'En fråga får vara högst 1 000 tecken.')
            .default(''),
        }),
      )
      .max(20, 'Högst 20 frågor.')
      .default([]),
    opensOn: isoDate('opensOn'),
    closesOn: isoDate('closesOn'),
  })
  .refine(
    (c) =>
      !(isCalendarDate(String(c.opensOn)) && isCalendarDate(String(c.closesOn))) ||
      c.closesOn >= c.opensOn,
    {
      when: (p) => typeof p.value === 'object' && p.value !== null,
      path: ['closesOn'],
      message: 'Sista dag för svar kan inte vara före startdatum.',
    },
  );

export type ConsultationInput = z.input<typeof consultationSchema>;

/** Plans a consultation on a draft strategy version. Nothing is public until it opens. */
export async function createConsultation(
  ctx: Ctx,
  input: ConsultationInput,
): Promise<Result<{ id: number }>> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const parsed = parseInput(consultationSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [strategy] = await tx.db
      .select({ id: strategies.id, status: strategies.status })
      .from(strategies)
      .where(eq(strategies.id, v.strategyId));
    if (!strategy || strategy.status !== 'draft') {
      return fail([issue('strategyId', 'Välj ett strategiutkast.', 'not_draft')]);
    }
    const questions: ConsultationQuestion[] = v.questions.map((q, i) => ({
      key: `q${i + 1}`,
      textSv: q.textSv,
      textEn: q.textEn,
    }));
    const now = ctx.now();
    const [row] = await tx.db
      .insert(consultations)
      .values({
        strategyId: v.strategyId,
        titleSv: v.titleSv,
        titleEn: v.titleEn,
        introductionSv: v.introductionSv,
        introductionEn: v.introductionEn,
        questions,
        opensOn: v.opensOn,
        closesOn: v.closesOn,
        status: 'planerad',
        createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: consultations.id });
    await recordAuditEvent(tx, {
      action: 'consultation.created',
      entityType: 'consultation',
      entityId: row!.id,
      after: { ...v, questions },
    });
    return ok({ id: row!.id });
  });
}

export type ConsultationRow = typeof consultations.$inferSelect;

export async function loadConsultation(ctx: Ctx, id: number): Promise<ConsultationRow> {
  const [row] = await ctx.db.select().from(consultations).where(eq(consultations.id, id));
  if (!row) throw new NotFoundError('Samrådet finns inte.');
  return row;
}

/**
 * Opens a planned consultation now (before its first day if the editor wishes) or closes an
 * open one (before its last day if need be). The dates move to match, so the public page and
 * the deadline for responses say the same thing as the status.
 */
export async function setConsultationOpen(
  ctx: Ctx,
  input: { id: number; open: boolean },
): Promise<void> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  await inTransaction(ctx, async (tx) => {
    const c = await loadConsultation(tx, input.id);
    const now = ctx.now();
    const today = swedishDate(now);
    const status = effectiveStatus(c, now);
    if (input.open) {
      if (status !== 'planerad') {
        throw new ConflictError('Samrådet kan bara öppnas när det är planerat.', 'not_planned');
      }
      await tx.db
        .update(consultations)
        .set({ status: 'oppen', openedAt: now, opensOn: today, updatedAt: now })
        .where(eq(consultations.id, c.id));
    } else {
      if (status !== 'oppen') {
        throw new ConflictError('Samrådet kan bara stängas när det är öppet.', 'not_open');
      }
      // Closed today: the last day for responses was yesterday, unless it opened today.
      const yesterday = swedishDate(new Date(now.getTime() - 86_400_000));
      await tx.db
        .update(consultations)
        .set({
          status: 'stangd',
          closedAt: now,
          closesOn: yesterday < c.opensOn ? c.opensOn : yesterday,
          updatedAt: now,
        })
        .where(eq(consultations.id, c.id));
    }
    await recordAuditEvent(tx, {
      action: input.open ? 'consultation.opened' : 'consultation.closed',
      entityType: 'consultation',
      entityId: c.id,
      before: { status: c.status, opensOn: c.opensOn, closesOn: c.closesOn },
      after: { status: input.open ? 'oppen' : 'stangd' },
    });
  });
}
