import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organisations, userRole, users } from './actors.js';

/**
 * Signed-in sessions. The id is the SHA-256 of the random token in the cookie, so a leaked
 * database does not leak usable sessions.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Invitations to an account; the token is stored as its SHA-256. */
export const invitations = pgTable('invitations', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  tokenHash: text().notNull().unique(),
  email: text().notNull(),
  role: userRole().notNull(),
  organisationId: integer().references(() => organisations.id),
  invitedByUserId: integer().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  acceptedAt: timestamp({ withTimezone: true }),
});

/** Password reset links; single use, short-lived, stored as the token's SHA-256. */
export const passwordResets = pgTable('password_resets', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  tokenHash: text().notNull().unique(),
  userId: integer()
    .notNull()
    .references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});

/** Failed sign-ins, keyed 'email:<address>' or 'ip:<address>', for rate limiting. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('login_attempts_key_at_idx').on(t.key, t.at)],
);
