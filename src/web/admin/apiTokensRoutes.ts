import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import {
  apiTokenPolicy,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  tokenOrganisations,
  type ApiTokenRow,
} from '../../domain/access/apiTokens.js';
import { actorFor } from '../../domain/actors/sessions.js';
import { context, type Actor, type Ctx } from '../../domain/context.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { redirectToSignIn } from '../auth/session.js';
import { confirmationPage, isConfirmed, warningButton } from '../components/confirmStep.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { apiTokensEn } from '../i18n/apiTokens.en.js';
import { apiTokensSv, type ApiTokenMessages } from '../i18n/apiTokens.sv.js';
import { sendPage } from '../page.js';
import { adminLocale } from './locale.js';
import { adminShell } from './views.js';
import { shownOnce, stringFields } from './shownOnce.js';

export const API_TOKENS_PATH = '/admin/api-nycklar';
/** The page that shows a new key, once; the key reaches it in a short-lived cookie of its own. */
const newToken = shownOnce('riktning_ny_nyckel', `${API_TOKENS_PATH}/ny`, (v) =>
  stringFields(v, ['token', 'name'] as const),
);

interface FormState {
  name: string;
  organisationId: number | null;
  issues: Issue[];
}

interface ViewInput {
  t: ApiTokenMessages;
  locale: 'sv' | 'en';
  csrf: string;
  organisations: { id: number; name: string }[];
  tokens: ApiTokenRow[];
  actor: Actor;
  form: FormState;
  created: { token: string; name: string } | null;
  notice: string | null;
}

const when = (d: Date, locale: 'sv' | 'en') =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(d);

function createForm(v: ViewInput): SafeHtml {
  const { t, form } = v;
  if (v.organisations.length === 0) return html`<p>${t.noOrganisation}</p>`;
  const { errorText, describedBy, summary } = formErrors(form.issues);
  const single = v.organisations.length === 1 ? v.organisations[0]! : null;
  const organisation = single
    ? html`<input type="hidden" name="organisationId" value="${String(single.id)}">
<p>${t.organisation}: ${single.name}</p>`
    : html`<div class="field"><label for="organisationId">${t.organisation}</label>${errorText('organisationId')}
<select id="organisationId" name="organisationId" required${describedBy('organisationId')}>
${v.organisations.map(
  (o) =>
    html`<option value="${String(o.id)}"${form.organisationId === o.id ? html` selected` : ''}>${o.name}</option>`,
)}
</select></div>`;
  return html`<section aria-labelledby="skapa-rubrik">
<h2 id="skapa-rubrik">${t.createHeading}</h2>
${summary(t.errorsTitle)}
<form method="post" action="${API_TOKENS_PATH}" novalidate>${csrfField(v.csrf)}
${organisation}
<div class="field"><label for="name">${t.name}</label>
<p class="hint" id="name-hint">${t.nameHint}</p>${errorText('name')}
<input type="text" id="name" name="name" value="${form.name}" maxlength="100" required autocomplete="off" aria-describedby="name-hint${form.issues.some((i) => i.field === 'name') ? ' name-error' : ''}"${form.issues.some((i) => i.field === 'name') ? html` aria-invalid="true"` : ''}></div>
<button type="submit">${t.create}</button>
</form></section>`;
}

function tokenTable(v: ViewInput): SafeHtml {
  const { t, locale } = v;
  if (v.tokens.length === 0) return html`<p>${t.none}</p>`;
  return html`<table><caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.colName}</th><th scope="col">${t.colOrganisation}</th><th scope="col">${t.colPrefix}</th><th scope="col">${t.colCreated}</th><th scope="col">${t.colLastUsed}</th><th scope="col">${t.colState}</th></tr></thead>
<tbody>${v.tokens.map(
    (
      r,
    ) => html`<tr><th scope="row">${r.name}</th><td>${r.organisationName}</td><td><code>${r.prefix}…</code></td>
<td>${when(r.createdAt, locale)} ${t.by(r.createdBy)}</td><td>${r.lastUsedAt ? when(r.lastUsedAt, locale) : t.never}</td>
<td>${
      r.revokedAt
        ? t.revokedAt(when(r.revokedAt, locale))
        : apiTokenPolicy.revoke(v.actor, r.organisationId)
          ? html`${t.active} <form method="post" action="${API_TOKENS_PATH}/${String(r.id)}/aterkalla" class="inline">${csrfField(v.csrf)}${warningButton(t.revoke, html` aria-label="${t.revokeLabel(r.name)}"`)}</form>`
          : t.active
    }</td></tr>`,
  )}</tbody></table>`;
}

function tokensView(v: ViewInput): SafeHtml {
  const { t } = v;
  const created = v.created
    ? html`<section class="message" role="status" aria-labelledby="ny-nyckel">
<h2 id="ny-nyckel">${t.createdHeading}: ${v.created.name}</h2>
<p>${t.createdOnce}</p>
<p><label for="ny-nyckel-varde">${t.tokenLabel}</label><br>
<input type="text" id="ny-nyckel-varde" value="${v.created.token}" readonly size="52" autocomplete="off" spellcheck="false"></p>
<p>${t.usage} <code>Authorization: Bearer ${v.created.token}</code></p>
</section>`
    : '';
  return html`<h1>${t.title}</h1>
<p>${t.lead}</p>
<p><a href="/api/v1/openapi.json">${t.docsLink}</a></p>
${v.notice ? html`<p class="message" role="status">${v.notice}</p>` : ''}
${created}
${createForm(v)}
<h2>${t.listHeading}</h2>
${tokenTable(v)}`;
}

/** `/admin/api-nycklar`: members create, see and revoke their organisation's API tokens. */
export function apiTokenRoutes(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  const allowed = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
    if (!apiTokenPolicy.page(actorFor(req.account))) throw new ForbiddenError();
  };
  const ctxOf = (req: FastifyRequest): Ctx => context(deps.db, actorFor(req.account!), deps.now);

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: FormState; created?: ViewInput['created']; notice?: string | null },
    status = 200,
  ) => {
    const locale = adminLocale(req);
    const t = locale === 'en' ? apiTokensEn : apiTokensSv;
    const actor = actorFor(req.account!);
    const [organisations, tokens] = await Promise.all([
      tokenOrganisations(deps.db, actor),
      listApiTokens(deps.db, actor),
    ]);
    const body = adminShell(
      req,
      reply,
      API_TOKENS_PATH,
      tokensView({
        t,
        locale,
        csrf: csrfToken(req, reply),
        organisations,
        tokens,
        actor,
        form: extra.form ?? { name: '', organisationId: null, issues: [] },
        created: extra.created ?? null,
        notice: extra.notice ?? null,
      }),
    );
    // A page that shows a token must never be stored anywhere.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, { title: t.title, body, path: req.url }, status, locale);
  };

  app.get(API_TOKENS_PATH, { preHandler: allowed }, (req, reply) => {
    const done = (req.query as Record<string, unknown>).klart === 'aterkallad';
    const t = adminLocale(req) === 'en' ? apiTokensEn : apiTokensSv;
    return show(req, reply, { notice: done ? t.revoked : null });
  });

  app.post(API_TOKENS_PATH, { preHandler: [allowed, verifyCsrf] }, async (req, reply) => {
    const t = adminLocale(req) === 'en' ? apiTokensEn : apiTokensSv;
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof raw.name === 'string' ? raw.name.slice(0, 200) : '';
    const organisationId = Number(raw.organisationId);
    const orgId = Number.isSafeInteger(organisationId) && organisationId > 0 ? organisationId : 0;
    const actor = actorFor(req.account!);
    if (orgId > 0 && !apiTokenPolicy.create(actor, orgId)) throw new ForbiddenError();
    const result = await createApiToken(ctxOf(req), { name, organisationId: orgId });
    if (!result.ok) {
      const issues = result.issues.map((i) => {
        const own = t.issues[i.field];
        return { ...i, message: own?.[i.code] ?? own?.default ?? i.message };
      });
      return show(req, reply, { form: { name, organisationId: orgId || null, issues } }, 400);
    }
    // Shown once, on a page reached by redirect: a reload neither posts again nor shows the key.
    return newToken.redirect(req, reply, { token: result.value.token, name: name.trim() });
  });

  app.get(newToken.path, { preHandler: allowed }, (req, reply) => {
    const t = adminLocale(req) === 'en' ? apiTokensEn : apiTokensSv;
    const created = newToken.take(req, reply);
    if (!created) return show(req, reply, { notice: t.shownOnce });
    return show(req, reply, { created });
  });

  app.post(
    `${API_TOKENS_PATH}/:id/aterkalla`,
    { preHandler: [allowed, verifyCsrf] },
    async (req, reply) => {
      const id = Number((req.params as { id: string }).id);
      if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
      if (!isConfirmed(req.body)) {
        const actor = actorFor(req.account!);
        const token = (await listApiTokens(deps.db, actor)).find((r) => r.id === id);
        if (!token) throw new NotFoundError();
        if (!apiTokenPolicy.revoke(actor, token.organisationId)) throw new ForbiddenError();
        const locale = adminLocale(req);
        const t = locale === 'en' ? apiTokensEn : apiTokensSv;
        const page = confirmationPage({
          locale,
          heading: t.revokeHeading(token.name),
          consequence: t.revokeConsequence,
          action: `${API_TOKENS_PATH}/${id}/aterkalla`,
          csrf: csrfToken(req, reply),
          body: req.body,
          confirmLabel: t.revokeConfirm,
          cancelHref: API_TOKENS_PATH,
        });
        const body = adminShell(req, reply, API_TOKENS_PATH, page);
        return sendPage(
          reply,
          { title: t.revokeHeading(token.name), body, path: req.url },
          200,
          locale,
        );
      }
      await revokeApiToken(ctxOf(req), id);
      return reply.redirect(`${API_TOKENS_PATH}?klart=aterkallad`, 303);
    },
  );
}
