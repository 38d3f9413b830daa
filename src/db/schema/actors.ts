import {
  boolean,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

export const placeKind = pgEnum('place_kind', ['riket', 'region', 'kommun']);

/** Region, municipalities and the country, keyed by official code (Kolada: 0008, 0880, 0000). */
export const places = pgTable('places', {
  code: text().primaryKey(),
  kind: placeKind().notNull(),
  nameSv: text().notNull(),
  nameEn: text().notNull(),
  scbCode: text().notNull(),
  parentCode: text().references((): AnyPgColumn => places.code),
  geometry: jsonb(),
  /** A comparison area (another län, its municipalities): imported and compared, never listed as own. */
  comparison: boolean().notNull().default(false),
});

/**
 * The one row that says which region this database belongs to: the region pack's län code,
 * written at the first seed. A start with another region's pack is refused (one database, one region).
 */
export const installation = pgTable('installation', {
  id: integer().primaryKey().default(1),
  lanCode: text().notNull(),
  regionName: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const organisationKind = pgEnum('organisation_kind', [
  'kommun',
  'region',
  'statlig-myndighet',
  'larosate',
  'foretag',
  'ideell-forening',
  'ovrig',
]);

export const organisations = pgTable('organisations', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  kind: organisationKind().notNull(),
  orgNumber: text().unique(),
  municipalityCode: text().references(() => places.code),
  website: text(),
  isDemo: boolean().notNull().default(false),
  archivedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const userRole = pgEnum('user_role', ['admin', 'samordnare', 'analytiker', 'aktor']);

export const users = pgTable('users', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  email: text().notNull().unique(),
  name: text().notNull().default(''),
  role: userRole().notNull(),
  passwordHash: text(),
  disabledAt: timestamp({ withTimezone: true }),
  /** Set when a leaving user's personal data was removed; the row stays for the audit trail. */
  anonymisedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const membershipRole = pgEnum('membership_role', ['editor', 'reporter']);

export const memberships = pgTable(
  'memberships',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    role: membershipRole().notNull().default('editor'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] })],
);
