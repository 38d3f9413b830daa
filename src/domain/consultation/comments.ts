import { createHash } from 'node:crypto';
import { and, asc, count, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import type { Db } from '../../db/client.js';
import { consultationComments } from '../../db/schema/index.js';
import { hashToken, isTokenShaped, newToken } from '../actors/tokens.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { loadConsultation } from './consultations.js';
import { consultationPolicy, effectiveStatus, manageForbidden, swedishDate } from './policies.js';
import { draftGoalIds } from './responses.js';

/** Limits against flooding the dialogue: comments per hour from one address and one email. */
export const COMMENT_LIMITS = { perIpPerHour: 5, perEmailPerHour: 3 };
/** How long an email verification link works. */
export const VERIFICATION_DAYS = 7;

/**
 * A one-way hash of the visitor's IP address with the day mixed in: it counts comments from the
 * same address within a day, and cannot be turned back into the address or followed across days.
 */
export function hashIp(ip: string, now: Date): string {
  return createHash('sha256')
    .update(`riktning-dialog:${swedishDate(now)}:${ip}`)
    .digest('hex');
}

export const commentSchema = z.object({
  goalId: z.coerce.number({ message: 'Välj vilket mål kommentaren gäller.' }).int().positive({
    message: 'Välj vilket mål kommentaren gäller.',
  }),
  displayName: singleLineText()
    .trim()
    .min(2, 'Skriv det namn som ska visas (minst två tecken).')
    .max(80, 'Högst 80 tecken.'),
  body: multiLineText()
    .trim()
    .min(10, 'Skriv en kommentar på minst tio tecken.')
    .max(4000, 'Högst 4 000 tecken.'),
  email: z
    .union([z.literal(''), z.email({ error: 'Ange en giltig e-postadress.' }).max(254)])
    .default(''),
});

export type CommentInput = z.input<typeof commentSchema>;

/**
 * A comment in the open dialogue on a goal of the draft. A signed-in visitor's comment goes
 * straight to moderation; anyone else gives an email address and confirms it through a link
 * (the token is returned once, only its hash is stored). Every comment waits for moderation.
 */
export async function submitComment(
  ctx: Ctx,
  input: CommentInput & { consultationId: number; ipHash: string; userId?: number | null },
): Promise<Result<{ id: number; token: string | null; email: string | null }>> {
  const parsed = parseInput(commentSchema, input);
  const signedIn = input.userId != null;
  const missingEmail =
    !signedIn && (input.email ?? '').trim() === ''
      ? [
          issue(
            'email',
            'Ange din e-postadress, så skickar vi en länk för att bekräfta kommentaren.',
            'missing',
          ),
        ]
      : [];
  if (!parsed.ok || missingEmail.length > 0) {
    return fail([...(parsed.ok ? [] : parsed.issues), ...missingEmail]);
  }
  const v = parsed.value;
  const email = signedIn ? null : v.email.toLowerCase();
  return inTransaction(ctx, async (tx) => {
    const c = await loadConsultation(tx, input.consultationId);
    if (effectiveStatus(c, ctx.now()) !== 'oppen') {
      return fail([issue('_', 'Samrådet är inte öppet för kommentarer.', 'not_open')]);
    }
    if (!(await draftGoalIds(tx.db, c.strategyId)).has(v.goalId)) {
      return fail([issue('goalId', 'Målet hör inte till utkastet.', 'unknown_goal')]);
    }
    const now = ctx.now();
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const recent = async (where: ReturnType<typeof eq>) =>
      Number(
        (
          await tx.db
            .select({ n: count() })
            .from(consultationComments)
            .where(and(where, gte(consultationComments.createdAt, hourAgo)))
        )[0]?.n ?? 0,
      );
    if (
      (await recent(eq(consultationComments.ipHash, input.ipHash))) >= COMMENT_LIMITS.perIpPerHour
    ) {
      return fail([
        issue(
          '_',
          `Det har kommit ${COMMENT_LIMITS.perIpPerHour} kommentarer från din uppkoppling den senaste timmen. Vänta en stund och försök igen.`,
          'rate_limited',
        ),
      ]);
    }
    if (
      email &&
      (await recent(eq(consultationComments.email, email))) >= COMMENT_LIMITS.perEmailPerHour
    ) {
      return fail([
        issue(
          'email',
          `Den här e-postadressen har skickat ${COMMENT_LIMITS.perEmailPerHour} kommentarer den senaste timmen. Vänta en stund och försök igen.`,
          'rate_limited',
        ),
      ]);
    }
    const token = signedIn ? null : newToken();
    const [row] = await tx.db
      .insert(consultationComments)
      .values({
        consultationId: c.id,
        goalId: v.goalId,
        displayName: v.displayName,
        body: v.body,
        email,
        userId: input.userId ?? null,
        verificationTokenHash: token ? hashToken(token) : null,
        verifiedAt: signedIn ? now : null,
        status: signedIn ? 'vantar-moderering' : 'vantar-verifiering',
        ipHash: input.ipHash,
        createdAt: now,
      })
      .returning({ id: consultationComments.id });
    // The email is personal data: the audit log notes only that there was one.
    await recordAuditEvent(tx, {
      action: 'consultation_comment.received',
      entityType: 'consultation_comment',
      entityId: row!.id,
      after: { consultationId: c.id, goalId: v.goalId, signedIn, displayName: v.displayName },
    });
    return ok({ id: row!.id, token, email });
  });
}

/** Confirms a comment's email address through the link; the comment then waits for moderation. */
export async function verifyComment(
  ctx: Ctx,
  token: string,
): Promise<{ consultationId: number; alreadyVerified: boolean }> {
  if (!isTokenShaped(token)) throw new NotFoundError('Länken är ogiltig eller har redan använts.');
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select()
      .from(consultationComments)
      .where(eq(consultationComments.verificationTokenHash, hashToken(token)));
    if (!row) throw new NotFoundError('Länken är ogiltig eller har redan använts.');
    if (row.status !== 'vantar-verifiering') {
      return { consultationId: row.consultationId, alreadyVerified: true };
    }
    const now = ctx.now();
    if (now.getTime() - row.createdAt.getTime() > VERIFICATION_DAYS * 86_400_000) {
      throw new ConflictError(
        `Länken gällde i ${VERIFICATION_DAYS} dagar och har gått ut. Skriv kommentaren igen.`,
        'link_expired',
      );
    }
    await tx.db
      .update(consultationComments)
      .set({ status: 'vantar-moderering', verifiedAt: now })
      .where(eq(consultationComments.id, row.id));
    await recordAuditEvent(tx, {
      action: 'consultation_comment.verified',
      entityType: 'consultation_comment',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'vantar-moderering' },
    });
    return { consultationId: row.consultationId, alreadyVerified: false };
  });
}

export const moderationSchema = z
  .object({
    decision: z.enum(['publicera', 'dolj'], { error: 'Välj publicera eller dölj.' }),
    reason: multiLineText().trim().max(500, 'Högst 500 tecken.').default(''),
  })
  .refine((m) => m.decision === 'publicera' || m.reason.length >= 3, {
    path: ['reason'],
    message: 'Ange skälet till att kommentaren döljs (se moderationspolicyn).',
  });

/**
 * Publishes or hides a comment. Hiding keeps the comment with the reason; nothing is deleted,
 * and a hidden comment can be published again after a second look.
 */
export async function moderateComment(
  ctx: Ctx,
  input: { commentId: number } & z.input<typeof moderationSchema>,
): Promise<Result<{ status: 'publicerad' | 'dold' }>> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const parsed = parseInput(moderationSchema, input);
  if (!parsed.ok) return parsed;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select()
      .from(consultationComments)
      .where(eq(consultationComments.id, input.commentId));
    if (!row) throw new NotFoundError('Kommentaren finns inte.');
    if (row.status === 'vantar-verifiering') {
      throw new ConflictError(
        'Kommentaren är inte bekräftad av den som skrev den och kan inte modereras än.',
        'not_verified',
      );
    }
    const c = await loadConsultation(tx, row.consultationId);
    if (c.status === 'sammanstalld') {
      throw new ConflictError(
        'Sammanställningen är publicerad; kommentarerna är låsta.',
        'compiled',
      );
    }
    const status = parsed.value.decision === 'publicera' ? 'publicerad' : 'dold';
    const now = ctx.now();
    await tx.db
      .update(consultationComments)
      .set({
        status,
        moderationReason: status === 'dold' ? parsed.value.reason : null,
        moderatedAt: now,
        moderatedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .where(eq(consultationComments.id, row.id));
    await recordAuditEvent(tx, {
      action:
        status === 'publicerad' ? 'consultation_comment.published' : 'consultation_comment.hidden',
      entityType: 'consultation_comment',
      entityId: row.id,
      before: { status: row.status, reason: row.moderationReason },
      after: { status, reason: status === 'dold' ? parsed.value.reason : null },
    });
    return ok({ status });
  });
}

export interface PublicComment {
  id: number;
  goalId: number | null;
  displayName: string;
  body: string;
  createdAt: Date;
}

/** What the public may see of a comment: the text and the chosen display name, nothing else. */
const publicFields = {
  id: consultationComments.id,
  goalId: consultationComments.goalId,
  displayName: consultationComments.displayName,
  body: consultationComments.body,
  createdAt: consultationComments.createdAt,
};

/** Published comments only, with nothing but the chosen display name about the writer. */
export async function publishedComments(db: Db, consultationId: number): Promise<PublicComment[]> {
  return db
    .select(publicFields)
    .from(consultationComments)
    .where(
      and(
        eq(consultationComments.consultationId, consultationId),
        eq(consultationComments.status, 'publicerad'),
      ),
    )
    .orderBy(asc(consultationComments.createdAt), asc(consultationComments.id));
}

export interface ModerationComment extends PublicComment {
  status: 'vantar-verifiering' | 'vantar-moderering' | 'publicerad' | 'dold';
  moderationReason: string | null;
  signedIn: boolean;
}

/** Every comment for the editors' moderation list, waiting ones first. No emails. */
export async function commentsForModeration(
  ctx: Ctx,
  consultationId: number,
): Promise<ModerationComment[]> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const rows = await ctx.db
    .select({
      ...publicFields,
      status: consultationComments.status,
      moderationReason: consultationComments.moderationReason,
      signedIn: sql<boolean>`${consultationComments.userId} is not null`,
    })
    .from(consultationComments)
    .where(eq(consultationComments.consultationId, consultationId))
    .orderBy(
      sql`case ${consultationComments.status} when 'vantar-moderering' then 0 when 'publicerad' then 1 when 'dold' then 2 else 3 end`,
      asc(consultationComments.id),
    );
  return rows.map((r) => ({ ...r, signedIn: Boolean(r.signedIn) }));
}
