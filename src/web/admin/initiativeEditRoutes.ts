import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import {
  loadInitiativeData,
  type StoredInitiative,
} from '../../domain/initiatives/initiativeData.js';
import { submissionIssues } from '../../domain/initiatives/initiativeSchema.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import {
  updateInitiative,
  type VersionConflict,
} from '../../domain/initiatives/updateInitiative.js';
import { diffInitiatives } from '../../domain/initiatives/versionDiff.js';
import type { InitiativeDraft } from '../../domain/initiatives/initiativeSchema.js';
import { issue, type Issue } from '../../domain/result.js';
import { csrfToken } from '../csrf.js';
import { queryParam, redirectWithNotice, type AdminDeps } from './adminRouteKit.js';
import { editPage, type EditPageParams } from './initiativeEditView.js';
import { formValuesOf, readInitiativeForm } from './initiativeForm.js';
import { readChoices } from './mergeChoices.js';
import { proposalRebasedMail } from '../../mail/templates.js';
import { proposalAuthorEmails } from '../../domain/actors/recipients.js';
import { valueNames } from './initiativeNames.js';
import { formChoices } from './queries.js';
import type { InitiativeRouteKit } from './routes.js';

/** Array items such as `goalIds.2` are shown at their list's field. */
export const atField = (issues: Issue[]) =>
  issues.map((i) => ({
    ...i,
    field: i.field.replace(
      /^(placeCodes|goalIds|perspectiveIds|sdgTargetCodes|measureIds)\.\d+$/,
      '$1',
    ),
  }));

/**
 * Editing an initiative (`/admin/insatser/:id/redigera`) with optimistic locking. The policies are checked here for the pages and again in the commands.
 */
export function initiativeEditRoutes(
  app: FastifyInstance,
  deps: AdminDeps,
  kit: InitiativeRouteKit,
) {
  const editable = async (req: FastifyRequest) => {
    const initiative = await kit.readable(req);
    if (!initiativePolicy.edit(kit.who(req).actor, initiative)) throw new ForbiddenError();
    return initiative;
  };

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: Omit<EditPageParams, 't' | 'locale' | 'actor' | 'choices' | 'csrf'>,
    status = 200,
  ) => {
    const { t, locale } = kit.texts(req);
    const body = editPage({
      ...p,
      t,
      locale,
      actor: kit.who(req).actor,
      choices: await formChoices(deps.db),
      csrf: csrfToken(req, reply),
    });
    return kit.show(req, reply, '/admin/insatser', t.edit.title(p.title), body, status);
  };

  /** A curator's view of the organisation's open proposal, to decide before or beside a save. */
  const pendingOf = async (
    req: FastifyRequest,
    mode: 'direct' | 'proposal',
    stored: StoredInitiative,
  ) => {
    if (mode !== 'direct' || !stored.pending || stored.state.workflowState !== 'publicerad')
      return null;
    const names = valueNames(await formChoices(deps.db), kit.texts(req).t);
    return diffInitiatives(stored.data, stored.pending, names);
  };

  app.get('/admin/insatser/:id/redigera', kit.read(), async (req, reply) => {
    const initiative = await editable(req);
    const stored = await loadInitiativeData(deps.db, initiative.id);
    if (!stored) throw new NotFoundError();
    const mode = initiativePolicy.editMode(kit.who(req).actor, initiative);
    const data = mode === 'proposal' && stored.pending ? stored.pending : stored.data;
    // After a submit of an incomplete draft: what is missing, at its fields.
    const missing = queryParam(req, 'saknas') === '1' ? atField(submissionIssues(data)) : [];
    return render(req, reply, {
      id: initiative.id,
      title: initiative.title,
      values: formValuesOf(data),
      issues: missing,
      missing: missing.length > 0,
      version: stored.state.version,
      base: data,
      pendingChanges: await pendingOf(req, mode, stored),
      mode,
    });
  });

  app.post('/admin/insatser/:id/redigera', kit.write(), async (req, reply) => {
    const initiative = await editable(req);
    const { ctx, actor } = kit.who(req);
    const { values, input, version, base: readAt } = readInitiativeForm(req.body);
    const { choices, missing } = readChoices(req.body);
    const mode = initiativePolicy.editMode(actor, initiative);
    const base = { id: initiative.id, title: initiative.title, values, mode };
    const conflictPage = async (conflict: VersionConflict, issues: Issue[]) => {
      const names = valueNames(await formChoices(deps.db), kit.texts(req).t);
      return render(
        req,
        reply,
        {
          ...base,
          ...(conflict.merged ? { values: formValuesOf(conflict.merged) } : {}),
          issues,
          version: conflict.version,
          base: conflict.values,
          conflict: { saved: conflict, yours: input, names },
        },
        409,
      );
    };
    if (missing.length > 0) {
      // Nothing is saved until every field both changed is chosen; the page is shown again.
      const stored = (await loadInitiativeData(deps.db, initiative.id))!;
      const current = mode === 'proposal' && stored.pending ? stored.pending : stored.data;
      const conflict: VersionConflict = {
        version: version ?? stored.state.version,
        values: (readAt as InitiativeDraft | undefined) ?? current,
        changedBy: null,
        changedAt: stored.state.updatedAt,
        fields: missing,
      };
      const t = kit.texts(req).t;
      return conflictPage(conflict, [issue('conflicts', t.conflict.chooseEach, 'choice_missing')]);
    }
    const result = await updateInitiative(ctx, {
      initiativeId: initiative.id,
      expectedVersion: version ?? 0,
      data: input,
      ...(readAt ? { base: readAt } : {}),
      choices,
    });
    if (result.ok) {
      if (result.value.rebased) {
        const mail = proposalRebasedMail({
          title: initiative.title,
          link: `${deps.baseUrl(req)}/admin/insatser/${initiative.id}`,
        });
        for (const to of await proposalAuthorEmails(deps.db, initiative.id)) {
          await deps.mailer.send(to, mail);
        }
      }
      const done = result.value.mode === 'proposal' ? 'foreslagen' : 'sparad';
      return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, done);
    }
    if (result.conflict) return conflictPage(result.conflict, result.issues);
    return render(
      req,
      reply,
      {
        ...base,
        issues: atField(result.issues),
        version: version ?? initiative.version,
        ...(readAt ? { base: readAt as InitiativeDraft } : {}),
      },
      400,
    );
  });
}
