import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../../domain/errors.js';
import { declineArchiveRequest, requestArchive } from '../../domain/initiatives/archiveRequests.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { withdrawChange } from '../../domain/initiatives/withdrawChange.js';
import { issuesIn } from '../../domain/result.js';
import { isConfirmed } from '../components/confirmStep.js';
import { csrfToken } from '../csrf.js';
import { html } from '../html.js';
import { field, postedNumber, redirectWithNotice, type AdminDeps } from './adminRouteKit.js';
import { requestArchiveForm } from './initiativeDetailView.js';
import type { InitiativeRouteKit } from './routes.js';

/**
 * Archiving and restoring an initiative, a member's request to archive a published one (the
 * Region decides), and withdrawing a change proposal. Archiving and withdrawing ask first.
 */
export function archiveRoutes(app: FastifyInstance, _deps: AdminDeps, kit: InitiativeRouteKit) {
  for (const [path, action, done] of [
    ['arkivera', 'archive', 'arkiverad'],
    ['aterstall', 'restore', 'aterstalld'],
  ] as const) {
    app.post(`/admin/insatser/:id/${path}`, kit.write(), async (req, reply) => {
      const initiative = await kit.readable(req);
      const { ctx, actor } = kit.who(req);
      if (!initiativePolicy[action](actor, initiative)) throw new ForbiddenError();
      if (action === 'archive' && !isConfirmed(req.body)) {
        return kit.askFirst(req, reply, initiative, 'archive', path);
      }
      await transitionInitiative(ctx, {
        initiativeId: initiative.id,
        action,
        expectedVersion: postedNumber(req, 'version'),
      });
      return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, done);
    });
  }

  app.post('/admin/insatser/:id/begar-arkivering', kit.write(), async (req, reply) => {
    const initiative = await kit.readable(req);
    const { ctx, actor } = kit.who(req);
    if (!initiativePolicy.requestArchive(actor, initiative)) throw new ForbiddenError();
    const reason = field(req.body, 'reason').slice(0, 2000);
    const result = await requestArchive(ctx, { initiativeId: initiative.id, reason });
    if (!result.ok) {
      const { t, locale } = kit.texts(req);
      const form = requestArchiveForm(t, initiative, csrfToken(req, reply), {
        reason,
        issues: issuesIn(locale, result.issues),
      });
      const body = html`<h1>${initiative.title}</h1>${form}`;
      return kit.show(req, reply, '/admin/insatser', initiative.title, body, 400);
    }
    return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, 'arkiveringbegard');
  });

  app.post('/admin/insatser/:id/avsla-arkivering', kit.write(), async (req, reply) => {
    const initiative = await kit.readable(req);
    const { ctx, actor } = kit.who(req);
    if (!initiativePolicy.declineArchive(actor, initiative)) throw new ForbiddenError();
    await declineArchiveRequest(ctx, { initiativeId: initiative.id });
    return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, 'arkiveringavslagen');
  });

  app.post('/admin/insatser/:id/dra-tillbaka', kit.write(), async (req, reply) => {
    const initiative = await kit.readable(req);
    const { ctx, actor } = kit.who(req);
    if (!initiativePolicy.withdrawChange(actor, initiative)) throw new ForbiddenError();
    if (!isConfirmed(req.body)) {
      return kit.askFirst(req, reply, initiative, 'withdraw', 'dra-tillbaka');
    }
    await withdrawChange(ctx, {
      initiativeId: initiative.id,
      expectedVersion: postedNumber(req, 'version'),
    });
    return redirectWithNotice(reply, `/admin/insatser/${initiative.id}`, 'tillbakadragen');
  });
}
