import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context } from '../../domain/context.js';
import {
  enterOwnValues,
  ownValuesTable,
  uploadOwnValues,
  type Gender,
} from '../../domain/followup/ownValues.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import type { SafeHtml } from '../html.js';
import { ownValuesEn } from '../i18n/ownValues.en.js';
import { ownValuesSv } from '../i18n/ownValues.sv.js';
import { idParam, queryParam } from './adminRouteKit.js';
import { decodeText, oneFileUpload, uploadedFile } from './fileUpload.js';
import { adminLocale } from './locale.js';
import { ownValuesView, type OwnValuesPage } from './ownValuesView.js';

/** The largest file of values taken (a county's municipalities over decades fit many times). */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

type Page = (
  req: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: SafeHtml,
  status?: number,
) => unknown;

const cellName = /^v_(\d{4})_(\d{4})_([TKM])$/;

/**
 * `/admin/indikatorer/:id/varden`: an indicator's own values, typed into a table of area × year
 * (× women, men and total) or uploaded as a CSV or Excel file in the CLI's format. Both go
 * through the importers' writer: all or nothing, an import run, revisions and an audit event.
 */
export function ownValuesRoutes(
  app: FastifyInstance,
  deps: {
    db: Db;
    now: () => Date;
    allowed: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    page: Page;
  },
) {
  const path = (id: number) => `/admin/indikatorer/${id}/varden`;
  const texts = (req: FastifyRequest) => {
    const locale = adminLocale(req);
    return { locale, t: locale === 'en' ? ownValuesEn : ownValuesSv };
  };
  const ctxOf = (req: FastifyRequest) => context(deps.db, actorFor(req.account!), deps.now);
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    p: Omit<OwnValuesPage, 'table' | 'csrf'>,
    status = 200,
  ) => {
    const { locale, t } = texts(req);
    const table = await ownValuesTable(deps.db, id, deps.now());
    const name = locale === 'en' ? table.indicator.nameEn : table.indicator.nameSv;
    const body = ownValuesView(t, locale, { ...p, table, csrf: csrfToken(req, reply) });
    return deps.page(req, reply, t.title(name), body, status);
  };

  app.get('/admin/indikatorer/:id/varden', { preHandler: deps.allowed }, async (req, reply) => {
    const { t } = texts(req);
    const run = queryParam(req, 'korning', 12).replace(/\D/g, '');
    const done = queryParam(req, 'klart', 20);
    const notice = !run
      ? undefined
      : done === 'sparade'
        ? t.saved(run)
        : done === 'uppladdad'
          ? t.uploaded(run)
          : undefined;
    return render(req, reply, idParam(req), { notice });
  });

  app.post(
    '/admin/indikatorer/:id/varden',
    { preHandler: [deps.allowed, verifyCsrf] },
    async (req, reply) => {
      const id = idParam(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const typed = new Map<string, string>();
      const cells: { placeCode: string; period: number; gender: Gender; text: string }[] = [];
      for (const [key, value] of Object.entries(body)) {
        const m = cellName.exec(key);
        if (!m || typeof value !== 'string') continue;
        typed.set(key, value.slice(0, 40));
        cells.push({
          placeCode: m[1]!,
          period: Number(m[2]),
          gender: m[3] as Gender,
          text: value.slice(0, 40),
        });
      }
      const outcome = await enterOwnValues(ctxOf(req), id, cells.slice(0, 20_000));
      if (!outcome.ok)
        return render(req, reply, id, { typed, issues: outcome.issues, runId: outcome.runId }, 400);
      return reply.redirect(`${path(id)}?klart=sparade&korning=${outcome.runId}`, 303);
    },
  );

  // The upload parses multipart bodies; registered in its own scope so no other route does.
  void app.register(async (scope) => {
    await scope.register(multipart, oneFileUpload(MAX_UPLOAD_BYTES));

    scope.post(
      '/admin/indikatorer/:id/varden/fil',
      { preHandler: [deps.allowed, verifyCsrf] },
      async (req, reply) => {
        const { t } = texts(req);
        const id = idParam(req);
        const file = uploadedFile(req.body);
        const refuse = (message: string, status: number) =>
          render(
            req,
            reply,
            id,
            { fromFile: true, issues: [{ row: 0, field: '_', message, code: 'file' }] },
            status,
          );
        if (file?.truncated) return refuse(t.tooLarge, 413);
        if (!file || file.data.length === 0) return refuse(t.noFile, 400);
        const name = file.filename.toLowerCase();
        const zip = file.data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        const kind = name.endsWith('.xlsx') ? 'xlsx' : name.endsWith('.csv') ? 'csv' : null;
        if (!kind || (kind === 'xlsx') !== zip) return refuse(t.wrongType, 415);
        const fileName = file.filename.slice(0, 200);
        const outcome = await uploadOwnValues(
          ctxOf(req),
          id,
          kind === 'xlsx'
            ? { fileName, kind, data: file.data }
            : { fileName, kind, text: decodeText(file.data) },
        );
        if (!outcome.ok)
          return render(
            req,
            reply,
            id,
            { fromFile: true, issues: outcome.issues, runId: outcome.runId },
            400,
          );
        return reply.redirect(`${path(id)}?klart=uppladdad&korning=${outcome.runId}`, 303);
      },
    );
  });
}
