import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { initiatives, organisations, progressReports } from '../../db/schema/index.js';
import type { TokenPrincipal } from '../../domain/access/apiTokens.js';
import {
  isIdempotencyKey,
  once,
  requestFingerprint,
  type StoredResponse,
} from '../../domain/access/idempotency.js';
import { context, inTransaction, type Ctx } from '../../domain/context.js';
import { submitProgressReport } from '../../domain/followup/submitProgressReport.js';
import type { ProgressReportInput } from '../../domain/followup/progressReportSchema.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import {
  loadInitiativeData,
  loadInitiativeState,
  type InitiativeState,
} from '../../domain/initiatives/initiativeData.js';
import type {
  InitiativeDraft,
  InitiativeInput,
} from '../../domain/initiatives/initiativeSchema.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { updateInitiative } from '../../domain/initiatives/updateInitiative.js';
import type { Issue } from '../../domain/result.js';
import type { Mailer } from '../../mail/mailer.js';
import { initiativeSubmittedMail } from '../../mail/templates.js';
import { curatorEmails } from '../../domain/actors/recipients.js';
import { bearerAuth } from './bearer.js';
import { ApiRequestError, baseUrl, parseOr400 } from './http.js';
import { idParams } from './params.js';
import type { WriteEndpointId } from './spec.js';
import { writeEndpoints } from './spec.js';
import {
  snakePath,
  type InitiativeCreateBody,
  type InitiativePatchBody,
  type ProgressReportCreateBody,
  type ProgressReportPatchBody,
} from './writeSchemas.js';

/** Issues from a command (camelCase fields) as 422 errors naming the API's fields. */
function unprocessable(issues: Issue[]): ApiRequestError {
  return new ApiRequestError(
    422,
    issues.map((i) => ({
      code: i.code === 'stale_version' ? 'version_conflict' : 'invalid_field',
      message: i.message,
      field: i.field === '_' ? null : snakePath(i.field),
    })),
  );
}

const forbidden = () =>
  new ApiRequestError(403, [
    {
      code: 'forbidden',
      message: 'API-nyckeln hör till en annan organisation än insatsens ägare.',
      field: null,
    },
  ]);

const notFound = (what: string) =>
  new ApiRequestError(404, [{ code: 'not_found', message: `${what} finns inte.`, field: null }]);

/** The snake_case fields that were sent, as the domain's camelCase input (absent stay absent). */
function initiativeInputOf(b: Partial<InitiativeCreateBody>): Partial<InitiativeInput> {
  const out: Partial<InitiativeInput> = {
    title: b.title,
    summary: b.summary,
    description: b.description,
    titleEn: b.title_en,
    summaryEn: b.summary_en,
    descriptionEn: b.description_en,
    status: b.status,
    startDate: b.start_date,
    endDate: b.end_date,
    ownerOrganisationId: b.owner_organisation_id,
    partners: b.partners?.map((p) => ({ organisationId: p.organisation_id, role: p.role })),
    funding: b.funding?.map((f) => ({
      source: f.source,
      amountSek: f.amount_sek,
      year: f.year,
      funderOrganisationId: f.funder_organisation_id,
    })),
    placeCodes: b.place_codes,
    goalIds: b.goal_ids,
    perspectiveIds: b.perspective_ids,
    sdgTargetCodes: b.sdg_target_codes,
    measureIds: b.measure_ids,
    diarienummer: b.diarienummer,
    contactEmail: b.contact_email,
    exampleOfYear: b.example_of_year,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function reportInputOf(b: Partial<ProgressReportCreateBody>): Partial<ProgressReportInput> {
  const out: Partial<ProgressReportInput> = {
    reportingPeriodId: b.reporting_period_id,
    periodStart: b.period_start,
    periodEnd: b.period_end,
    trafficLight: b.traffic_light,
    narrative: b.narrative,
    outputs: b.outputs && {
      participantsK: b.outputs.participants_k,
      participantsM: b.outputs.participants_m,
      companiesReached: b.outputs.companies_reached,
      other: b.outputs.other,
    },
    spentSek: b.spent_sek,
    spentByFundingLine: b.spent_by_funding_line?.map((l) => ({
      fundingLineId: l.funding_line_id,
      amountSek: l.amount_sek,
    })),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** `If-Match: "v3"` (or W/"v3") as 3; a list or `*` is not a version. */
export function versionFromIfMatch(header: string | undefined): number | null | 'invalid' {
  if (header === undefined) return null;
  const m = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/.exec(header);
  return m ? Number(m[1]) : 'invalid';
}

const etagOf = (version: number) => `"v${version}"`;

async function initiativeReceipt(db: Db, id: number, base: string) {
  const [row] = await db
    .select({
      id: initiatives.id,
      version: initiatives.version,
      workflowState: initiatives.workflowState,
      pendingState: initiatives.pendingState,
      ownerOrganisationId: initiatives.ownerOrganisationId,
      title: initiatives.title,
    })
    .from(initiatives)
    .where(eq(initiatives.id, id));
  const r = row!;
  return {
    version: r.version,
    body: {
      initiatives: [
        {
          id: r.id,
          version: r.version,
          workflow_state: r.workflowState,
          change_state: r.pendingState,
          owner_organisation_id: r.ownerOrganisationId,
          title: r.title,
          url: `${base}/insatser/${r.id}`,
        },
      ],
    },
  };
}

/**
 * The initiative for a write. A record the token's organisation may not read (another
 * organisation's unpublished initiative) answers 404 exactly as a missing id, so ids cannot be
 * probed; another organisation's published initiative, which anyone may read, is 403.
 */
async function ownInitiative(db: Db, id: number, p: TokenPrincipal): Promise<InitiativeState> {
  const state = await loadInitiativeState(db, id);
  if (!state || !initiativePolicy.read(p.actor, state)) throw notFound('Insatsen');
  if (state.ownerOrganisationId !== p.organisationId) throw forbidden();
  return state;
}

/**
 * The write API for an organisation's own systems: register and change initiatives and report
 * progress, through the same commands, validation, workflow and audit as the admin forms. What
 * arrives is submitted for the Region's approval at once (inskickad).
 */
export function writeRoutes(
  api: FastifyInstance,
  db: Db,
  deps: {
    mailer: Mailer;
    now?: () => Date;
    /** The per-token write limit, after authentication (rateLimits().byToken). */
    limitByToken?: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  },
) {
  const now = deps.now ?? (() => new Date());
  const auth = bearerAuth(db, now);
  /** As from the form: the Region's curators hear that an initiative waits for them. */
  const notifySubmitted = async (req: FastifyRequest, id: number) => {
    const [row] = await db
      .select({ title: initiatives.title, organisation: organisations.name })
      .from(initiatives)
      .innerJoin(organisations, eq(organisations.id, initiatives.ownerOrganisationId))
      .where(eq(initiatives.id, id));
    if (!row) return;
    const base = baseUrl(req);
    const mail = initiativeSubmittedMail({ ...row, link: `${base}/admin/insatser/${id}` });
    for (const to of await curatorEmails(db)) await deps.mailer.send(to, mail);
  };
  const ctxOf = (req: FastifyRequest): Ctx => context(db, req.apiPrincipal!.actor, now);

  const register = <Id extends WriteEndpointId>(
    id: Id,
    handler: (
      req: FastifyRequest,
      reply: FastifyReply,
      body: z.infer<(typeof writeEndpoints)[Id]['body']>,
    ) => Promise<unknown>,
  ) => {
    const e = writeEndpoints[id];
    const url = e.path.slice('/api/v1'.length);
    api.route({
      method: e.method,
      url,
      preHandler: deps.limitByToken ? [auth, deps.limitByToken] : auth,
      handler: async (req, reply) => {
        const body = parseOr400(e.body, req.body ?? {}) as z.infer<
          (typeof writeEndpoints)[Id]['body']
        >;
        const out = await handler(req, reply, body);
        reply.type('application/json; charset=utf-8');
        return out;
      },
    });
  };

  /**
   * A POST with an optional Idempotency-Key: the first success is stored and replayed. `decorate`
   * sets the headers that follow from the body (Location, ETag), for a replay too.
   */
  const idempotent = async (
    req: FastifyRequest,
    reply: FastifyReply,
    perform: (ctx: Ctx) => Promise<StoredResponse>,
    decorate: (body: unknown) => void = () => undefined,
    afterCommit: (body: unknown) => Promise<void> = async () => undefined,
  ) => {
    let replayed = false;
    const raw = req.headers['idempotency-key'];
    const ctx = ctxOf(req);
    let out: StoredResponse;
    if (raw === undefined) {
      out = await inTransaction(ctx, perform);
    } else {
      const key = Array.isArray(raw) ? '' : raw;
      if (!isIdempotencyKey(key)) {
        throw new ApiRequestError(400, [
          {
            code: 'invalid_parameter',
            message: 'Idempotency-Key ska vara 1–255 synliga ASCII-tecken, t.ex. ett UUID.',
            field: 'Idempotency-Key',
          },
        ]);
      }
      const done = await once(
        ctx,
        {
          tokenId: req.apiPrincipal!.tokenId,
          key,
          fingerprint: requestFingerprint(req.method, req.url, req.body ?? {}),
        },
        perform,
      );
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      out = done;
      replayed = done.replayed;
    }
    decorate(out.body);
    if (!replayed) await afterCommit(out.body);
    return reply.status(out.status).send(out.body);
  };

  const initiativeHeaders = (reply: FastifyReply) => (body: unknown) => {
    const [one] = (body as { initiatives: { id: number; version: number }[] }).initiatives;
    reply.header('location', `/api/v1/initiatives/${one!.id}`).header('etag', etagOf(one!.version));
  };

  register('createInitiative', async (req, reply, body) => {
    const p = req.apiPrincipal!;
    const input = {
      ...initiativeInputOf(body),
      ownerOrganisationId: body.owner_organisation_id ?? p.organisationId,
    } as InitiativeInput;
    if (input.ownerOrganisationId !== p.organisationId) throw forbidden();
    return idempotent(
      req,
      reply,
      async (tx) => {
        const result = await createInitiative(tx, input);
        if (!result.ok) throw unprocessable(result.issues);
        await transitionInitiative(tx, { initiativeId: result.value.id, action: 'submit' });
        const receipt = await initiativeReceipt(tx.db, result.value.id, baseUrl(req));
        return { status: 201, body: receipt.body };
      },
      initiativeHeaders(reply),
      (body) =>
        notifySubmitted(req, (body as { initiatives: { id: number }[] }).initiatives[0]!.id),
    );
  });

  register('updateInitiative', async (req, reply, body: InitiativePatchBody) => {
    const p = req.apiPrincipal!;
    const { id } = parseOr400(idParams, req.params);
    await ownInitiative(db, id, p);
    const fromHeader = versionFromIfMatch(req.headers['if-match']);
    if (fromHeader === 'invalid') {
      throw new ApiRequestError(400, [
        {
          code: 'invalid_parameter',
          message: 'If-Match ska vara en version som "v3".',
          field: 'If-Match',
        },
      ]);
    }
    if (fromHeader !== null && body.version !== undefined && fromHeader !== body.version) {
      throw new ApiRequestError(400, [
        {
          code: 'invalid_parameter',
          message: 'If-Match och version säger olika.',
          field: 'version',
        },
      ]);
    }
    const expected = fromHeader ?? body.version;
    if (expected === undefined) {
      throw new ApiRequestError(428, [
        {
          code: 'version_required',
          message:
            'Ange versionen ändringen bygger på: huvudet If-Match: "v3" eller fältet version.',
          field: 'version',
        },
      ]);
    }
    const { version: _, ...fields } = body;
    const patch = initiativeInputOf(fields);
    if (patch.ownerOrganisationId !== undefined && patch.ownerOrganisationId !== p.organisationId) {
      throw forbidden();
    }
    const ctx = ctxOf(req);
    const receipt = await inTransaction(ctx, async (tx) => {
      const state = (await loadInitiativeState(tx.db, id, true))!;
      if (state.version !== expected) throw conflict(state.version);
      if (!initiativePolicy.edit(tx.actor, state)) {
        throw new ApiRequestError(409, [
          {
            code: 'not_editable',
            message:
              'Insatsen väntar på granskning eller är arkiverad och kan inte ändras just nu.',
            field: null,
          },
        ]);
      }
      const stored = (await loadInitiativeData(tx.db, id))!;
      const current: InitiativeDraft =
        initiativePolicy.editMode(tx.actor, state) === 'proposal' && stored.pending
          ? stored.pending
          : stored.data;
      const result = await updateInitiative(tx, {
        initiativeId: id,
        expectedVersion: expected,
        data: { ...current, ...patch } as InitiativeInput,
      });
      if (!result.ok) {
        if (result.conflict) throw conflict(result.conflict.version);
        throw unprocessable(result.issues);
      }
      const after = (await loadInitiativeState(tx.db, id))!;
      const submitting = initiativePolicy.submit(tx.actor, after);
      if (submitting) await transitionInitiative(tx, { initiativeId: id, action: 'submit' });
      return { ...(await initiativeReceipt(tx.db, id, baseUrl(req))), submitting };
    });
    if (receipt.submitting) await notifySubmitted(req, id);
    reply.header('etag', etagOf(receipt.version));
    return reply.status(200).send(receipt.body);
  });

  register('createProgressReport', async (req, reply, body) => {
    const p = req.apiPrincipal!;
    const { id } = parseOr400(idParams, req.params);
    await ownInitiative(db, id, p);
    const input = { ...reportInputOf(body), initiativeId: id } as ProgressReportInput;
    return idempotent(req, reply, async (tx) => {
      const result = await submitProgressReport(tx, input);
      if (!result.ok) throw unprocessable(result.issues);
      return {
        status: 201,
        body: {
          progress_reports: [{ id: result.value.id, initiative_id: id, state: result.value.state }],
        },
      };
    });
  });

  register('updateProgressReport', async (req, reply, body: ProgressReportPatchBody) => {
    const p = req.apiPrincipal!;
    const { id } = parseOr400(idParams, req.params);
    const [report] = await db.select().from(progressReports).where(eq(progressReports.id, id));
    // Another organisation's report is not the token's to read: 404, as for a missing id.
    const owner = report ? await loadInitiativeState(db, report.initiativeId) : null;
    if (!report || owner?.ownerOrganisationId !== p.organisationId) {
      throw notFound('Lägesrapporten');
    }
    const stored = report.outputs as ProgressReportInput['outputs'];
    const patch = reportInputOf(body);
    const input = {
      initiativeId: report.initiativeId,
      reportingPeriodId: report.reportingPeriodId,
      periodStart: report.periodStart,
      periodEnd: report.periodEnd,
      trafficLight: report.trafficLight,
      narrative: report.narrative,
      outputs: stored,
      spentSek: report.spentSek,
      spentByFundingLine: report.spentByFundingLine as ProgressReportInput['spentByFundingLine'],
      ...patch,
    } as ProgressReportInput;
    const result = await submitProgressReport(ctxOf(req), input, { id });
    if (!result.ok) throw unprocessable(result.issues);
    return reply.status(200).send({
      progress_reports: [
        { id: result.value.id, initiative_id: report.initiativeId, state: result.value.state },
      ],
    });
  });
}

function conflict(current: number): ApiRequestError {
  return new ApiRequestError(409, [
    {
      code: 'version_conflict',
      message: `Insatsen har ändrats sedan versionen du utgick från; den aktuella versionen är ${current}. Hämta den och försök igen.`,
      field: 'version',
    },
  ]);
}
