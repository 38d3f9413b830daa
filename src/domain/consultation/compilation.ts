import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { multiLineText } from '../text/plainText.js';
import {
  consultationComments,
  consultationResponseItems,
  consultations,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, type Issue, type Result } from '../result.js';
import { loadConsultation, type ConsultationQuestion } from './consultations.js';
import { listDialogueMeetings, type MeetingView } from './meetings.js';
import { consultationPolicy, effectiveStatus, manageForbidden } from './policies.js';
import { draftOutline, organisationNames } from './queries.js';
import { submittedResponses } from './responses.js';

export const feedbackTags = ['tillgodosedd', 'delvis', 'ej-tillgodosedd'] as const;
export type FeedbackTag = (typeof feedbackTags)[number];

/** One piece of feedback to answer: a part of a remissvar or a published comment. */
export interface FeedbackEntry {
  kind: 'item' | 'comment';
  id: number;
  /** The organisation for a remissvar, the chosen display name for a comment. */
  from: string;
  body: string;
  tag: FeedbackTag | null;
  regionAnswer: string;
}

export interface CompilationGroup {
  key: string;
  titleSv: string;
  titleEn: string;
  entries: FeedbackEntry[];
}

export interface CompilationData {
  consultationId: number;
  titleSv: string;
  titleEn: string;
  opensOn: string;
  closesOn: string;
  introductionSv: string;
  areas: { nameSv: string; nameEn: string; goals: CompilationGroup[] }[];
  questions: CompilationGroup[];
  general: CompilationGroup;
  responses: { organisation: string; submittedAt: string | null; summary: string }[];
  meetings: MeetingView[];
  counts: { responses: number; comments: number; meetings: number; participants: number };
}

/** All submitted responses and published comments, grouped by goal, for editors to answer. */
export async function compilationData(ctx: Ctx, consultationId: number): Promise<CompilationData> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const c = await loadConsultation(ctx, consultationId);
  const responses = await submittedResponses(ctx.db, c.id);
  const orgNames = await organisationNames(
    ctx.db,
    responses.map((r) => r.organisationId),
  );
  const items = responses.flatMap((r) =>
    r.items.map((i) => ({ ...i, from: orgNames.get(r.organisationId) ?? '' })),
  );
  const itemEntry = (i: (typeof items)[number]): FeedbackEntry => ({
    kind: 'item',
    id: i.id,
    from: i.from,
    body: i.body,
    tag: i.tag,
    regionAnswer: i.regionAnswer ?? '',
  });
  const comments = await ctx.db
    .select()
    .from(consultationComments)
    .where(
      and(
        eq(consultationComments.consultationId, c.id),
        eq(consultationComments.status, 'publicerad'),
      ),
    );
  const outline = await draftOutline(ctx.db, c.strategyId);
  const meetings = await listDialogueMeetings(ctx.db, c.id);
  const questions = c.questions as ConsultationQuestion[];
  return {
    consultationId: c.id,
    titleSv: c.titleSv,
    titleEn: c.titleEn,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    introductionSv: c.compilationIntroductionSv,
    areas: outline.map((a) => ({
      nameSv: a.nameSv,
      nameEn: a.nameEn,
      goals: a.goals.map((g) => ({
        key: `goal-${g.id}`,
        titleSv: `${g.code} ${g.nameSv}`,
        titleEn: `${g.code} ${g.nameEn}`,
        entries: [
          ...items.filter((i) => i.goalId === g.id).map(itemEntry),
          ...comments
            .filter((cm) => cm.goalId === g.id)
            .map(
              (cm): FeedbackEntry => ({
                kind: 'comment',
                id: cm.id,
                from: cm.displayName,
                body: cm.body,
                tag: cm.tag,
                regionAnswer: cm.regionAnswer ?? '',
              }),
            ),
        ],
      })),
    })),
    questions: questions.map((q) => ({
      key: `question-${q.key}`,
      titleSv: q.textSv,
      titleEn: q.textEn || q.textSv,
      entries: items.filter((i) => i.questionKey === q.key).map(itemEntry),
    })),
    general: {
      key: 'general',
      titleSv: 'Övriga synpunkter',
      titleEn: 'Other views',
      entries: items.filter((i) => i.goalId === null && i.questionKey === null).map(itemEntry),
    },
    responses: responses.map((r) => ({
      organisation: orgNames.get(r.organisationId) ?? '',
      submittedAt: r.submittedAt?.toISOString() ?? null,
      summary: r.summary,
    })),
    meetings,
    counts: {
      responses: responses.length,
      comments: comments.length,
      meetings: meetings.length,
      participants: meetings.reduce(
        (n, m) => n + m.participantsWomen + m.participantsMen + m.participantsOther,
        0,
      ),
    },
  };
}

export const allEntries = (d: CompilationData): FeedbackEntry[] => [
  ...d.areas.flatMap((a) => a.goals.flatMap((g) => g.entries)),
  ...d.questions.flatMap((q) => q.entries),
  ...d.general.entries,
];

const answerSchema = z.object({
  kind: z.enum(['item', 'comment']),
  id: z.number().int().positive(),
  tag: z.enum(feedbackTags).nullable(),
  regionAnswer: multiLineText().trim().max(10_000, 'Högst 10 000 tecken.'),
});

export type FeedbackAnswer = z.input<typeof answerSchema>;

/** Field name of an entry's answer in the compile form. */
export const answerField = (e: { kind: string; id: number }) => `answer-${e.kind}-${e.id}`;

/**
 * Saves the Region's position (tag) and answer for each piece of feedback. Allowed once the
 * period has ended and until the compilation is published.
 */
export async function answerFeedback(
  ctx: Ctx,
  input: { consultationId: number; answers: FeedbackAnswer[] },
): Promise<Result<{ saved: number }>> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const issues: Issue[] = [];
  const answers = input.answers.flatMap((a) => {
    const p = answerSchema.safeParse(a);
    if (!p.success) {
      issues.push(issue(answerField(a), p.error.issues[0]?.message ?? 'Ogiltigt svar.'));
      return [];
    }
    return [p.data];
  });
  if (issues.length > 0) return fail(issues);
  return inTransaction(ctx, async (tx) => {
    const c = await loadConsultation(tx, input.consultationId);
    const status = effectiveStatus(c, ctx.now());
    if (status !== 'stangd') {
      throw new ConflictError(
        status === 'sammanstalld'
          ? 'Sammanställningen är publicerad och kan inte ändras.'
          : 'Svaren kan besvaras först när samrådsperioden är slut.',
        status === 'sammanstalld' ? 'compiled' : 'still_open',
      );
    }
    const data = await compilationData(tx, c.id);
    const known = new Map(allEntries(data).map((e) => [`${e.kind}-${e.id}`, e]));
    let saved = 0;
    for (const a of answers) {
      const entry = known.get(`${a.kind}-${a.id}`);
      if (!entry) throw new NotFoundError('Svaret hör inte till samrådet.');
      if (entry.tag === a.tag && entry.regionAnswer === a.regionAnswer) continue;
      const values = { tag: a.tag, regionAnswer: a.regionAnswer || null };
      if (a.kind === 'item') {
        await tx.db
          .update(consultationResponseItems)
          .set(values)
          .where(eq(consultationResponseItems.id, a.id));
      } else {
        await tx.db
          .update(consultationComments)
          .set(values)
          .where(eq(consultationComments.id, a.id));
      }
      await recordAuditEvent(tx, {
        action: 'consultation_feedback.answered',
        entityType: a.kind === 'item' ? 'consultation_response_item' : 'consultation_comment',
        entityId: a.id,
        before: { tag: entry.tag, regionAnswer: entry.regionAnswer },
        after: values,
      });
      saved++;
    }
    return ok({ saved });
  });
}

export interface CompilationSnapshot extends CompilationData {
  publishedAt: string;
}

/**
 * Publishes the "sammanställning av remissvar": a frozen snapshot of every answered response
 * and comment. Every entry needs the Region's position first. The commenters' email addresses
 * have served their purpose and are erased; display names and texts stay as public records.
 */
export async function publishCompilation(
  ctx: Ctx,
  input: { consultationId: number; introductionSv: string },
): Promise<Result<{ publishedAt: Date }>> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const intro = input.introductionSv.trim();
  if (intro.length < 10 || intro.length > 10_000) {
    return fail([
      issue('introductionSv', 'Skriv en inledning till sammanställningen (10–10 000 tecken).'),
    ]);
  }
  return inTransaction(ctx, async (tx) => {
    const c = await loadConsultation(tx, input.consultationId);
    const status = effectiveStatus(c, ctx.now());
    if (status === 'sammanstalld') {
      throw new ConflictError('Sammanställningen är redan publicerad.', 'compiled');
    }
    if (status !== 'stangd') {
      return fail([
        issue(
          '_',
          'Sammanställningen kan publiceras först när samrådsperioden är slut.',
          'still_open',
        ),
      ]);
    }
    const now = ctx.now();
    const data = await compilationData(tx, c.id);
    const unanswered = allEntries(data).filter((e) => e.tag === null);
    if (unanswered.length > 0) {
      return fail(
        unanswered.map((e) =>
          issue(
            `tag-${e.kind}-${e.id}`,
            `Ange Regionens ställningstagande till synpunkten från ${e.from}.`,
            'untagged',
          ),
        ),
      );
    }
    const snapshot: CompilationSnapshot = {
      ...data,
      introductionSv: intro,
      publishedAt: now.toISOString(),
    };
    await tx.db
      .update(consultations)
      .set({
        status: 'sammanstalld',
        closedAt: c.closedAt ?? now,
        compilationIntroductionSv: intro,
        compilationSnapshot: snapshot,
        compilationPublishedAt: now,
        updatedAt: now,
      })
      .where(eq(consultations.id, c.id));
    await tx.db
      .update(consultationComments)
      .set({ email: null, verificationTokenHash: null })
      .where(eq(consultationComments.consultationId, c.id));
    await recordAuditEvent(tx, {
      action: 'consultation.compilation_published',
      entityType: 'consultation',
      entityId: c.id,
      before: { status: c.status },
      after: { status: 'sammanstalld', counts: data.counts },
    });
    return ok({ publishedAt: now });
  });
}

/** The published compilation, or not found. */
export async function publishedCompilation(
  ctx: Ctx,
  consultationId: number,
): Promise<CompilationSnapshot> {
  const [row] = await ctx.db
    .select({ snapshot: consultations.compilationSnapshot })
    .from(consultations)
    .where(and(eq(consultations.id, consultationId), eq(consultations.status, 'sammanstalld')));
  if (!row?.snapshot) throw new NotFoundError('Sammanställningen är inte publicerad.');
  return row.snapshot as CompilationSnapshot;
}
