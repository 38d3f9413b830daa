import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { multiLineText } from '../text/plainText.js';
import type { Db } from '../../db/client.js';
import {
  consultationInvitees,
  consultationResponseItems,
  consultationResponses,
  documents,
  goalAreas,
  goals,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { checkPdf, cleanFilename } from '../evaluation/evaluationDocuments.js';
import { fail, issue, ok, parseInput, type Issue, type Result } from '../result.js';
import {
  loadConsultation,
  type ConsultationQuestion,
  type ConsultationRow,
} from './consultations.js';
import { consultationPolicy, effectiveStatus, respondForbidden } from './policies.js';

export type ResponseRow = typeof consultationResponses.$inferSelect;
export type ResponseItemRow = typeof consultationResponseItems.$inferSelect;

const MAX_TEXT = 20_000;

export const responseSchema = z.object({
  summary: multiLineText().trim().max(MAX_TEXT, 'Högst 20 000 tecken.').default(''),
  items: z
    .array(
      z.object({
        goalId: z.number().int().positive().nullable().default(null),
        questionKey: z.string().max(20).nullable().default(null),
        body: multiLineText().trim().max(MAX_TEXT, 'Högst 20 000 tecken.').default(''),
      }),
    )
    .max(500)
    .default([]),
  /** The version the form was loaded at; a newer saved version means someone else saved first. */
  version: z.number().int().positive().optional(),
});

export type ResponseInput = z.input<typeof responseSchema>;

/** The field a response item is written in, so an issue lands next to it. */
export const itemField = (i: { goalId: number | null; questionKey: string | null }) =>
  i.goalId !== null
    ? `goal-${i.goalId}`
    : i.questionKey !== null
      ? `question-${i.questionKey}`
      : 'general';

function deadlineIssue(c: ConsultationRow): Issue {
  return issue(
    '_',
    `Remisstiden gick ut ${c.closesOn}. Svaret kan inte längre ändras eller skickas in.`,
    'deadline_passed',
  );
}

async function requireInvited(tx: Ctx, consultationId: number, organisationId: number) {
  if (!consultationPolicy.respond(tx.actor, organisationId)) {
    throw new ForbiddenError(respondForbidden);
  }
  const [invite] = await tx.db
    .select({ id: consultationInvitees.organisationId })
    .from(consultationInvitees)
    .where(
      and(
        eq(consultationInvitees.consultationId, consultationId),
        eq(consultationInvitees.organisationId, organisationId),
      ),
    );
  if (!invite) throw new NotFoundError('Organisationen är inte inbjuden att svara på samrådet.');
}

async function findResponse(db: Db, consultationId: number, organisationId: number) {
  const [row] = await db
    .select()
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.organisationId, organisationId),
      ),
    );
  return row ?? null;
}

/** The goal ids of the consultation's draft, to check that an item is about one of them. */
export async function draftGoalIds(db: Db, strategyId: number): Promise<Set<number>> {
  const rows = await db
    .select({ id: goals.id })
    .from(goals)
    .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
    .where(eq(goalAreas.strategyId, strategyId));
  return new Set(rows.map((r) => r.id));
}

/**
 * Saves the organisation's draft response: a summary and one text per goal, per question and a
 * general part. A draft is private to the organisation. Saving is allowed from invitation until
 * the deadline; a submitted response is final.
 */
export async function saveResponse(
  ctx: Ctx,
  input: { consultationId: number; organisationId: number } & ResponseInput,
): Promise<Result<{ id: number; version: number }>> {
  const parsed = parseInput(responseSchema, input);
  return inTransaction(ctx, async (tx) => {
    await requireInvited(tx, input.consultationId, input.organisationId);
    if (!parsed.ok) return parsed;
    const v = parsed.value;
    const c = await loadConsultation(tx, input.consultationId);
    const status = effectiveStatus(c, ctx.now());
    if (status === 'stangd' || status === 'sammanstalld') return fail([deadlineIssue(c)]);
    const goalIds = await draftGoalIds(tx.db, c.strategyId);
    const questionKeys = new Set((c.questions as ConsultationQuestion[]).map((q) => q.key));
    for (const item of v.items) {
      if (item.goalId !== null && !goalIds.has(item.goalId)) {
        return fail([issue(itemField(item), 'Målet hör inte till utkastet.', 'unknown_goal')]);
      }
      if (item.questionKey !== null && !questionKeys.has(item.questionKey)) {
        return fail([issue(itemField(item), 'Frågan finns inte i samrådet.', 'unknown_question')]);
      }
    }
    const now = ctx.now();
    let response: ResponseRow | null | undefined = await findResponse(
      tx.db,
      c.id,
      input.organisationId,
    );
    if (response?.status === 'inskickad') {
      throw new ConflictError('Remissvaret är redan inskickat och kan inte ändras.', 'submitted');
    }
    if (response && v.version !== undefined && v.version !== response.version) {
      return fail([
        issue(
          '_',
          'Någon annan i organisationen har sparat svaret under tiden. Din text finns kvar nedan; kopiera den, ladda om sidan och för in dina ändringar.',
          'stale',
        ),
      ]);
    }
    if (!response) {
      [response] = await tx.db
        .insert(consultationResponses)
        .values({
          consultationId: c.id,
          organisationId: input.organisationId,
          summary: v.summary,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
    } else {
      [response] = await tx.db
        .update(consultationResponses)
        .set({ summary: v.summary, version: response.version + 1, updatedAt: now })
        .where(eq(consultationResponses.id, response.id))
        .returning();
    }
    const existing = await tx.db
      .select()
      .from(consultationResponseItems)
      .where(eq(consultationResponseItems.responseId, response!.id));
    const byField = new Map(existing.map((e) => [itemField(e), e]));
    for (const item of v.items) {
      const found = byField.get(itemField(item));
      if (found) {
        if (found.body !== item.body) {
          await tx.db
            .update(consultationResponseItems)
            .set({ body: item.body })
            .where(eq(consultationResponseItems.id, found.id));
        }
      } else if (item.body !== '') {
        await tx.db.insert(consultationResponseItems).values({
          responseId: response!.id,
          goalId: item.goalId,
          questionKey: item.questionKey,
          body: item.body,
        });
      }
    }
    // The text of a draft is the organisation's own until submitted: the audit says that it changed.
    await recordAuditEvent(tx, {
      action: 'consultation_response.saved',
      entityType: 'consultation_response',
      entityId: response!.id,
      after: { organisationId: input.organisationId, version: response!.version },
    });
    return ok({ id: response!.id, version: response!.version });
  });
}

/** Submits the organisation's response, once, before the deadline. It is then a public record. */
export async function submitResponse(
  ctx: Ctx,
  input: { consultationId: number; organisationId: number },
): Promise<Result<{ id: number }>> {
  return inTransaction(ctx, async (tx) => {
    await requireInvited(tx, input.consultationId, input.organisationId);
    const c = await loadConsultation(tx, input.consultationId);
    const status = effectiveStatus(c, ctx.now());
    if (status === 'stangd' || status === 'sammanstalld') return fail([deadlineIssue(c)]);
    if (status === 'planerad') {
      return fail([
        issue(
          '_',
          `Samrådet öppnar ${c.opensOn}; svaret kan skickas in från den dagen.`,
          'not_open',
        ),
      ]);
    }
    const response = await findResponse(tx.db, c.id, input.organisationId);
    if (response?.status === 'inskickad') {
      throw new ConflictError('Remissvaret är redan inskickat.', 'submitted');
    }
    const items = response
      ? await tx.db
          .select({ body: consultationResponseItems.body })
          .from(consultationResponseItems)
          .where(eq(consultationResponseItems.responseId, response.id))
      : [];
    if (!response || (response.summary === '' && items.every((i) => i.body === ''))) {
      return fail([
        issue(
          'summary',
          'Skriv en sammanfattning eller svara på minst ett mål innan ni skickar in.',
          'empty',
        ),
      ]);
    }
    const now = ctx.now();
    await tx.db
      .update(consultationResponses)
      .set({
        status: 'inskickad',
        submittedAt: now,
        submittedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        updatedAt: now,
      })
      .where(eq(consultationResponses.id, response.id));
    await recordAuditEvent(tx, {
      action: 'consultation_response.submitted',
      entityType: 'consultation_response',
      entityId: response.id,
      after: {
        organisationId: input.organisationId,
        summary: response.summary,
        items: items.filter((i) => i.body !== '').length,
        attachmentDocumentId: response.attachmentDocumentId,
      },
    });
    return ok({ id: response.id });
  });
}

/** Attaches a PDF (≤ 20 MB, checked by its first bytes) to the organisation's draft response. */
export async function attachResponseDocument(
  ctx: Ctx,
  input: {
    consultationId: number;
    organisationId: number;
    filename: string;
    contentType: string;
    content: Buffer;
  },
): Promise<Result<{ documentId: number }>> {
  return inTransaction(ctx, async (tx) => {
    await requireInvited(tx, input.consultationId, input.organisationId);
    const problems = checkPdf(input);
    if (problems.length > 0) return fail(problems);
    const c = await loadConsultation(tx, input.consultationId);
    const status = effectiveStatus(c, ctx.now());
    if (status === 'stangd' || status === 'sammanstalld') {
      return fail([{ ...deadlineIssue(c), field: 'file' }]);
    }
    const saved = await saveResponseShell(tx, c.id, input.organisationId);
    const meta = {
      filename: cleanFilename(input.filename),
      contentType: 'application/pdf',
      sizeBytes: input.content.length,
      sha256: createHash('sha256').update(input.content).digest('hex'),
    };
    const now = ctx.now();
    const [doc] = await tx.db
      .insert(documents)
      .values({
        ...meta,
        content: input.content,
        uploadedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdAt: now,
      })
      .returning({ id: documents.id });
    await tx.db
      .update(consultationResponses)
      .set({ attachmentDocumentId: doc!.id, version: saved.version + 1, updatedAt: now })
      .where(eq(consultationResponses.id, saved.id));
    await recordAuditEvent(tx, {
      action: 'consultation_response.document_attached',
      entityType: 'consultation_response',
      entityId: saved.id,
      before: { attachmentDocumentId: saved.attachmentDocumentId },
      after: { documentId: doc!.id, ...meta },
    });
    return ok({ documentId: doc!.id });
  });
}

/** The organisation's draft response, created empty if there is none yet. */
async function saveResponseShell(tx: Ctx, consultationId: number, organisationId: number) {
  const found = await findResponse(tx.db, consultationId, organisationId);
  if (found?.status === 'inskickad') {
    throw new ConflictError('Remissvaret är redan inskickat och kan inte ändras.', 'submitted');
  }
  if (found) return found;
  const now = tx.now();
  const [row] = await tx.db
    .insert(consultationResponses)
    .values({ consultationId, organisationId, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export interface ResponseWithItems extends ResponseRow {
  items: ResponseItemRow[];
  attachment: { id: number; filename: string; sizeBytes: number } | null;
}

/**
 * The organisation's own response for its members (draft or submitted), or null when none is
 * started. Anyone else is refused: a draft is private to its organisation.
 */
export async function ownResponse(
  ctx: Ctx,
  consultationId: number,
  organisationId: number,
): Promise<ResponseWithItems | null> {
  if (!consultationPolicy.readOwn(ctx.actor, organisationId)) {
    throw new ForbiddenError(respondForbidden);
  }
  const row = await findResponse(ctx.db, consultationId, organisationId);
  if (!row) return null;
  return (await withItems(ctx.db, [row]))[0]!;
}

/** Submitted responses of a consultation, with their items, in organisation order. */
export async function submittedResponses(
  db: Db,
  consultationId: number,
): Promise<ResponseWithItems[]> {
  const rows = await db
    .select()
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.status, 'inskickad'),
      ),
    )
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id));
  return withItems(db, rows);
}

async function withItems(db: Db, rows: ResponseRow[]): Promise<ResponseWithItems[]> {
  if (rows.length === 0) return [];
  const items = await db
    .select()
    .from(consultationResponseItems)
    .where(
      inArray(
        consultationResponseItems.responseId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(consultationResponseItems.id));
  const docIds = rows.map((r) => r.attachmentDocumentId).filter((d): d is number => d !== null);
  const docs = docIds.length
    ? await db
        .select({ id: documents.id, filename: documents.filename, sizeBytes: documents.sizeBytes })
        .from(documents)
        .where(inArray(documents.id, docIds))
    : [];
  return rows.map((r) => ({
    ...r,
    items: items.filter((i) => i.responseId === r.id && i.body !== ''),
    attachment: docs.find((d) => d.id === r.attachmentDocumentId) ?? null,
  }));
}

/** The attachment of a submitted response, for the public download; otherwise not found. */
export async function submittedResponseDocument(db: Db, documentId: number) {
  const [row] = await db
    .select({
      filename: documents.filename,
      contentType: documents.contentType,
      sha256: documents.sha256,
      content: documents.content,
    })
    .from(documents)
    .innerJoin(consultationResponses, eq(consultationResponses.attachmentDocumentId, documents.id))
    .where(and(eq(documents.id, documentId), eq(consultationResponses.status, 'inskickad')))
    .limit(1);
  if (!row) throw new NotFoundError('Dokumentet finns inte.');
  return row;
}
