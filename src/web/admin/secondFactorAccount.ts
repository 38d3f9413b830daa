import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  listPasskeys,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
  type RelyingParty,
} from '../../domain/actors/secondFactor/passkeys.js';
import {
  isRecoveryCodeShaped,
  replaceRecoveryCodes,
  useRecoveryCode,
} from '../../domain/actors/secondFactor/recoveryCodes.js';
import {
  isEnrolled,
  secondFactorRequired,
  secondFactorStatus,
} from '../../domain/actors/secondFactor/status.js';
import {
  confirmTotp,
  pendingTotpSecret,
  removeTotp,
  totpUri,
  verifyTotp,
} from '../../domain/actors/secondFactor/totp.js';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { csrfToken } from '../csrf.js';
import { secondFactorTexts } from '../auth/pendingCookie.js';
import { recoveryCodesView, totpEnrolView } from '../auth/secondFactorViews.js';
import {
  adminRouteKit,
  field,
  noticeText,
  redirectWithNotice,
  type AdminDeps,
} from './adminRouteKit.js';
import {
  SECOND_FACTOR_ACCOUNT_PATH as P,
  secondFactorAccountView,
} from './secondFactorAccountView.js';

/**
 * "Mitt konto" → two-step verification: set up or turn off the authenticator app, make new
 * recovery codes, register and remove passkeys. Only the signed-in user's own factors.
 */
export function secondFactorAccountRoutes(
  app: FastifyInstance,
  deps: Pick<AdminDeps, 'db' | 'now'> & { relyingParty: RelyingParty | null },
) {
  const kit = adminRouteKit(deps);
  const { who, show } = kit;
  const auth = kit.read();
  const csrf = kit.write();

  async function accountPage(req: FastifyRequest, reply: FastifyReply, error?: string) {
    const { user, ctx, locale } = who(req);
    const m = secondFactorTexts(req);
    const body = secondFactorAccountView(m, {
      csrf: csrfToken(req, reply),
      locale,
      status: await secondFactorStatus(ctx, user.userId),
      required: secondFactorRequired(user.role),
      passkeys: deps.relyingParty ? await listPasskeys(ctx, user.userId) : null,
      notice: noticeText(req, m.notices),
      error,
    });
    return show(req, reply, '/admin/konto', m.accountTitle, body, error ? 400 : 200);
  }

  app.get(P, auth, (req, reply) => accountPage(req, reply));

  async function enrolPage(req: FastifyRequest, reply: FastifyReply, error?: string) {
    const { user, ctx } = who(req);
    const secret = await pendingTotpSecret(ctx, user.userId);
    if (!secret) return reply.redirect(P, 303);
    const m = secondFactorTexts(req);
    const body = totpEnrolView(m, {
      csrf: csrfToken(req, reply),
      action: `${P}/app`,
      secret,
      uri: totpUri(secret, user.email),
      required: secondFactorRequired(user.role),
      error,
    });
    return show(req, reply, '/admin/konto', m.enrolTitle, body, error ? 400 : 200);
  }

  app.get(`${P}/app`, auth, (req, reply) => enrolPage(req, reply));

  const showCodes = (req: FastifyRequest, reply: FastifyReply, codes: string[], next: string) => {
    const m = secondFactorTexts(req);
    return show(req, reply, '/admin/konto', m.codesTitle, recoveryCodesView(m, { codes, next }));
  };

  app.post(`${P}/app`, csrf, async (req, reply) => {
    const { user, ctx } = who(req);
    if (!(await confirmTotp(ctx, user.userId, field(req.body, 'code')))) {
      return enrolPage(req, reply, secondFactorTexts(req).confirmFailed);
    }
    const codes = await replaceRecoveryCodes(ctx, user.userId);
    return showCodes(req, reply, codes, `${P}?klart=app`);
  });

  app.post(`${P}/app/ta-bort`, csrf, async (req, reply) => {
    const { user, ctx } = who(req);
    const status = await secondFactorStatus(ctx, user.userId);
    if (!status.totp) return reply.redirect(P, 303);
    if (secondFactorRequired(user.role) && status.passkeys === 0) {
      return accountPage(req, reply, secondFactorTexts(req).appRemoveRefused);
    }
    // A session alone does not turn the app off: a current code (or a recovery code) is asked.
    const code = field(req.body, 'code').slice(0, 64);
    const confirmed = isRecoveryCodeShaped(code)
      ? await useRecoveryCode(ctx, user.userId, code)
      : await verifyTotp(ctx, user.userId, code);
    if (!confirmed) return accountPage(req, reply, secondFactorTexts(req).wrongCode);
    await removeTotp(ctx, user.userId);
    return redirectWithNotice(reply, P, 'borttagen');
  });

  app.post(`${P}/reservkoder`, csrf, async (req, reply) => {
    const { user, ctx } = who(req);
    if (!isEnrolled(await secondFactorStatus(ctx, user.userId))) return reply.redirect(P, 303);
    const codes = await replaceRecoveryCodes(ctx, user.userId);
    return showCodes(req, reply, codes, P);
  });

  app.post(`${P}/nyckel/ta-bort`, csrf, async (req, reply) => {
    const { user, ctx } = who(req);
    const status = await secondFactorStatus(ctx, user.userId);
    if (secondFactorRequired(user.role) && !status.totp && status.passkeys <= 1) {
      return accountPage(req, reply, secondFactorTexts(req).appRemoveRefused);
    }
    await removePasskey(ctx, user.userId, field(req.body, 'id').slice(0, 1400));
    return redirectWithNotice(reply, P, 'nyckelborttagen');
  });

  // The passkey ceremony, for the script: JSON in, JSON out.
  app.post(`${P}/nyckel/alternativ`, csrf, async (req, reply) => {
    const rp = deps.relyingParty;
    if (!rp)
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'Nycklar används inte här.' } });
    const { user, ctx } = who(req);
    reply.header('cache-control', 'no-store');
    return reply.send(await passkeyRegistrationOptions(ctx, rp, user));
  });

  app.post(`${P}/nyckel`, csrf, async (req, reply) => {
    const rp = deps.relyingParty;
    const body = (req.body ?? {}) as { response?: unknown; name?: unknown };
    if (!rp)
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'Nycklar används inte här.' } });
    const { user, ctx } = who(req);
    const ok =
      typeof body.response === 'object' && body.response !== null
        ? await registerPasskey(ctx, rp, {
            userId: user.userId,
            response: body.response as RegistrationResponseJSON,
            name: typeof body.name === 'string' ? body.name : '',
          })
        : false;
    reply.header('cache-control', 'no-store');
    if (!ok) {
      const message = secondFactorTexts(req).passkeyRegisterFailed;
      return reply.status(400).send({ error: { code: 'passkey_refused', message } });
    }
    return reply.send({ redirect: `${P}?klart=nyckel` });
  });
}
