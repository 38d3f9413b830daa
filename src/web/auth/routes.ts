import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findInvitation, acceptInvitation } from '../../domain/actors/invitations.js';
import {
  isResetTokenValid,
  requestPasswordReset,
  resetPassword,
  RESET_TTL_MS,
} from '../../domain/actors/passwordResets.js';
import { revokeAllSessions, revokeSession } from '../../domain/actors/sessions.js';
import { signIn } from '../../domain/actors/signIn.js';
import { context, systemActor, type Ctx } from '../../domain/context.js';
import { passwordResetMail } from '../../mail/templates.js';
import { writeCookie } from '../cookies.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { page, startSession, type AuthDeps } from './signedIn.js';
import { swedishTime } from './formParts.js';
import { LANGUAGE_COOKIE } from '../admin/locale.js';
import { localIssues } from './localIssues.js';
import { oidcRoutes } from './oidcRoutes.js';
import { secondFactorTexts } from './pendingCookie.js';
import { continueSignIn } from './secondFactorRoutes.js';
import { textsOf } from './texts.js';
import { clearSessionCookie, redirectToSignIn, safeReturnPath, sessionToken } from './session.js';
import { forgotView, inviteView, linkInvalidView, resetView, signInView } from './views.js';

type Body = Record<string, unknown>;
const str = (body: unknown, key: string) => {
  const v = (body as Body | undefined)?.[key];
  return typeof v === 'string' ? v : '';
};

/** Sign-in, sign-out, invitations and password resets. */
export function authRoutes(app: FastifyInstance, deps: AuthDeps) {
  const ctx = (label: string): Ctx => context(deps.db, systemActor(label), deps.now);
  const csrf = { preHandler: verifyCsrf };
  const sso = (req: FastifyRequest) =>
    deps.oidc ? { name: deps.oidc.name, a: textsOf(req).a } : null;
  if (deps.oidc) oidcRoutes(app, deps, deps.oidc);

  /** The language switch: sets the cookie only, then goes back to a path on this site. */
  app.get('/sprak', (req, reply) => {
    const q = req.query as Body;
    const to = q.till === 'en' ? 'en' : 'sv';
    writeCookie(req, reply, LANGUAGE_COOKIE, to, {
      httpOnly: false,
      sameSite: 'lax',
      maxAge: 31536000,
    });
    return reply.redirect(safeReturnPath(q.tillbaka), 303);
  });

  app.get('/logga-in', (req, reply) => {
    const q = req.query as Body;
    const back = safeReturnPath(q.tillbaka);
    if (req.account) return reply.redirect(back, 303);
    const { t } = textsOf(req);
    return page(
      req,
      reply,
      t.signInTitle,
      signInView(t, {
        csrf: csrfToken(req, reply),
        email: '',
        back,
        notice:
          q.utloggad === '1'
            ? t.signedOut
            : q.konto === 'skapat'
              ? t.accountCreated
              : q.avbruten === '1'
                ? secondFactorTexts(req).expired
                : q.avbruten === 'koder'
                  ? secondFactorTexts(req).tooManyWrong
                  : undefined,
        sso: sso(req),
      }),
    );
  });

  app.post('/logga-in', csrf, async (req, reply) => {
    const email = str(req.body, 'email').slice(0, 320);
    const back = safeReturnPath(str(req.body, 'tillbaka'));
    const result = await signIn(ctx('sign-in'), {
      email,
      password: str(req.body, 'password').slice(0, 1024),
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      back,
    });
    const { t } = textsOf(req);
    if (!result.ok) {
      const error =
        result.code === 'rate_limited'
          ? t.rateLimited(swedishTime(result.retryAt))
          : t.signInFailed;
      const status = result.code === 'rate_limited' ? 429 : 401;
      const view = signInView(t, {
        csrf: csrfToken(req, reply),
        email,
        back,
        error,
        sso: sso(req),
      });
      return page(req, reply, t.signInTitle, view, status);
    }
    if (result.step !== 'session') return continueSignIn(req, reply, result.token, result.step);
    await startSession(deps, req, reply, result.token);
    return reply.redirect(back, 303);
  });

  app.post('/logga-ut', csrf, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await revokeSession(ctx('sign-out'), token);
    clearSessionCookie(req, reply);
    return reply.redirect('/logga-in?utloggad=1', 303);
  });

  app.post('/logga-ut-overallt', csrf, async (req, reply) => {
    if (!req.account) return redirectToSignIn(req, reply);
    await revokeAllSessions(ctx('sign-out'), req.account.userId, 'sign_out_everywhere');
    clearSessionCookie(req, reply);
    return reply.redirect('/logga-in?utloggad=1', 303);
  });

  app.get('/glomt-losenord', (req, reply) => {
    const { t } = textsOf(req);
    return page(
      req,
      reply,
      t.forgotTitle,
      forgotView(t, { csrf: csrfToken(req, reply), sent: false }),
    );
  });

  app.post('/glomt-losenord', csrf, async (req, reply) => {
    const email = str(req.body, 'email').slice(0, 320);
    const reset = email.includes('@') ? await requestPasswordReset(ctx('reset'), email) : null;
    if (reset) {
      const link = `${deps.baseUrl(req)}/aterstall/${reset.token}`;
      await deps.mailer.send(
        reset.email,
        passwordResetMail({ link, minutes: RESET_TTL_MS / 60_000 }),
      );
    }
    const { t } = textsOf(req);
    return page(
      req,
      reply,
      t.forgotTitle,
      forgotView(t, { csrf: csrfToken(req, reply), sent: true }),
    );
  });

  app.get('/aterstall/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const { t } = textsOf(req);
    if (!(await isResetTokenValid(ctx('reset'), token))) {
      return page(req, reply, t.linkInvalidTitle, linkInvalidView(t), 404);
    }
    return page(
      req,
      reply,
      t.resetTitle,
      resetView(t, { csrf: csrfToken(req, reply), token, issues: [] }),
    );
  });

  app.post('/aterstall/:token', csrf, async (req, reply) => {
    const { token } = req.params as { token: string };
    const { t } = textsOf(req);
    const result = await resetPassword(ctx('reset'), {
      token,
      password: str(req.body, 'password'),
    });
    if (!result) return page(req, reply, t.linkInvalidTitle, linkInvalidView(t), 404);
    if (!result.ok) {
      const view = resetView(t, {
        csrf: csrfToken(req, reply),
        token,
        issues: localIssues(textsOf(req).locale, result.issues),
      });
      return page(req, reply, t.resetTitle, view, 400);
    }
    clearSessionCookie(req, reply);
    return page(
      req,
      reply,
      t.resetTitle,
      signInView(t, {
        csrf: csrfToken(req, reply),
        email: '',
        back: '/admin',
        notice: t.resetDone,
        sso: sso(req),
      }),
    );
  });

  app.get('/inbjudan/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const { t } = textsOf(req);
    const inv = await findInvitation(ctx('invitation'), token);
    if (!inv) return page(req, reply, t.linkInvalidTitle, linkInvalidView(t), 404);
    const view = inviteView(t, {
      csrf: csrfToken(req, reply),
      token,
      email: inv.email,
      name: '',
      issues: [],
    });
    return page(req, reply, t.inviteTitle, view);
  });

  app.post('/inbjudan/:token', csrf, async (req, reply) => {
    const { token } = req.params as { token: string };
    const { t } = textsOf(req);
    const c = ctx('invitation');
    const inv = await findInvitation(c, token);
    if (!inv) return page(req, reply, t.linkInvalidTitle, linkInvalidView(t), 404);
    const name = str(req.body, 'name');
    const result = await acceptInvitation(c, { token, name, password: str(req.body, 'password') });
    if (!result) return page(req, reply, t.linkInvalidTitle, linkInvalidView(t), 404);
    if (!result.ok) {
      const view = inviteView(t, {
        csrf: csrfToken(req, reply),
        token,
        email: inv.email,
        name,
        issues: localIssues(textsOf(req).locale, result.issues),
      });
      return page(req, reply, t.inviteTitle, view, 400);
    }
    // The new account signs in through the ordinary door, so a role that needs a second factor
    // is asked to set one up before the session starts.
    const signedIn = await signIn(ctx('sign-in'), {
      email: inv.email,
      password: str(req.body, 'password').slice(0, 1024),
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      back: '/admin',
    });
    if (!signedIn.ok) return reply.redirect('/logga-in?konto=skapat&tillbaka=%2Fadmin', 303);
    if (signedIn.step !== 'session')
      return continueSignIn(req, reply, signedIn.token, signedIn.step);
    await startSession(deps, req, reply, signedIn.token);
    return reply.redirect('/admin?klart=valkommen', 303);
  });
}
