import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { type Mailer } from '../../mail/mailer.js';
import { createOutboxMailer } from '../../mail/outbox.js';
import { adminRoutes } from '../admin/routes.js';
import { apiTokenRoutes } from '../admin/apiTokensRoutes.js';
import { followupAdminRoutes } from '../admin/importsAdmin.js';
import { reportingAdminRoutes } from '../admin/reportingRoutes.js';
import { privacyRoutes } from '../admin/privacyRoutes.js';
import { strategyAdminRoutes } from '../admin/strategyRoutes.js';
import { consultationAdminRoutes } from '../admin/consultationRoutes.js';
import { mailOutboxRoutes } from '../admin/mailOutbox.js';
import { accessibilityReportsRoutes } from '../admin/accessibilityReportsRoutes.js';
import { auditLogRoutes } from '../admin/auditLog.js';
import { organisationRoutes } from '../admin/organisations.js';
import { userRoutes } from '../admin/users.js';
import { secondFactorAccountRoutes } from '../admin/secondFactorAccount.js';
import { relyingPartyOf } from '../../domain/actors/secondFactor/passkeys.js';
import { passkeyRoutes } from './passkeyRoutes.js';
import { authRoutes } from './routes.js';
import { secondFactorRoutes } from './secondFactorRoutes.js';
import { loadAccount } from './session.js';
import { publicUrl } from '../siteConfig.js';

export interface AccountsOptions {
  db: Db;
  /** Defaults to SMTP_URL and MAIL_FROM from the environment. */
  mailer?: Mailer;
  /** The clock; tests move it to expire sessions and links. */
  now?: () => Date;
  /** The configuration, read once by buildApp (src/config.ts). */
  config: Config;
}

/**
 * Accounts and the admin area, in their own scope: the session is loaded only for these routes,
 * so the public, cached pages never read a cookie.
 */
export async function accountsPlugin(app: FastifyInstance, options: AccountsOptions) {
  const config = options.config;
  const now = options.now ?? (() => new Date());
  const mailer = options.mailer ?? createOutboxMailer(config.mail, options.db, app.log);
  const baseUrl = publicUrl;
  app.decorateRequest('account', null);
  app.addHook('preHandler', loadAccount(options.db, now));
  const deps = { db: options.db, mailer, now, baseUrl, oidc: config.oidc };
  authRoutes(app, deps);
  // Passkeys take their relying party from the configured public URL only.
  const relyingParty = relyingPartyOf(config.publicUrl);
  secondFactorRoutes(app, { ...deps, passkeys: relyingParty !== null });
  passkeyRoutes(app, { ...deps, relyingParty });
  secondFactorAccountRoutes(app, { ...deps, relyingParty });
  userRoutes(app, deps);
  organisationRoutes(app, deps);
  auditLogRoutes(app, deps);
  mailOutboxRoutes(app, deps);
  accessibilityReportsRoutes(app, deps);
  adminRoutes(app, deps);
  reportingAdminRoutes(app, deps);
  privacyRoutes(app, deps);
  strategyAdminRoutes(app, deps);
  consultationAdminRoutes(app, deps);
  apiTokenRoutes(app, deps);
  followupAdminRoutes(app, { ...deps, sources: config.sources });
}
