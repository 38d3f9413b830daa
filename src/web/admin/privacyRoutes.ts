import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context, type Ctx } from '../../domain/context.js';
import { ForbiddenError } from '../../domain/errors.js';
import { anonymiseUser, pseudonymOf } from '../../domain/privacy/anonymiseUser.js';
import { extractIsEmpty, extractPersonalData } from '../../domain/privacy/extractPersonalData.js';
import { mayHandlePersonalData } from '../../domain/privacy/policies.js';
import { issue, type Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { redirectToSignIn } from '../auth/session.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html } from '../html.js';
import { privacyEn } from '../i18n/privacy.en.js';
import { privacySv, type PrivacyMessages } from '../i18n/privacy.sv.js';
import { sendPage } from '../page.js';
import { adminLocale } from './locale.js';
import { adminShell } from './views.js';

const PATH = '/admin/personuppgifter';

interface FormState {
  form: 'utdrag' | 'anonymisera';
  email: string;
  issues: Issue[];
}

function privacyView(
  t: PrivacyMessages,
  csrf: string,
  state: FormState | null,
  notice: string | null,
) {
  const section = (
    form: FormState['form'],
    heading: string,
    help: string,
    button: string,
    extra: boolean,
  ) => {
    const mine = state?.form === form ? state : null;
    const issues = mine?.issues ?? [];
    const prefix = `${form}-`;
    const { errorText, describedBy, summary } = formErrors(
      issues.map((i) => ({ ...i, field: prefix + i.field })),
    );
    return html`<section aria-labelledby="${prefix}rubrik">
<h2 id="${prefix}rubrik">${heading}</h2>
<p>${help}</p>
${summary(t.errorsTitle)}
<form method="post" action="${PATH}/${form}" novalidate>${csrfField(csrf)}
<div class="field"><label for="${prefix}email">${t.email}</label>${errorText(prefix + 'email')}
<input type="email" id="${prefix}email" name="email" value="${mine?.email ?? ''}" autocomplete="off" required${describedBy(prefix + 'email')}></div>
${
  extra
    ? html`<div class="field">${errorText(prefix + 'confirm')}<input type="checkbox" id="${prefix}confirm" name="confirm" value="ja"${describedBy(prefix + 'confirm')}> <label for="${prefix}confirm">${t.confirm}</label></div>`
    : ''
}
<button type="submit">${button}</button>
</form></section>`;
  };
  return html`<h1>${t.title}</h1>
<p>${t.lead}</p>
${notice ? html`<p class="message" role="status">${notice}</p>` : ''}
${section('utdrag', t.extractHeading, t.extractHelp, t.extractButton, false)}
${section('anonymisera', t.anonymiseHeading, t.anonymiseHelp, t.anonymiseButton, true)}`;
}

/** `/admin/personuppgifter`: register extracts and anonymisation, for administrators only. */
export function privacyRoutes(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  const admin = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
    if (!mayHandlePersonalData(actorFor(req.account))) throw new ForbiddenError();
  };
  const ctxOf = (req: FastifyRequest): Ctx => context(deps.db, actorFor(req.account!), deps.now);
  const messagesOf = (req: FastifyRequest) => (adminLocale(req) === 'en' ? privacyEn : privacySv);
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    state: FormState | null,
    notice: string | null,
    status = 200,
  ) => {
    const t = messagesOf(req);
    const body = adminShell(req, reply, PATH, privacyView(t, csrfToken(req, reply), state, notice));
    reply.header('cache-control', 'no-store');
    return sendPage(reply, { title: t.title, body, path: req.url }, status, adminLocale(req));
  };
  const emailOf = (req: FastifyRequest) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    return typeof body.email === 'string' ? body.email.slice(0, 320) : '';
  };
  const translated = (t: PrivacyMessages, issues: Issue[]) =>
    issues.map((i) => ({ ...i, message: t.issues[i.code] ?? i.message }));

  app.get(PATH, { preHandler: admin }, (req, reply) => {
    const id = Number((req.query as Record<string, unknown>).anonymiserad);
    const notice =
      Number.isSafeInteger(id) && id > 0 ? messagesOf(req).anonymised(pseudonymOf(id).name) : null;
    return show(req, reply, null, notice);
  });

  app.post(`${PATH}/utdrag`, { preHandler: [admin, verifyCsrf] }, async (req, reply) => {
    const t = messagesOf(req);
    const email = emailOf(req);
    const result = await extractPersonalData(ctxOf(req), { email });
    if (!result.ok) {
      return show(
        req,
        reply,
        { form: 'utdrag', email, issues: translated(t, result.issues) },
        null,
        400,
      );
    }
    if (extractIsEmpty(result.value)) {
      return show(req, reply, { form: 'utdrag', email, issues: [] }, t.nothingStored);
    }
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="registerutdrag.json"')
      .type('application/json; charset=utf-8')
      .send(`${JSON.stringify(result.value, null, 2)}\n`);
  });

  app.post(`${PATH}/anonymisera`, { preHandler: [admin, verifyCsrf] }, async (req, reply) => {
    const t = messagesOf(req);
    const email = emailOf(req);
    const confirmed = (req.body as Record<string, unknown> | undefined)?.confirm === 'ja';
    if (!confirmed) {
      const issues = [issue('confirm', t.confirmMissing, 'confirm_missing')];
      return show(req, reply, { form: 'anonymisera', email, issues }, null, 400);
    }
    const result = await anonymiseUser(ctxOf(req), { email });
    if (!result.ok) {
      const issues = translated(t, result.issues);
      return show(req, reply, { form: 'anonymisera', email, issues }, null, 400);
    }
    return reply.redirect(`${PATH}?anonymiserad=${result.value.userId}`, 303);
  });
}
