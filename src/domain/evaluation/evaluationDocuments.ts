import { createHash } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { documents, evaluationDocuments, evaluations } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, type Issue, type Result } from '../result.js';
import { evaluationPolicy } from './recordEvaluation.js';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Why a file cannot be stored as a PDF document, if it cannot: size, declared type, contents. */
export function checkPdf(file: { contentType: string; content: Buffer }): Issue[] {
  if (file.content.length === 0)
    return [issue('file', 'Välj en PDF-fil att ladda upp.', 'missing')];
  if (file.content.length > MAX_DOCUMENT_BYTES) {
    return [
      issue('file', 'Filen är större än 20 MB. Komprimera den eller dela upp den.', 'too_big'),
    ];
  }
  const declared = file.contentType.split(';')[0]!.trim().toLowerCase();
  if (declared !== 'application/pdf' || !file.content.subarray(0, 5).equals(PDF_MAGIC)) {
    return [
      issue('file', 'Filen är ingen PDF. Spara dokumentet som PDF och försök igen.', 'not_pdf'),
    ];
  }
  return [];
}

/** A file name safe to store and to send back: no path, no control characters, short. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 32 && c !== '\u007f' && c !== '"')
    .join('')
    .trim()
    .slice(-150);
  return clean || 'dokument.pdf';
}

/** Stores a PDF and attaches it to an evaluation. */
export async function attachEvaluationDocument(
  ctx: Ctx,
  input: {
    evaluationId: number;
    title: string;
    filename: string;
    contentType: string;
    content: Buffer;
  },
): Promise<Result<{ documentId: number }>> {
  if (!evaluationPolicy.manage(ctx.actor)) throw new ForbiddenError();
  const title = input.title.trim();
  const issues = [
    ...(title.length < 2 || title.length > 300
      ? [issue('documentTitle', 'Ange en rubrik för dokumentet (2–300 tecken).', 'invalid')]
      : []),
    ...checkPdf(input),
  ];
  if (issues.length > 0) return fail(issues);
  return inTransaction(ctx, async (tx) => {
    const [evaluation] = await tx.db
      .select({ id: evaluations.id })
      .from(evaluations)
      .where(eq(evaluations.id, input.evaluationId));
    if (!evaluation) throw new NotFoundError('Utvärderingen finns inte.');
    const meta = {
      filename: cleanFilename(input.filename),
      contentType: 'application/pdf',
      sizeBytes: input.content.length,
      sha256: createHash('sha256').update(input.content).digest('hex'),
    };
    const [doc] = await tx.db
      .insert(documents)
      .values({
        ...meta,
        content: input.content,
        uploadedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdAt: ctx.now(),
      })
      .returning({ id: documents.id });
    await tx.db
      .insert(evaluationDocuments)
      .values({ evaluationId: evaluation.id, documentId: doc!.id, title });
    await recordAuditEvent(tx, {
      action: 'evaluation.document_attached',
      entityType: 'evaluation',
      entityId: evaluation.id,
      after: { documentId: doc!.id, title, ...meta },
    });
    return ok({ documentId: doc!.id });
  });
}

/** A document of a published evaluation, for the public download; otherwise not found. */
export async function publishedEvaluationDocument(db: Db, id: number) {
  const [row] = await db
    .select({
      filename: documents.filename,
      contentType: documents.contentType,
      sha256: documents.sha256,
      content: documents.content,
    })
    .from(documents)
    .innerJoin(evaluationDocuments, eq(evaluationDocuments.documentId, documents.id))
    .innerJoin(evaluations, eq(evaluations.id, evaluationDocuments.evaluationId))
    .where(and(eq(documents.id, id), isNotNull(evaluations.publishedAt)))
    .limit(1);
  if (!row) throw new NotFoundError('Dokumentet finns inte.');
  return row;
}
