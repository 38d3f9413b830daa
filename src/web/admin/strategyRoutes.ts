import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context, type Ctx } from '../../domain/context.js';
import { adoptStrategy } from '../../domain/drafting/adoptStrategy.js';
import { compareWithAdopted } from '../../domain/drafting/compare.js';
import {
  editMode,
  moveContent,
  removeContent,
  saveContent,
  updateDraftDetails,
  type ContentKind,
} from '../../domain/drafting/content.js';
import { strategyVersionPolicy } from '../../domain/drafting/policies.js';
import {
  adoptionRows,
  currentVersion,
  listStrategyVersions,
  versionContent,
} from '../../domain/drafting/queries.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { redirectToSignIn } from '../auth/session.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import type { SafeHtml } from '../html.js';
import { strategyEn } from '../i18n/strategy.en.js';
import { strategySv } from '../i18n/strategy.sv.js';
import { sendPage } from '../page.js';
import { adminLocale } from './locale.js';
import {
  saveMerged,
  strategyFormFields,
  strategyMergeExtra,
  type MergeState,
} from './strategyMerge.js';
import { adoptionView, comparisonView } from './strategyCompareView.js';
import {
  emptyState,
  formBody,
  many,
  translateIssues,
  type FormState,
} from './strategyFormParts.js';
import { adminShell } from './views.js';
import { itemFormView, STRATEGY_PATH, versionsView, versionView } from './strategyViews.js';
import { findItem, idParams, itemParams, kindOfSegment, valuesOf } from './strategyItems.js';

/**
 * `/admin/strategi`: the editors' pages for strategy versions — the list, starting a draft,
 * editing a version's content, comparing a draft with the adopted version and adopting it.
 */
export function strategyAdminRoutes(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
    if (!strategyVersionPolicy.manage(actorFor(req.account))) throw new ForbiddenError();
  };
  const ctxOf = (req: FastifyRequest): Ctx => context(deps.db, actorFor(req.account!), deps.now);
  const tOf = (req: FastifyRequest) => (adminLocale(req) === 'en' ? strategyEn : strategySv);
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    title: string,
    body: SafeHtml,
    status = 200,
  ) => {
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      {
        title,
        body: adminShell(req, reply, STRATEGY_PATH, body),
        path: req.url,
      },
      status,
      adminLocale(req),
    );
  };
  const noticeOf = (req: FastifyRequest) => {
    const t = tOf(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    if (q.sparat !== undefined) return t.saved;
    if (q.borttaget !== undefined) return t.removed;
    if (q.startat !== undefined) return t.draftStarted;
    return null;
  };
  const versionName = (req: FastifyRequest, s: { nameSv: string; nameEn: string }) =>
    adminLocale(req) === 'en' ? s.nameEn : s.nameSv;

  const showVersions = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const t = tOf(req);
    const versions = await listStrategyVersions(deps.db);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const adopted = versions.find((v) => String(v.id) === String(q.antagen));
    const count = (v: unknown) => Math.max(0, Math.trunc(Number(v) || 0));
    const notice = adopted
      ? t.adopted(versionName(req, adopted), count(q.overforda), count(q.kvar))
      : noticeOf(req);
    const body = versionsView({
      t,
      locale: adminLocale(req),
      versions,
      csrf: csrfToken(req, reply),
      form,
      notice: status === 200 ? notice : null,
    });
    return show(req, reply, t.title, body, status);
  };

  const showVersion = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    opts: {
      details?: FormState;
      merge?: MergeState | undefined;
      error?: string | null;
      status?: number;
    } = {},
  ) => {
    const t = tOf(req);
    const content = await versionContent(deps.db, id);
    const s = content.strategy;
    const body = versionView({
      t,
      locale: adminLocale(req),
      content,
      mode: editMode(s),
      csrf: csrfToken(req, reply),
      details: {
        ...(opts.details ?? emptyState({ ...s })),
        extra: strategyMergeExtra({
          ...{ req, t, content, fields: strategyFormFields('details', 'full') },
          ...(opts.merge ?? { base: { ...s } }),
        }),
      },
      notice: opts.status ? null : noticeOf(req),
      error: opts.error ?? null,
    });
    return show(req, reply, versionName(req, s), body, opts.status ?? 200);
  };

  const showItem = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    kind: ContentKind,
    itemId: number | null,
    state: FormState | null,
    status = 200,
    merge?: MergeState,
  ) => {
    const t = tOf(req);
    const content = await versionContent(deps.db, id);
    const mode = editMode(content.strategy);
    if (mode === 'none' || (mode === 'texts' && itemId === null)) {
      throw new ConflictError(mode === 'none' ? t.versionLead.none : t.textsOnly, 'locked');
    }
    const item = itemId === null ? null : findItem(content, kind, itemId);
    if (itemId !== null && !item) throw new NotFoundError();
    const q = (req.query ?? {}) as Record<string, unknown>;
    const defaults: Record<string, unknown> =
      item ??
      ({
        goalAreaId: q.malomrade,
        programmeId: q.program,
        colour: '#1F6E8C',
        periodStart: content.strategy.periodStart,
        periodEnd: content.strategy.periodEnd,
      } as Record<string, unknown>);
    const itemName = item
      ? `${typeof item.code === 'string' ? `${item.code} ` : ''}${versionName(req, item)}`
      : null;
    const body = itemFormView({
      t,
      locale: adminLocale(req),
      content,
      kind,
      itemId,
      itemName,
      mode,
      csrf: csrfToken(req, reply),
      state: {
        ...(state ?? emptyState(defaults)),
        ...(item
          ? {
              extra: strategyMergeExtra({
                ...{ req, t, content, fields: strategyFormFields(kind, mode) },
                ...(merge ?? { base: { ...item } }),
              }),
            }
          : {}),
      },
    });
    const title = itemName
      ? t.editTitle(t.kindNames[kind]!, itemName)
      : t.addTitle(t.kindNames[kind]!);
    return show(req, reply, title, body, status);
  };

  app.get(STRATEGY_PATH, { preHandler: guard }, (req, reply) =>
    showVersions(req, reply, emptyState()),
  );

  app.post(`${STRATEGY_PATH}/utkast`, { preHandler: [guard, verifyCsrf] }, async (req, reply) => {
    const body = formBody(req.body);
    const result = await startDraftStrategy(ctxOf(req), {
      fromStrategyId: Number(body.fromStrategyId),
      slug: String(body.slug ?? ''),
      nameSv: String(body.nameSv ?? ''),
      nameEn: String(body.nameEn ?? ''),
      periodStart: String(body.periodStart ?? '') as unknown as number,
      periodEnd: String(body.periodEnd ?? '') as unknown as number,
    });
    if (!result.ok) {
      const issues = translateIssues(tOf(req), adminLocale(req), result.issues);
      return showVersions(req, reply, { values: body, issues }, 400);
    }
    return reply.redirect(`${STRATEGY_PATH}/${result.value.id}?startat`, 303);
  });

  app.get(`${STRATEGY_PATH}/:id`, { preHandler: guard }, (req, reply) =>
    showVersion(req, reply, idParams.parse(req.params).id),
  );

  app.post(
    `${STRATEGY_PATH}/:id/uppgifter`,
    { preHandler: [guard, verifyCsrf] },
    async (req, reply) => {
      const { id } = idParams.parse(req.params);
      const body = formBody(req.body);
      const shown = await saveMerged({
        ...{ req, fields: strategyFormFields('details', 'full'), values: body },
        save: (posted) => updateDraftDetails(ctxOf(req), { strategyId: id, values: body, posted }),
        show: (details, status, merge) => showVersion(req, reply, id, { details, merge, status }),
      });
      if (shown) return shown;
      return reply.redirect(`${STRATEGY_PATH}/${id}?sparat`, 303);
    },
  );

  app.get(`${STRATEGY_PATH}/:id/jamforelse`, { preHandler: guard }, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const t = tOf(req);
    const comparison = await compareWithAdopted(deps.db, id);
    const body = comparisonView({ t, locale: adminLocale(req), comparison });
    return show(req, reply, t.compareTitle(versionName(req, comparison.draft)), body);
  });

  const showAdoption = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    state: FormState | null,
    status = 200,
  ) => {
    const t = tOf(req);
    const draft = await versionContent(deps.db, id);
    if (draft.strategy.status !== 'draft') throw new ConflictError(t.notDraft, 'not_draft');
    const [current, rows] = await Promise.all([currentVersion(deps.db), adoptionRows(deps.db, id)]);
    const preselected: Record<string, unknown> = {};
    for (const r of rows) preselected[`map-${r.fromGoal.id}`] = r.suggestedToGoalIds.map(String);
    const body = adoptionView({
      t,
      locale: adminLocale(req),
      draft,
      currentName: current ? versionName(req, current) : null,
      rows,
      csrf: csrfToken(req, reply),
      state: state ?? emptyState(preselected),
    });
    return show(req, reply, t.adoptTitle(versionName(req, draft.strategy)), body, status);
  };

  app.get(`${STRATEGY_PATH}/:id/anta`, { preHandler: guard }, (req, reply) =>
    showAdoption(req, reply, idParams.parse(req.params).id, null),
  );

  app.post(`${STRATEGY_PATH}/:id/anta`, { preHandler: [guard, verifyCsrf] }, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const t = tOf(req);
    const body = formBody(req.body);
    const goalMapping = Object.keys(body)
      .map((k) => /^map-(\d{1,10})$/.exec(k))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({
        fromGoalId: Number(m[1]),
        toGoalIds: many(body[m[0]]).map(Number).filter(Number.isSafeInteger),
      }));
    const result = await adoptStrategy(ctxOf(req), {
      strategyId: id,
      decisionDate: String(body.decisionDate ?? '').trim(),
      diarienummer: String(body.diarienummer ?? ''),
      goalMapping,
      leaveUnmappedGoalIds: many(body.leaveUnmapped).map(Number).filter(Number.isSafeInteger),
    });
    if (!result.ok) {
      const issues = translateIssues(t, adminLocale(req), result.issues);
      return showAdoption(req, reply, id, { values: body, issues }, 400);
    }
    const { remapped, leftWithArchived } = result.value;
    return reply.redirect(
      `${STRATEGY_PATH}?antagen=${id}&overforda=${remapped}&kvar=${leftWithArchived}`,
      303,
    );
  });

  app.get(`${STRATEGY_PATH}/:id/:kind/:itemId`, { preHandler: guard }, (req, reply) => {
    const p = itemParams.parse(req.params);
    return showItem(
      req,
      reply,
      p.id,
      kindOfSegment[p.kind]!,
      p.itemId === 'ny' ? null : p.itemId,
      null,
    );
  });

  app.post(
    `${STRATEGY_PATH}/:id/:kind/:itemId`,
    { preHandler: [guard, verifyCsrf] },
    async (req, reply) => {
      const p = itemParams.parse(req.params);
      const kind = kindOfSegment[p.kind]!;
      const itemId = p.itemId === 'ny' ? null : p.itemId;
      const body = formBody(req.body);
      const values = valuesOf(kind, body);
      const mode = editMode((await versionContent(deps.db, p.id)).strategy);
      const shown = await saveMerged({
        ...{ req, fields: itemId === null ? [] : strategyFormFields(kind, mode), values },
        save: (posted) =>
          saveContent(ctxOf(req), {
            strategyId: p.id,
            kind,
            id: itemId ?? undefined,
            values,
            posted,
          }),
        show: (state, status, merge) =>
          showItem(req, reply, p.id, kind, itemId, state, status, merge),
      });
      if (shown) return shown;
      return reply.redirect(`${STRATEGY_PATH}/${p.id}?sparat`, 303);
    },
  );

  app.post(
    `${STRATEGY_PATH}/:id/:kind/:itemId/ta-bort`,
    { preHandler: [guard, verifyCsrf] },
    async (req, reply) => {
      const p = itemParams.parse(req.params);
      if (p.itemId === 'ny') throw new NotFoundError();
      const result = await removeContent(ctxOf(req), {
        strategyId: p.id,
        kind: kindOfSegment[p.kind]!,
        id: p.itemId,
      });
      if (!result.ok) {
        const [problem] = translateIssues(tOf(req), adminLocale(req), result.issues);
        return showVersion(req, reply, p.id, { error: problem?.message ?? null, status: 409 });
      }
      return reply.redirect(`${STRATEGY_PATH}/${p.id}?borttaget`, 303);
    },
  );

  app.post(
    `${STRATEGY_PATH}/:id/:kind/:itemId/flytta`,
    { preHandler: [guard, verifyCsrf] },
    async (req, reply) => {
      const p = itemParams.parse(req.params);
      const kind = kindOfSegment[p.kind]!;
      if (p.itemId === 'ny' || (kind !== 'goalArea' && kind !== 'goal' && kind !== 'perspective')) {
        throw new NotFoundError();
      }
      const direction = formBody(req.body).direction === 'up' ? 'up' : 'down';
      await moveContent(ctxOf(req), { strategyId: p.id, kind, id: p.itemId, direction });
      return reply.redirect(`${STRATEGY_PATH}/${p.id}?sparat`, 303);
    },
  );
}
