import { eq } from 'drizzle-orm';
import { evaluations } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { mergeOnSave, type MergeConflict, type PostedMerge } from '../merge/fieldMerge.js';
import { fail, issue, ok, parseInput, type Issue, type Result } from '../result.js';
import {
  evaluationPolicy,
  evaluationSchema,
  subjectExists,
  type EvaluationInput,
} from './recordEvaluation.js';

/** The fields of an evaluation that two editors' saves are merged by (as the form names them). */
export const evaluationMergeSpec = {
  fields: [
    'subject',
    'title',
    'evaluator',
    'method',
    'evaluatedOn',
    'findings',
    'recommendations',
  ] as const,
};
export type EvaluationField = (typeof evaluationMergeSpec.fields)[number];

/** An evaluation's merged fields, the subject as one value (`initiative:12`). */
export function evaluationFields(e: {
  subjectType: string;
  subjectId: number;
  title: string;
  evaluator: string;
  method: string;
  evaluatedOn: string;
  findings: string;
  recommendations: string;
}): Record<EvaluationField, string> {
  return {
    subject: `${e.subjectType}:${e.subjectId}`,
    title: e.title,
    evaluator: e.evaluator,
    method: e.method,
    evaluatedOn: e.evaluatedOn,
    findings: e.findings,
    recommendations: e.recommendations,
  };
}

export type UpdateEvaluationResult =
  | Result<{ id: number }>
  | { ok: false; issues: Issue[]; conflict: MergeConflict<EvaluationField> };

/**
 * Changes an evaluation's texts, subject or date; links to documents are kept as they are. With
 * the values the form was read at (`posted`), the save is merged with what another curator
 * saved meanwhile; a field both changed is returned to choose, and nothing is saved.
 */
export async function updateEvaluation(
  ctx: Ctx,
  id: number,
  input: EvaluationInput,
  posted?: PostedMerge<EvaluationField>,
): Promise<UpdateEvaluationResult> {
  if (!evaluationPolicy.manage(ctx.actor)) throw new ForbiddenError();
  const parsed = parseInput(evaluationSchema, input);
  if (!parsed.ok) return parsed;
  const { documents: _links, ...typed } = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(evaluations)
      .where(eq(evaluations.id, id))
      .for('update');
    if (!before) throw new NotFoundError('Utvärderingen finns inte.');
    const merge = mergeOnSave(
      evaluationMergeSpec,
      posted,
      evaluationFields(before),
      evaluationFields(typed),
    );
    if ('conflict' in merge) {
      return {
        ok: false as const,
        issues: [],
        conflict: merge.conflict,
      };
    }
    const m = merge.values;
    const [subjectType, subjectId] = m.subject.split(':');
    const v = {
      ...typed,
      ...m,
      subjectType: subjectType as typeof typed.subjectType,
      subjectId: Number(subjectId),
    };
    const { subject: _subject, ...row } = v;
    if (!(await subjectExists(tx, row))) {
      return fail([issue('subjectId', 'Det som utvärderats finns inte.', 'unknown')]);
    }
    await tx.db.update(evaluations).set(row).where(eq(evaluations.id, id));
    await recordAuditEvent(tx, {
      action: 'evaluation.updated',
      entityType: 'evaluation',
      entityId: id,
      before,
      after: row,
    });
    return ok({ id });
  });
}
