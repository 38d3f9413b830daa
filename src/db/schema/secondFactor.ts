import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './actors.js';

/**
 * A user's TOTP secret (RFC 6238). Shown once, at enrolment, and never again; confirmed when the
 * first code from the app matched. The last accepted time step is kept so a code is used once.
 */
export const totpSecrets = pgTable('totp_secrets', {
  userId: integer()
    .primaryKey()
    .references(() => users.id),
  /** Base32, as the authenticator app was given it. */
  secret: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  lastUsedStep: integer(),
});

/** Single-use recovery codes, stored as the SHA-256 of the normalised code. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** Passkeys (WebAuthn credentials): the public key only; the private key never leaves the device. */
export const passkeyCredentials = pgTable(
  'passkey_credentials',
  {
    /** The credential id, base64url. */
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    /** The COSE public key, base64url. */
    publicKey: text().notNull(),
    signCount: integer().notNull().default(0),
    transports: jsonb().$type<string[]>().notNull().default([]),
    name: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('passkey_credentials_user_idx').on(t.userId)],
);

/**
 * Sign-ins whose password was right and whose second factor is still to come: a short-lived
 * half session that opens nothing but the second step. The id is the SHA-256 of the cookie's
 * token.
 */
export const pendingSignIns = pgTable(
  'pending_sign_ins',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    failedAttempts: integer().notNull().default(0),
    ip: text(),
    userAgent: text(),
    /** Where the user goes once signed in (a path on this site). */
    back: text().notNull().default('/admin'),
    /** The WebAuthn challenge of the passkey step, when one was asked for. */
    challenge: text(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('pending_sign_ins_user_idx').on(t.userId)],
);

/** The challenge of a passkey registration from the account page; single use, short-lived. */
export const passkeyChallenges = pgTable('passkey_challenges', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  userId: integer()
    .notNull()
    .references(() => users.id),
  challenge: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});
