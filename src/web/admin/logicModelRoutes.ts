import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { queryRows } from '../../db/rows.js';
import { isCurator } from '../../domain/actors/policies.js';
import type { Actor } from '../../domain/context.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { progressReportPolicy } from '../../domain/followup/progressReportPolicy.js';
import { reportableInitiative } from '../../domain/followup/progressReportQueries.js';
import {
  loadLogicModel,
  saveLogicModel,
  type LogicStep,
  type LogicStepKind,
} from '../../domain/evaluation/saveLogicModel.js';
import type { Issue } from '../../domain/result.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { csrfToken } from '../csrf.js';
import { html } from '../html.js';
import { reportingEn } from '../i18n/reporting.en.js';
import { reportingSv } from '../i18n/reporting.sv.js';
import {
  adminRouteKit,
  field,
  messagesFor,
  noticeOf,
  redirectWithNotice,
  type AdminDeps,
  idParam,
} from './adminRouteKit.js';
import { textareaField } from './formFields.js';

const BASE = '/admin/logikmodell';
const kinds: LogicStepKind[] = ['aktivitet', 'resultat', 'effekt'];
const messages = messagesFor(reportingSv, reportingEn);
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The logic model form of an initiative, for its owners and the curators. */
export function logicModelAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const s = adminRouteKit(deps);

  const editable = async (actor: Actor) => {
    const orgs = actor.kind === 'user' ? actor.organisationIds : [];
    const where = isCurator(actor)
      ? sql`i.workflow_state <> 'arkiverad'`
      : orgs.length === 0
        ? sql`false`
        : sql`i.workflow_state <> 'arkiverad' and i.owner_organisation_id in (${sql.join(
            orgs.map((o) => sql`${o}`),
            sql`, `,
          )})`;
    return queryRows<{ id: number; title: string; ownerName: string }>(
      deps.db,
      sql`select i.id, i.title, o.name as "ownerName" from initiatives i join organisations o on o.id = i.owner_organisation_id
          where ${where} order by i.title`,
    );
  };

  app.get(BASE, s.read(), async (req, reply) => {
    const t = messages(req);
    const rows = await editable(s.who(req).actor);
    const body = html`<h1>${t.logicModelsTitle}</h1>
${rows.length === 0 ? html`<p>${t.noInitiatives}</p>` : html`<ul>${rows.map((r) => html`<li><a href="${BASE}/${r.id}">${r.title}</a> – ${r.ownerName}</li>`)}</ul>`}`;
    return s.show(req, reply, '/admin/rapportering', t.logicModelsTitle, body);
  });

  const goalChoices = async () => {
    const strategy = await currentStrategy(deps.db);
    return queryRows<{ id: number; code: string; nameSv: string }>(
      deps.db,
      sql`select g.id, g.code, g.name_sv as "nameSv" from goals g join goal_areas ga on ga.id = g.goal_area_id
          where ga.strategy_id = ${strategy.id} order by g.code`,
    );
  };

  const load = async (req: FastifyRequest) => {
    const initiative = await reportableInitiative(deps.db, idParam(req));
    if (!initiative) throw new NotFoundError('Insatsen finns inte.');
    if (!progressReportPolicy.report(s.who(req).actor, initiative.ownerOrganisationId)) {
      throw new ForbiddenError();
    }
    return initiative;
  };

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    steps: LogicStep[],
    issues: Issue[],
    status = 200,
  ) => {
    const initiative = await load(req);
    const t = messages(req);
    const f = formErrors(issues);
    const label = { aktivitet: t.activities, resultat: t.outputsStep, effekt: t.outcomes };
    const chosen = new Set(steps.flatMap((st) => st.goalIds));
    const text = (k: LogicStepKind, lang: 'textSv' | 'textEn') =>
      steps
        .filter((st) => st.kind === k)
        .map((st) => st[lang])
        .join('\n');
    const body = html`<h1>${t.logicModelTitle(initiative.title)}</h1>${noticeOf(req, { sparad: t.logicModelSaved })}
<p>${t.logicModelIntro}</p>
${f.summary(t.formErrors)}
<form method="post" action="${BASE}/${initiative.id}" novalidate>${csrfField(csrfToken(req, reply))}
${kinds.map(
  (k) => html`<fieldset><legend>${label[k]}</legend>
${textareaField(issues, { name: `${k}Sv`, label: t.swedish, value: text(k, 'textSv'), rows: 4 })}
${textareaField(issues, { name: `${k}En`, label: t.englishOptional, value: text(k, 'textEn'), rows: 4 })}
</fieldset>`,
)}
<fieldset><legend>${t.strategyGoals}</legend>${f.errorText('goalIds')}
${(await goalChoices()).map(
  (g) =>
    html`<div class="choice"><input type="checkbox" id="goal-${g.id}" name="goalIds" value="${g.id}"${chosen.has(g.id) ? html` checked` : ''}><label for="goal-${g.id}">${g.code} ${g.nameSv}</label></div>`,
)}
</fieldset>
<button type="submit">${t.save}</button>
</form>`;
    return s.show(
      req,
      reply,
      '/admin/rapportering',
      t.logicModelTitle(initiative.title),
      body,
      status,
    );
  };

  app.get(`${BASE}/:id`, s.read(), async (req, reply) =>
    formPage(req, reply, await loadLogicModel(deps.db, idParam(req)), []),
  );

  app.post(`${BASE}/:id`, s.write(), async (req, reply) => {
    const initiative = await load(req);
    const raw = (req.body as Record<string, unknown>).goalIds;
    const goalIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0);
    const steps: LogicStep[] = kinds.flatMap((k) => {
      const en = lines(field(req.body, `${k}En`));
      return lines(field(req.body, `${k}Sv`)).map((textSv, n) => ({
        kind: k,
        textSv,
        textEn: en[n] ?? '',
        goalIds: k === 'effekt' ? goalIds : [],
      }));
    });
    if (!steps.some((st) => st.kind === 'effekt') && goalIds.length > 0) {
      const t = messages(req);
      return formPage(
        req,
        reply,
        steps,
        [{ field: 'effektSv', message: t.outcomeNeeded, code: 'missing' }],
        400,
      );
    }
    const result = await saveLogicModel(s.who(req).ctx, { initiativeId: initiative.id, steps });
    if (!result.ok) {
      const issues = result.issues.map((i) => {
        const m = /^steps\.(\d+)\./.exec(i.field);
        return m ? { ...i, field: `${steps[Number(m[1])]!.kind}Sv` } : i;
      });
      return formPage(req, reply, steps, issues, 400);
    }
    return redirectWithNotice(reply, `${BASE}/${initiative.id}`, 'sparad');
  });
}
