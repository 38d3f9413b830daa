import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../domain/errors.js';
import { BulkFileError, readBulkCsv, readBulkXlsx } from '../../domain/initiatives/bulkFile.js';
import {
  exportInitiatives,
  importInitiatives,
  type BulkIssue,
} from '../../domain/initiatives/bulkInitiatives.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { toCsv } from '../../domain/opendata/csv.js';
import { toXlsx } from '../../lib/xlsx.js';
import { csrfToken } from '../csrf.js';
import { redirectWithNotice, type AdminDeps } from './adminRouteKit.js';
import { BULK_PATH, bulkView } from './bulkView.js';
import { decodeText, oneFileUpload, uploadedFile } from './fileUpload.js';
import type { InitiativeRouteKit } from './routes.js';

/** The largest file accepted for import. */
export const MAX_BULK_BYTES = 5 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `/admin/insatser/fil`: the initiatives the user may edit as CSV (comma or semicolon, UTF-8
 * with BOM, formula-looking cells neutralised) or XLSX, and the upload that imports the same
 * format back, all or nothing.
 */
export function bulkRoutes(app: FastifyInstance, deps: AdminDeps, kit: InitiativeRouteKit) {
  const allowed = (req: FastifyRequest) => {
    if (!initiativePolicy.create(kit.who(req).actor)) throw new ForbiddenError();
  };
  const render = (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { fileError?: string; issues?: BulkIssue[]; notice?: string },
    status = 200,
  ) => {
    const { t } = kit.texts(req);
    const body = bulkView({ t, csrf: csrfToken(req, reply), ...extra });
    return kit.show(req, reply, BULK_PATH, t.bulk.title, body, status);
  };

  app.get(BULK_PATH, kit.read(), async (req, reply) => {
    allowed(req);
    const q = req.query as Record<string, unknown>;
    const { t } = kit.texts(req);
    const done = typeof q.klart === 'string' ? /^(\d+)-(\d+)$/.exec(q.klart) : null;
    return render(req, reply, {
      notice: done ? t.bulk.done(Number(done[1]), Number(done[2])) : undefined,
    });
  });

  const stamp = () => deps.now().toISOString().slice(0, 10);

  app.get(`${BULK_PATH}/insatser.csv`, kit.read(), async (req, reply) => {
    allowed(req);
    const semicolon = (req.query as Record<string, unknown>).avgransare === 'semikolon';
    const { header, rows } = await exportInitiatives(deps.db, kit.who(req).actor);
    const csv = toCsv({
      delimiter: semicolon ? 'semicolon' : 'comma',
      comments: [`Riktning: insatser att redigera, exporterade ${stamp()}`],
      header,
      rows,
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="insatser-${stamp()}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  app.get(`${BULK_PATH}/insatser.xlsx`, kit.read(), async (req, reply) => {
    allowed(req);
    const { header, rows } = await exportInitiatives(deps.db, kit.who(req).actor);
    const xlsx = toXlsx([{ name: 'Insatser', rows: [header, ...rows] }], { headerRows: 1 });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="insatser-${stamp()}.xlsx"`)
      .type(XLSX_TYPE)
      .send(xlsx);
  });

  // The upload route parses multipart bodies; registered in its own scope so no other route does.
  void app.register(async (scope) => {
    await scope.register(multipart, oneFileUpload(MAX_BULK_BYTES));

    scope.post(BULK_PATH, kit.write(), async (req, reply) => {
      allowed(req);
      const { t } = kit.texts(req);
      const file = uploadedFile(req.body);
      if (file?.truncated) {
        return render(req, reply, { fileError: t.bulk.tooLarge }, 413);
      }
      if (!file || file.data.length === 0) {
        return render(req, reply, { fileError: t.bulk.noFile }, 400);
      }
      const name = file.filename.toLowerCase();
      const isXlsx = name.endsWith('.xlsx');
      const isCsv = name.endsWith('.csv') || name.endsWith('.txt');
      const zip = file.data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      if ((!isXlsx && !isCsv) || (isXlsx && !zip) || (isCsv && zip)) {
        return render(req, reply, { fileError: t.bulk.wrongType }, 415);
      }
      let table;
      try {
        table = isXlsx ? readBulkXlsx(file.data) : readBulkCsv(decodeText(file.data));
      } catch (err) {
        if (!(err instanceof BulkFileError)) throw err;
        const fileError = `${t.bulk.unreadable} ${t.bulk.fileProblem(err.problem)}`;
        return render(req, reply, { fileError }, 400);
      }
      const result = await importInitiatives(kit.who(req).ctx, table);
      if (!result.ok) return render(req, reply, { issues: result.issues }, 400);
      return redirectWithNotice(reply, BULK_PATH, `${result.created}-${result.updated}`);
    });
  });
}
