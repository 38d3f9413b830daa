import {
  boolean,
  date,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { organisations } from './actors.js';

export const strategyStatus = pgEnum('strategy_status', ['draft', 'adopted', 'archived']);

/** One RUS version. Several versions live side by side. */
export const strategies = pgTable('strategies', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  slug: text().notNull().unique(),
  nameSv: text().notNull(),
  nameEn: text().notNull(),
  periodStart: integer().notNull(),
  periodEnd: integer().notNull(),
  visionSv: text().notNull(),
  visionEn: text().notNull(),
  /** The strategy document's chapters (Swedish and English), shown as /strategin. */
  introductionSv: text().notNull().default(''),
  introductionEn: text().notNull().default(''),
  /** How the strategy relates to Agenda 2030 and to the national strategy. */
  agenda2030Sv: text().notNull().default(''),
  agenda2030En: text().notNull().default(''),
  nationalStrategySv: text().notNull().default(''),
  nationalStrategyEn: text().notNull().default(''),
  /** How the strategy is followed up and evaluated. */
  followUpSv: text().notNull().default(''),
  followUpEn: text().notNull().default(''),
  status: strategyStatus().notNull().default('draft'),
  adoptedOn: date(),
  /** The decision's registration number (diarienummer) at adoption. */
  diarienummer: text(),
  /** The version a draft was started from. */
  derivedFromStrategyId: integer().references((): AnyPgColumn => strategies.id),
  archivedAt: timestamp({ withTimezone: true }),
  isCurrent: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const goalAreas = pgTable(
  'goal_areas',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    slug: text().notNull(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    descriptionSv: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    colour: text().notNull(),
    position: integer().notNull(),
    /** In a draft version: the goal area of the version it was copied from. */
    sourceGoalAreaId: integer().references((): AnyPgColumn => goalAreas.id),
  },
  (t) => [unique().on(t.strategyId, t.slug)],
);

export const goals = pgTable(
  'goals',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    goalAreaId: integer()
      .notNull()
      .references(() => goalAreas.id),
    code: text().notNull(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    descriptionSv: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    position: integer().notNull(),
    /** In a draft version: the goal of the version it was copied from. */
    sourceGoalId: integer().references((): AnyPgColumn => goals.id),
  },
  (t) => [unique().on(t.goalAreaId, t.code)],
);

export const perspectives = pgTable(
  'perspectives',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    slug: text().notNull(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    descriptionSv: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    position: integer().notNull(),
    sourcePerspectiveId: integer().references((): AnyPgColumn => perspectives.id),
  },
  (t) => [unique().on(t.strategyId, t.slug)],
);

export const sdgGoals = pgTable('sdg_goals', {
  number: integer().primaryKey(),
  colour: text().notNull(),
  shortSv: text(),
  shortEn: text().notNull(),
  titleSv: text(),
  titleEn: text().notNull(),
});

export const sdgTargets = pgTable('sdg_targets', {
  code: text().primaryKey(),
  goalNumber: integer()
    .notNull()
    .references(() => sdgGoals.number),
  titleSv: text(),
  titleEn: text().notNull(),
  position: integer().notNull(),
});

/** Other frameworks read against the strategy, as taxonomies (national strategy, EU policy objectives). */
export const frameworks = pgTable('frameworks', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  slug: text().notNull().unique(),
  nameSv: text().notNull(),
  nameEn: text().notNull(),
  sourceNote: text().notNull().default(''),
});

export const frameworkCategories = pgTable(
  'framework_categories',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    frameworkId: integer()
      .notNull()
      .references(() => frameworks.id),
    code: text().notNull(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [unique().on(t.frameworkId, t.code)],
);

export const actionProgrammes = pgTable(
  'action_programmes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    slug: text().notNull(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    descriptionSv: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    ownerOrganisationId: integer().references(() => organisations.id),
    periodStart: integer().notNull(),
    periodEnd: integer().notNull(),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [unique().on(t.strategyId, t.slug)],
);

export const actionProgrammeGoalAreas = pgTable(
  'action_programme_goal_areas',
  {
    programmeId: integer()
      .notNull()
      .references(() => actionProgrammes.id),
    goalAreaId: integer()
      .notNull()
      .references(() => goalAreas.id),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.goalAreaId] })],
);

export const measures = pgTable(
  'measures',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    programmeId: integer()
      .notNull()
      .references(() => actionProgrammes.id),
    code: text().notNull(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    descriptionSv: text().notNull().default(''),
  },
  (t) => [unique().on(t.programmeId, t.code)],
);
