import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorFor } from '../../domain/actors/sessions.js';
import { context, type Actor, type Ctx } from '../../domain/context.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Issue } from '../../domain/result.js';
import { fieldId, formErrors } from '../auth/formParts.js';
import { page } from '../auth/routes.js';
import { redirectToSignIn } from '../auth/session.js';
import { verifyCsrf } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import { reportingEn } from '../i18n/reporting.en.js';
import { reportingSv, type ReportingMessages } from '../i18n/reporting.sv.js';
import type { AdminDeps } from './routes.js';
import { adminLocale } from './locale.js';
import { adminShell } from './views.js';

/** What the follow-up admin pages share: the signed-in actor, language and page frame. */
export function reportingSupport(deps: AdminDeps) {
  const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return redirectToSignIn(req, reply);
  };
  const who = (req: FastifyRequest): { actor: Actor; ctx: Ctx; locale: Locale } => {
    const actor = actorFor(req.account!);
    return { actor, ctx: context(deps.db, actor, deps.now), locale: adminLocale(req) };
  };
  /** The page inside the admin shell, in the visitor's language, never cached. */
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    current: string,
    title: string,
    body: SafeHtml,
    status = 200,
  ) => page(req, reply, title, adminShell(current, who(req).actor, body, adminLocale(req)), status);
  return {
    auth: { preHandler: signedIn },
    csrf: { preHandler: [signedIn, verifyCsrf] },
    signedIn,
    who,
    show,
    messages: (req: FastifyRequest): ReportingMessages =>
      adminLocale(req) === 'en' ? reportingEn : reportingSv,
  };
}

/** A positive integer route parameter, or not found. */
export function idParam(req: FastifyRequest, name = 'id'): number {
  const id = Number((req.params as Record<string, string>)[name]);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

type Body = Record<string, unknown>;

/** A trimmed string field of a form body. */
export function field(body: unknown, key: string): string {
  const v = (body as Body | undefined)?.[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** A number field: empty is undefined, text that is not a number stays NaN for the schema to reject. */
export function numberField(body: unknown, key: string): number | undefined {
  const v = field(body, key).replace(/\s/g, '');
  return v === '' ? undefined : Number(v);
}

/** A labelled input with its error and described-by, the shape every admin form field has. */
export function inputField(
  issues: Issue[],
  p: {
    name: string;
    label: string;
    value: string | number | undefined | null;
    type?: string;
    hint?: string;
    required?: boolean;
    attrs?: SafeHtml;
  },
): SafeHtml {
  const f = formErrors(issues);
  const id = fieldId(p.name);
  const hint = p.hint ? html`<p class="hint" id="${id}-hint">${p.hint}</p>` : '';
  return html`<div class="field"><label for="${id}">${p.label}</label>${hint}${f.errorText(p.name)}<input id="${id}" name="${p.name}" type="${p.type ?? 'text'}" value="${p.value ?? ''}"${p.required ? html` required` : ''}${p.hint && !issues.some((i) => i.field === p.name) ? html` aria-describedby="${id}-hint"` : f.describedBy(p.name)}${p.attrs ?? ''}></div>`;
}

/** A labelled textarea with its error. */
export function textareaField(
  issues: Issue[],
  p: {
    name: string;
    label: string;
    value: string;
    hint?: string;
    rows?: number;
    required?: boolean;
  },
): SafeHtml {
  const f = formErrors(issues);
  const id = fieldId(p.name);
  const hint = p.hint ? html`<p class="hint" id="${id}-hint">${p.hint}</p>` : '';
  return html`<div class="field"><label for="${id}">${p.label}</label>${hint}${f.errorText(p.name)}<textarea id="${id}" name="${p.name}" rows="${p.rows ?? 6}"${p.required ? html` required` : ''}${p.hint && !issues.some((i) => i.field === p.name) ? html` aria-describedby="${id}-hint"` : f.describedBy(p.name)}>${p.value}</textarea></div>`;
}

/** A status message after a redirect (?klart=…). */
export function noticeOf(req: FastifyRequest, notices: Record<string, string>): SafeHtml | '' {
  const key = String((req.query as Record<string, unknown>).klart ?? '');
  const text = notices[key];
  return text ? html`<p class="message" role="status">${text}</p>` : '';
}
