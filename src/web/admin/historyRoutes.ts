import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listVersions } from '../../domain/initiatives/initiativeVersions.js';
import { NotFoundError } from '../../domain/errors.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { restoreInitiativeVersion } from '../../domain/initiatives/restoreInitiativeVersion.js';
import type { Issue } from '../../domain/result.js';
import { csrfToken } from '../csrf.js';
import { historyView } from './historyView.js';
import { valueNames } from './initiativeNames.js';
import { postedNumber, redirectWithNotice, type AdminDeps, idParam } from './adminRouteKit.js';
import { formChoices } from './queries.js';
import type { InitiativeRouteKit } from './routes.js';

/** The history of an initiative and restoring an earlier version as a new one. */
export function historyRoutes(app: FastifyInstance, deps: AdminDeps, kit: InitiativeRouteKit) {
  /** The history names every editor: for the owning organisation and curators, else not found. */
  const withHistory = async (req: FastifyRequest) => {
    const initiative = await kit.readable(req);
    if (!initiativePolicy.readWorkInProgress(kit.who(req).actor, initiative)) {
      throw new NotFoundError();
    }
    return initiative;
  };
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    problem: { version: number; issues: Issue[] } | null,
    status = 200,
  ) => {
    const initiative = await withHistory(req);
    const { t, locale } = kit.texts(req);
    const body = historyView({
      t,
      locale,
      id: initiative.id,
      title: initiative.title,
      versions: await listVersions(deps.db, initiative.id),
      currentVersion: initiative.version,
      names: valueNames(await formChoices(deps.db), t),
      mayRestore: initiativePolicy.edit(kit.who(req).actor, initiative),
      asProposal: initiativePolicy.editMode(kit.who(req).actor, initiative) === 'proposal',
      csrf: csrfToken(req, reply),
      problem,
    });
    return kit.show(req, reply, '/admin/insatser', t.history.title(initiative.title), body, status);
  };

  app.get('/admin/insatser/:id/historik', kit.read(), (req, reply) => render(req, reply, null));

  app.post('/admin/insatser/:id/historik/:version/aterstall', kit.write(), async (req, reply) => {
    const initiative = await withHistory(req);
    const version = idParam(req, 'version');
    const result = await restoreInitiativeVersion(kit.who(req).ctx, {
      initiativeId: initiative.id,
      version,
      expectedVersion: postedNumber(req, 'version') ?? 0,
    });
    if (result.ok) {
      const done = result.value.mode === 'proposal' ? 'versionforeslagen' : 'version';
      return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, done);
    }
    if (result.conflict) {
      const { t } = kit.texts(req);
      const stale = [{ field: 'version', code: 'stale_version', message: t.staleAction }];
      return render(req, reply, { version, issues: stale }, 409);
    }
    return render(req, reply, { version, issues: result.issues }, 400);
  });
}
