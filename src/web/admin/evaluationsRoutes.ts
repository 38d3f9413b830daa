import { fileTooBigIssue, notMultipartIssue, readUploadForm, sendDocument } from '../documents.js';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import {
  attachEvaluationDocument,
  MAX_DOCUMENT_BYTES,
  publishedEvaluationDocument,
} from '../../domain/evaluation/evaluationDocuments.js';
import { adminEvaluations, evaluationSubjects } from '../../domain/evaluation/evaluationQueries.js';
import { publishEvaluation } from '../../domain/evaluation/publishEvaluation.js';
import {
  evaluationPolicy,
  recordEvaluation,
  type EvaluationInput,
} from '../../domain/evaluation/recordEvaluation.js';
import {
  evaluationFields,
  evaluationMergeSpec,
  updateEvaluation,
  type EvaluationField,
} from '../../domain/evaluation/updateEvaluation.js';
import type { MergeConflict } from '../../domain/merge/fieldMerge.js';
import { issue, type Issue } from '../../domain/result.js';
import { csrfToken, verifyCsrfToken, verifyOrigin } from '../csrf.js';
import { html } from '../html.js';
import {
  baseField,
  mergeChoicesBlock,
  mergeWords,
  readPostedMerge,
  undecided,
} from './fieldMerge.js';
import { reportingEn } from '../i18n/reporting.en.js';
import { reportingSv } from '../i18n/reporting.sv.js';
import {
  evaluationFormView,
  evaluationListView,
  type EvaluationFormValues,
} from './evaluationsViews.js';
import {
  adminRouteKit,
  field,
  messagesFor,
  noticeOf,
  redirectWithNotice,
  type AdminDeps,
  idParam,
} from './adminRouteKit.js';

const BASE = '/admin/utvarderingar';
const messages = messagesFor(reportingSv, reportingEn);
/** The form's fields: those two curators' saves are merged by. */
const keys = evaluationMergeSpec.fields;

function readForm(body: unknown): { values: EvaluationFormValues; input: EvaluationInput } {
  const values = Object.fromEntries(
    keys.map((k) => [k, field(body, k)]),
  ) as unknown as EvaluationFormValues;
  const [type, id] = values.subject.split(':');
  return {
    values,
    input: {
      subjectType: type as EvaluationInput['subjectType'],
      subjectId: Number(id),
      title: values.title,
      evaluator: values.evaluator,
      method: values.method,
      evaluatedOn: values.evaluatedOn,
      findings: values.findings,
      recommendations: values.recommendations,
    },
  };
}

/** Subject errors are shown at the one select that chooses both type and id. */
const atSubject = (issues: Issue[]) =>
  issues.map((i) =>
    i.field === 'subjectType' || i.field === 'subjectId' ? { ...i, field: 'subject' } : i,
  );

/** Evaluations in admin, their PDF documents, and the public download of published documents. */
export function evaluationsAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const s = adminRouteKit(deps);
  const manager = (req: FastifyRequest) => {
    if (!evaluationPolicy.manage(s.who(req).actor)) throw new ForbiddenError();
  };
  const one = async (req: FastifyRequest) => {
    const [row] = await adminEvaluations(deps.db, idParam(req));
    if (!row) throw new NotFoundError('Utvärderingen finns inte.');
    return row;
  };

  app.get(BASE, s.read(), async (req, reply) => {
    manager(req);
    const t = messages(req);
    const body = evaluationListView({
      t,
      locale: s.who(req).locale,
      rows: await adminEvaluations(deps.db),
    });
    return s.show(req, reply, '/admin/rapportering', t.evaluationsTitle, body);
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: {
      id?: number;
      values: EvaluationFormValues;
      issues: Issue[];
      uploadIssues?: Issue[];
      /** The values the form was read at (default: as stored), and a conflict to choose. */
      base?: Record<string, unknown>;
      conflict?: MergeConflict<EvaluationField>;
    },
    status = 200,
  ) => {
    const t = messages(req);
    const evaluation = p.id === undefined ? null : await one(req);
    const locale = s.who(req).locale;
    const subjects = await evaluationSubjects(deps.db);
    const subjectLabel = (v: string) =>
      Object.values(subjects)
        .flat()
        .find((c) => c.value === v)?.label ?? v;
    const merge = evaluation
      ? html`${baseField(p.conflict?.theirs ?? p.base ?? evaluationFields(evaluation))}${
          p.conflict
            ? mergeChoicesBlock({
                locale,
                conflict: p.conflict,
                label: (f) => (f === 'subject' ? t.subject : f === 'title' ? t.evTitle : t[f]),
                show: (f, v) => (f === 'subject' ? subjectLabel(String(v)) : String(v ?? '')),
              })
            : ''
        }`
      : undefined;
    const body = evaluationFormView({
      t,
      locale: s.who(req).locale,
      evaluation,
      subjects,
      values: p.values,
      issues: p.issues,
      uploadIssues: p.uploadIssues ?? [],
      csrf: csrfToken(req, reply),
      notice: noticeOf(req, t.evNotices),
      ...(merge ? { merge } : {}),
    });
    const title = evaluation?.title ?? t.newEvaluation;
    return s.show(req, reply, '/admin/rapportering', title, body, status);
  };

  app.get(`${BASE}/ny`, s.read(), async (req, reply) => {
    manager(req);
    return formPage(req, reply, { values: {} as EvaluationFormValues, issues: [] });
  });

  app.post(BASE, s.write(), async (req, reply) => {
    manager(req);
    const { values, input } = readForm(req.body);
    const result = await recordEvaluation(s.who(req).ctx, input, { draft: true });
    if (!result.ok) return formPage(req, reply, { values, issues: atSubject(result.issues) }, 400);
    return redirectWithNotice(reply, `${BASE}/${result.value.id}`, 'skapad');
  });

  app.get(`${BASE}/:id`, s.read(), async (req, reply) => {
    manager(req);
    const e = await one(req);
    const values: EvaluationFormValues = { ...e, subject: `${e.subjectType}:${e.subjectId}` };
    return formPage(req, reply, { id: e.id, values, issues: [] });
  });

  app.post(`${BASE}/:id`, s.write(), async (req, reply) => {
    manager(req);
    const id = idParam(req);
    const { values, input } = readForm(req.body);
    const { posted, missing } = readPostedMerge(req.body, evaluationMergeSpec.fields);
    const base = posted?.base;
    if (posted && missing.length > 0) {
      const conflict = undecided(missing, posted, values as unknown as Record<string, unknown>);
      const issues = [issue('conflicts', mergeWords(s.who(req).locale).chooseEach, 'choice')];
      return formPage(req, reply, { id, values, issues, conflict }, 409);
    }
    const result = await updateEvaluation(s.who(req).ctx, id, input, posted);
    if (!result.ok && 'conflict' in result) {
      const merged = result.conflict.merged as unknown as EvaluationFormValues;
      return formPage(
        req,
        reply,
        { id, values: merged, issues: [], conflict: result.conflict },
        409,
      );
    }
    if (!result.ok)
      return formPage(
        req,
        reply,
        { id, values, issues: atSubject(result.issues), ...(base ? { base } : {}) },
        400,
      );
    return redirectWithNotice(reply, `${BASE}/${id}`, 'sparad');
  });

  app.post(`${BASE}/:id/publicera`, s.write(), async (req, reply) => {
    manager(req);
    const id = idParam(req);
    await publishEvaluation(s.who(req).ctx, { id });
    return redirectWithNotice(reply, `${BASE}/${id}`, 'publicerad');
  });

  // Multipart only in this scope, so every other form keeps its plain parser. No other parser
  // runs here: a body of any other type reaches the route unread and is answered with a page.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    await scope.register(multipart, {
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5, fieldSize: 1000 },
      throwFileSizeLimit: false,
    });
    // The body may hold the largest allowed file and the form's few fields.
    const bodyLimit = MAX_DOCUMENT_BYTES + 256 * 1024;
    scope.post(
      `${BASE}/:id/dokument`,
      // Only those who manage evaluations get as far as the body.
      {
        preHandler: [s.signedIn, verifyOrigin, async (req: FastifyRequest) => manager(req)],
        bodyLimit,
      },
      async (req, reply) => {
        const id = idParam(req);
        const e = await one(req);
        const values: EvaluationFormValues = { ...e, subject: `${e.subjectType}:${e.subjectId}` };
        const shown = (issues: Issue[], status = 400) =>
          formPage(req, reply, { id, values, issues: [], uploadIssues: issues }, status);
        if (!req.isMultipart()) return shown([notMultipartIssue(s.who(req).locale)], 415);
        const { fields, file, tooBig } = await readUploadForm(req);
        // The token travels in the multipart body, so it is checked once the body is read.
        verifyCsrfToken(req);
        if (tooBig) return shown([fileTooBigIssue()]);
        const result = await attachEvaluationDocument(s.who(req).ctx, {
          evaluationId: id,
          title: fields.documentTitle ?? '',
          filename: file?.filename ?? '',
          contentType: file?.contentType ?? '',
          content: file?.content ?? Buffer.alloc(0),
        });
        if (!result.ok) return shown(result.issues);
        return redirectWithNotice(reply, `${BASE}/${id}`, 'dokument');
      },
    );
  });

  app.get('/dokument/:id', async (req, reply) => {
    return sendDocument(reply, await publishedEvaluationDocument(deps.db, idParam(req)));
  });
}
