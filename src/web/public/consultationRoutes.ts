import { sendDocument } from '../documents.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { loadSession } from '../../domain/actors/sessions.js';
import {
  hashIp,
  publishedComments,
  submitComment,
  VERIFICATION_DAYS,
  verifyComment,
} from '../../domain/consultation/comments.js';
import { publishedCompilation } from '../../domain/consultation/compilation.js';
import { listDialogueMeetings } from '../../domain/consultation/meetings.js';
import {
  organisationNames,
  publicConsultation,
  publicConsultationList,
} from '../../domain/consultation/queries.js';
import {
  submittedResponseDocument,
  submittedResponses,
} from '../../domain/consultation/responses.js';
import { context, systemActor } from '../../domain/context.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Issue } from '../../domain/result.js';
import { commentVerificationMail } from '../../mail/consultationTemplates.js';
import { type Mailer } from '../../mail/mailer.js';
import { createOutboxMailer } from '../../mail/outbox.js';
import { sessionToken } from '../auth/session.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { localePath } from '../i18n/index.js';
import { PdfUnavailableError, renderPdf } from '../pdf.js';
import { compilationBody, compilationDocument } from './consultationCompilation.js';
import {
  consultationPage,
  consultationTexts,
  moderationPolicyPage,
  noConsultationPage,
  PUBLIC_BASE,
  verifyPage,
  type CommentFormState,
} from './consultationPages.js';
import { sendPage } from '../page.js';
import { chromiumPath, publicUrl } from '../siteConfig.js';

export interface ConsultationPublicOptions {
  db: Db;
  mailer?: Mailer;
  now?: () => Date;
  /** The configuration, read once by buildApp (src/config.ts). */
  config: Config;
}

const idOf = (req: FastifyRequest, name = 'id'): number => {
  const id = Number((req.params as Record<string, string>)[name]);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw new NotFoundError();
  return id;
};

const text = (body: unknown, key: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
};

/**
 * "Strategin tas fram" on the portal: the consultation while it runs, comments on its goals,
 * email verification, the moderation policy and the compilation. These pages hold forms and
 * change with every moderation, so they are not cached.
 */
export async function consultationPublicRoutes(
  app: FastifyInstance,
  options: ConsultationPublicOptions,
) {
  const { db } = options;
  const config = options.config;
  const now = options.now ?? (() => new Date());
  const mailer = options.mailer ?? createOutboxMailer(config.mail, db, app.log);
  const baseUrl = publicUrl;
  const ctx = () => context(db, systemActor('web'), now);
  const account = async (req: FastifyRequest) => {
    const token = sessionToken(req);
    return token ? loadSession(ctx(), token) : null;
  };

  for (const locale of ['sv', 'en'] as const) {
    const at = (path: string) => localePath(locale, path);
    const t = consultationTexts(locale);
    const show = (
      req: FastifyRequest,
      reply: FastifyReply,
      title: string,
      body: ReturnType<typeof noConsultationPage>,
      status = 200,
    ) => {
      reply.header('cache-control', 'no-store');
      return sendPage(reply, { title, body, path: req.url }, status, locale);
    };

    const render = async (
      req: FastifyRequest,
      reply: FastifyReply,
      id: number | null,
      p: { form?: CommentFormState; pageIssues?: Issue[] } = {},
      status = 200,
    ) => {
      const list = await publicConsultationList(db, now());
      const chosen = id ?? (list.find((c) => c.status === 'oppen') ?? list[0])?.id ?? null;
      if (chosen === null) return show(req, reply, t.pageTitle, noConsultationPage(locale));
      const pc = await publicConsultation(db, chosen, now());
      const responses = await submittedResponses(db, chosen);
      const names = await organisationNames(
        db,
        responses.map((r) => r.organisationId),
      );
      const sent = String((req.query as Record<string, unknown>).skickat ?? '');
      const body = consultationPage(locale, {
        pc,
        comments: await publishedComments(db, chosen),
        responses: responses.map((r) => ({
          ...r,
          organisationName: names.get(r.organisationId) ?? '',
        })),
        meetings: await listDialogueMeetings(db, chosen),
        earlier: list.filter((c) => c.id !== chosen),
        signedIn: (await account(req)) !== null,
        csrf: csrfToken(req, reply),
        sent: sent === 'verifiera' || sent === 'granskas' ? sent : null,
        form: p.form ?? null,
        pageIssues: p.pageIssues ?? [],
      });
      return show(req, reply, t.pageTitle, body, status);
    };

    app.get(at(PUBLIC_BASE), (req, reply) => render(req, reply, null));
    app.get(at(`${PUBLIC_BASE}/:id`), (req, reply) => render(req, reply, idOf(req)));
    app.get(at(`${PUBLIC_BASE}/moderering`), (req, reply) =>
      show(req, reply, t.moderationTitle, moderationPolicyPage(locale)),
    );

    app.post(at(`${PUBLIC_BASE}/:id/kommentar`), { preHandler: verifyCsrf }, async (req, reply) => {
      const id = idOf(req);
      const user = await account(req);
      const values = {
        displayName: text(req.body, 'displayName'),
        body: text(req.body, 'body'),
        email: user ? '' : text(req.body, 'email').trim(),
      };
      const goalId = Number(text(req.body, 'goalId'));
      const result = await submitComment(ctx(), {
        consultationId: id,
        goalId,
        ...values,
        userId: user?.userId ?? null,
        ipHash: hashIp(req.ip, now()),
      });
      if (!result.ok) {
        const status = result.issues.some((i) => i.code === 'rate_limited') ? 429 : 400;
        if (!Number.isSafeInteger(goalId) || result.issues.some((i) => i.field === 'goalId')) {
          return render(req, reply, id, { pageIssues: result.issues }, status);
        }
        return render(req, reply, id, { form: { goalId, values, issues: result.issues } }, status);
      }
      if (result.value.token && result.value.email) {
        const pc = await publicConsultation(db, id, now());
        await mailer.send(
          result.value.email,
          commentVerificationMail({
            displayName: values.displayName.trim(),
            titleSv: pc.consultation.titleSv,
            link: `${baseUrl(req)}${at(`${PUBLIC_BASE}/bekrafta/${result.value.token}`)}`,
            days: VERIFICATION_DAYS,
          }),
        );
      }
      const sent = result.value.token ? 'verifiera' : 'granskas';
      return reply.redirect(`${at(`${PUBLIC_BASE}/${id}`)}?skickat=${sent}`, 303);
    });

    app.get(at(`${PUBLIC_BASE}/bekrafta/:token`), (req, reply) => {
      const token = (req.params as { token: string }).token;
      // The link only shows a button: a mail scanner that opens links confirms nothing.
      reply.header('referrer-policy', 'no-referrer');
      return show(
        req,
        reply,
        t.verifyTitle,
        verifyPage(locale, { token, csrf: csrfToken(req, reply), done: null }),
      );
    });

    app.post(
      at(`${PUBLIC_BASE}/bekrafta/:token`),
      { preHandler: verifyCsrf },
      async (req, reply) => {
        const token = (req.params as { token: string }).token;
        const done = await verifyComment(ctx(), token);
        reply.header('referrer-policy', 'no-referrer');
        return show(req, reply, t.verifiedTitle, verifyPage(locale, { token, csrf: '', done }));
      },
    );

    app.get(at(`${PUBLIC_BASE}/:id/sammanstallning`), async (req, reply) => {
      const snapshot = await publishedCompilation(ctx(), idOf(req));
      reply.header('cache-control', 'public, max-age=300');
      return sendPage(
        reply,
        { title: t.compilationTitle, body: compilationBody(locale, snapshot), path: req.url },
        200,
        locale,
      );
    });

    const pdfs = new Map<string, Buffer>();
    app.get(at(`${PUBLIC_BASE}/:id/sammanstallning.pdf`), async (req, reply) => {
      const id = idOf(req);
      const snapshot = await publishedCompilation(ctx(), id);
      // The snapshot never changes, so neither does its PDF.
      const key = `${locale}:${id}:${snapshot.publishedAt}`;
      let pdf = pdfs.get(key);
      if (!pdf) {
        try {
          pdf = await renderPdf(await compilationDocument(locale, snapshot), chromiumPath(req));
        } catch (err) {
          if (err instanceof PdfUnavailableError) {
            return reply.status(503).type('text/plain; charset=utf-8').send(err.message);
          }
          throw err;
        }
        pdfs.set(key, pdf);
      }
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="sammanstallning-remissvar-${id}.pdf"`)
        .header('cache-control', 'public, max-age=3600')
        .send(pdf);
    });
  }

  app.get(`${PUBLIC_BASE}/dokument/:id`, async (req, reply) => {
    return sendDocument(reply, await submittedResponseDocument(db, idOf(req)));
  });
}
