import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  completePendingSignIn,
  endPendingSignIn,
  loadPendingSignIn,
  type PendingSignIn,
} from '../../domain/actors/secondFactor/pendingSignIns.js';
import { replaceRecoveryCodes } from '../../domain/actors/secondFactor/recoveryCodes.js';
import {
  isEnrolled,
  secondFactorRequired,
  secondFactorStatus,
} from '../../domain/actors/secondFactor/status.js';
import { confirmTotp, pendingTotpSecret, totpUri } from '../../domain/actors/secondFactor/totp.js';
import {
  recordSecondFactorFailure,
  secondFactorBlocked,
  verifySecondFactor,
} from '../../domain/actors/secondFactor/verifySecondFactor.js';
import { context, systemActor, type Ctx } from '../../domain/context.js';
import { csrfToken, verifyCsrf } from '../csrf.js';
import { swedishTime } from './formParts.js';
import {
  clearPendingCookie,
  pendingToken,
  secondFactorTexts,
  setPendingCookie,
} from './pendingCookie.js';
import { page, startSession, type AuthDeps } from './signedIn.js';
import { recoveryCodesView, secondStepView, totpEnrolView } from './secondFactorViews.js';

export const SECOND_STEP_PATH = '/logga-in/andra-steget';
export const ENROL_PATH = '/logga-in/aktivera';

const code = (req: FastifyRequest) => {
  const v = (req.body as Record<string, unknown> | undefined)?.code;
  return typeof v === 'string' ? v.slice(0, 64) : '';
};

/** After a right password: where the half session continues, with its cookie set. */
export function continueSignIn(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  step: 'second_factor' | 'enrol',
) {
  setPendingCookie(req, reply, token);
  return reply.redirect(step === 'enrol' ? ENROL_PATH : SECOND_STEP_PATH, 303);
}

/**
 * The second step of a password sign-in (a TOTP code or a recovery code; a passkey through the
 * script), and the enrolment administrators and coordinators complete before their first full
 * session. Every page here needs the half session's cookie; without one it is back to the
 * password.
 */
export function secondFactorRoutes(
  app: FastifyInstance,
  deps: Pick<AuthDeps, 'db' | 'now'> & { passkeys: boolean },
) {
  const ctx = (): Ctx => context(deps.db, systemActor('sign-in'), deps.now);
  const csrf = { preHandler: verifyCsrf };

  async function pendingOf(req: FastifyRequest): Promise<PendingSignIn | null> {
    const token = pendingToken(req);
    return token ? loadPendingSignIn(ctx(), token) : null;
  }
  /** Back to the password: the half session expired (or never was), or took too many codes. */
  const backToPassword = (req: FastifyRequest, reply: FastifyReply, tooMany = false) => {
    clearPendingCookie(req, reply);
    return reply.redirect(`/logga-in?avbruten=${tooMany ? 'koder' : '1'}`, 303);
  };

  async function finish(
    req: FastifyRequest,
    reply: FastifyReply,
    session: { token: string },
    next: () => unknown,
  ) {
    await startSession(deps, req, reply, session.token);
    clearPendingCookie(req, reply);
    return next();
  }

  app.get(SECOND_STEP_PATH, async (req, reply) => {
    const pending = await pendingOf(req);
    if (!pending) return backToPassword(req, reply);
    const status = await secondFactorStatus(ctx(), pending.userId);
    if (!isEnrolled(status)) return reply.redirect(ENROL_PATH, 303);
    const m = secondFactorTexts(req);
    const passkey = deps.passkeys && status.passkeys > 0;
    const view = secondStepView(m, { csrf: csrfToken(req, reply), passkey });
    return page(req, reply, m.stepTitle, view);
  });

  app.post(SECOND_STEP_PATH, csrf, async (req, reply) => {
    const pending = await pendingOf(req);
    const m = secondFactorTexts(req);
    if (!pending) return backToPassword(req, reply);
    const result = await verifySecondFactor(ctx(), pending, code(req));
    if (result.ok) return finish(req, reply, result, () => reply.redirect(pending.back, 303));
    if (result.code === 'wrong_code' && !result.open) return backToPassword(req, reply, true);
    const error =
      result.code === 'rate_limited' ? m.rateLimited(swedishTime(result.retryAt)) : m.wrongCode;
    const status = await secondFactorStatus(ctx(), pending.userId);
    const view = secondStepView(m, {
      csrf: csrfToken(req, reply),
      error,
      passkey: deps.passkeys && status.passkeys > 0,
    });
    return page(req, reply, m.stepTitle, view, result.code === 'rate_limited' ? 429 : 401);
  });

  app.post('/logga-in/avbryt', csrf, async (req, reply) => {
    const token = pendingToken(req);
    if (token) await endPendingSignIn(ctx(), token);
    clearPendingCookie(req, reply);
    return reply.redirect('/logga-in', 303);
  });

  async function enrolPage(req: FastifyRequest, reply: FastifyReply, error?: string) {
    const pending = await pendingOf(req);
    if (!pending) return backToPassword(req, reply);
    const secret = await pendingTotpSecret(ctx(), pending.userId);
    if (!secret) return reply.redirect(SECOND_STEP_PATH, 303);
    const m = secondFactorTexts(req);
    const view = totpEnrolView(m, {
      csrf: csrfToken(req, reply),
      action: ENROL_PATH,
      secret,
      uri: totpUri(secret, pending.email),
      required: secondFactorRequired(pending.role),
      error,
      cancel: true,
    });
    return page(req, reply, m.enrolTitle, view, error ? 400 : 200);
  }

  app.get(ENROL_PATH, (req, reply) => enrolPage(req, reply));

  app.post(ENROL_PATH, csrf, async (req, reply) => {
    const pending = await pendingOf(req);
    if (!pending) return backToPassword(req, reply);
    const m = secondFactorTexts(req);
    const c = ctx();
    const retryAt = await secondFactorBlocked(c, pending.userId);
    if (retryAt) return enrolPage(req, reply, m.rateLimited(swedishTime(retryAt)));
    if (!(await confirmTotp(c, pending.userId, code(req)))) {
      if (!(await recordSecondFactorFailure(c, pending))) return backToPassword(req, reply, true);
      return enrolPage(req, reply, m.confirmFailed);
    }
    const codes = await replaceRecoveryCodes(c, pending.userId);
    const session = await completePendingSignIn(c, pending, 'enrolment');
    if (!session) return backToPassword(req, reply);
    return finish(req, reply, session, () =>
      page(req, reply, m.codesTitle, recoveryCodesView(m, { codes, next: pending.back })),
    );
  });
}
