import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './actors.js';

/** A user's identity at an OpenID Connect provider (issuer + subject), linked to one account. */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    issuer: text().notNull(),
    subject: text().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    email: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp({ withTimezone: true }),
  },
  (t) => [unique().on(t.issuer, t.subject), index('oidc_identities_user_idx').on(t.userId)],
);

/**
 * Tokens for an organisation's own systems to use the write API. Only the SHA-256 of the token
 * is stored; the token is shown once. Scoped to one organisation; revocable.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The first characters of the token, to recognise it in the list. */
    prefix: text().notNull(),
    createdByUserId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('api_tokens_organisation_idx').on(t.organisationId)],
);

/** The stored answer to a POST with an Idempotency-Key, replayed when the same key comes again. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tokenId: integer()
      .notNull()
      .references(() => apiTokens.id),
    key: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer().notNull(),
    responseBody: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] })],
);
