import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { loadInitiativeData } from '../../domain/initiatives/initiativeData.js';
import { submissionIssues } from '../../domain/initiatives/initiativeSchema.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { updateInitiative } from '../../domain/initiatives/updateInitiative.js';
import type { Issue } from '../../domain/result.js';
import { csrfToken } from '../csrf.js';
import { queryParam, redirectWithNotice, type AdminDeps } from './adminRouteKit.js';
import { editPage, type EditPageParams } from './initiativeEditView.js';
import { formValuesOf, readInitiativeForm } from './initiativeForm.js';
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
      mode,
    });
  });

  app.post('/admin/insatser/:id/redigera', kit.write(), async (req, reply) => {
    const initiative = await editable(req);
    const { ctx, actor } = kit.who(req);
    const { values, input, version } = readInitiativeForm(req.body);
    const mode = initiativePolicy.editMode(actor, initiative);
    const base = { id: initiative.id, title: initiative.title, values, mode };
    const result = await updateInitiative(ctx, {
      initiativeId: initiative.id,
      expectedVersion: version ?? 0,
      data: input,
    });
    if (result.ok) {
      const done = result.value.mode === 'proposal' ? 'foreslagen' : 'sparad';
      return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, done);
    }
    if (result.conflict) {
      const { t } = kit.texts(req);
      const names = valueNames(await formChoices(deps.db), t);
      return render(
        req,
        reply,
        {
          ...base,
          issues: result.issues,
          version: result.conflict.version,
          conflict: { saved: result.conflict, yours: input, names },
        },
        409,
      );
    }
    return render(
      req,
      reply,
      {
        ...base,
        issues: atField(result.issues),
        version: version ?? initiative.version,
      },
      400,
    );
  });
}
