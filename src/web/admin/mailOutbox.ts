import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resendMail, undeliveredMail, type UndeliveredMail } from '../../mail/outbox.js';
import { csrfField } from '../auth/formParts.js';
import { csrfToken } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { outboxEn } from '../i18n/outbox.en.js';
import { outboxSv, type OutboxMessages } from '../i18n/outbox.sv.js';
import { adminRouteKit, idParam, type AdminDeps } from './adminRouteKit.js';
import { adminLocale } from './locale.js';
import { OUTBOX } from './usersNav.js';

const messages = (req: FastifyRequest): OutboxMessages =>
  adminLocale(req) === 'en' ? outboxEn : outboxSv;

const when = (d: Date, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(d);

function outboxView(
  t: OutboxMessages,
  locale: string,
  mails: UndeliveredMail[],
  csrf: string,
  resent: boolean,
): SafeHtml {
  const rows = mails.map(
    (m) => html`<tr><td>${m.to}</td><td>${m.subject}</td>
<td>${t.status[m.status] ?? m.status}${m.nextAttemptAt ? html`<br><small>${t.nextAttempt(when(m.nextAttemptAt, locale))}</small>` : ''}</td>
<td>${String(m.attempts)} / ${String(m.maxAttempts)}</td><td>${m.lastError ?? '–'}</td>
<td>${m.status === 'failed' ? html`<form method="post" action="${OUTBOX}/${String(m.id)}/skicka-igen">${csrfField(csrf)}<button type="submit">${t.resend}</button></form>` : ''}</td></tr>`,
  );
  return html`<h1>${t.title}</h1><p>${t.intro}</p>
${resent ? html`<p class="notice" role="status">${t.resent}</p>` : ''}
${
  mails.length === 0
    ? html`<p>${t.none}</p>`
    : html`<table><caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.colTo}</th><th scope="col">${t.colSubject}</th><th scope="col">${t.colStatus}</th><th scope="col">${t.colAttempts}</th><th scope="col">${t.colError}</th><th scope="col">${t.colAction}</th></tr></thead>
<tbody>${rows}</tbody></table>`
}`;
}

/** Administrators see the mail that has not been delivered and send failed mail again. */
export function mailOutboxRoutes(app: FastifyInstance, deps: Pick<AdminDeps, 'db' | 'now'>) {
  const kit = adminRouteKit(deps);
  app.get(OUTBOX, kit.read('users.manage'), async (req, reply) => {
    const t = messages(req);
    const body = outboxView(
      t,
      kit.who(req).locale,
      await undeliveredMail(deps.db),
      csrfToken(req, reply),
      (req.query as Record<string, unknown>).skickad === '1',
    );
    return kit.show(req, reply, OUTBOX, t.title, body);
  });
  app.post(`${OUTBOX}/:id/skicka-igen`, kit.write('users.manage'), async (req, reply) => {
    await resendMail(kit.who(req).ctx, idParam(req));
    return reply.redirect(`${OUTBOX}?skickad=1`, 303);
  });
}
