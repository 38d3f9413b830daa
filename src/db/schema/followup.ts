import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { places, users } from './actors.js';
import { initiatives } from './initiatives.js';
import { goals, strategies } from './strategy.js';

/** What the nightly check found at the source, kept until an analyst marks it as seen. */
export interface SourceNotice {
  /** removed: the source no longer knows the KPI or table; discontinued: SCB no longer updates the table. */
  kind: 'removed' | 'renamed' | 'discontinued';
  /** The title before a rename. */
  from?: string;
  /** The title after a rename. */
  to?: string;
  /** When the change was first seen (ISO 8601). */
  at: string;
}

export const indicatorSource = pgEnum('indicator_source', ['kolada', 'scb', 'manual']);
export const indicatorDirection = pgEnum('indicator_direction', ['higher', 'lower']);

export const indicators = pgTable(
  'indicators',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    goalId: integer()
      .notNull()
      .references(() => goals.id),
    slug: text().notNull().unique(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    unit: text().notNull(),
    source: indicatorSource().notNull(),
    sourceRef: text(),
    /** An SCB table's fixed values beside region and time: variable code → value codes. */
    sourceSelection: jsonb().$type<Record<string, string[]>>(),
    direction: indicatorDirection().notNull(),
    genderSplit: boolean().notNull().default(false),
    decimals: integer().notNull().default(1),
    baselineYear: integer(),
    baselineValue: doublePrecision(),
    targetYear: integer(),
    targetValue: doublePrecision(),
    /** Example targets are configuration, never presented as adopted facts. */
    targetIsExample: boolean().notNull().default(true),
    description: text().notNull().default(''),
    methodNote: text().notNull().default(''),
    /** Place codes the indicator is followed for; empty means the county and every municipality. */
    placeCodes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** In a draft strategy version: the indicator it was copied from. */
    sourceIndicatorId: integer().references((): AnyPgColumn => indicators.id),
    /** The source's own title of the KPI or table when last checked; null before the first check. */
    sourceTitle: text(),
    /** A change at the source an analyst has not yet seen to: the KPI removed or renamed. */
    sourceNotice: jsonb().$type<SourceNotice>(),
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the indicator was made public; null while it is a draft the portal does not show. */
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('indicators_goal_idx').on(t.goalId)],
);

export const gender = pgEnum('gender', ['T', 'K', 'M']);

export const importRuns = pgTable('import_runs', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  source: text().notNull(),
  status: text().notNull().default('running'),
  params: jsonb().notNull().default({}),
  rowsRead: integer().notNull().default(0),
  rowsWritten: integer().notNull().default(0),
  rowsNew: integer().notNull().default(0),
  rowsChanged: integer().notNull().default(0),
  rowsUnchanged: integer().notNull().default(0),
  rowsMissing: integer().notNull().default(0),
  durationMs: integer(),
  /** Progress of a running import: units of work done of the total (calls, or rows). */
  progressDone: integer().notNull().default(0),
  progressTotal: integer(),
  /**
   * When the run last showed it was alive: opened, or reported progress. A run still 'running'
   * whose progress is older than a limit was interrupted (its process stopped) and is closed.
   */
  progressAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  errors: jsonb().notNull().default([]),
  triggeredByUserId: integer().references(() => users.id),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});

export const observations = pgTable(
  'observations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    placeCode: text()
      .notNull()
      .references(() => places.code),
    period: integer().notNull(),
    gender: gender().notNull(),
    value: doublePrecision(),
    /** Empty when a value is present; the source's reason (e.g. "Missing") when it is not. */
    status: text().notNull().default(''),
    source: text().notNull(),
    sourceRevision: text(),
    retrievedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    importRunId: integer().references(() => importRuns.id),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [unique().on(t.indicatorId, t.placeCode, t.period, t.gender)],
);

export const reportingPeriodKind = pgEnum('reporting_period_kind', ['ar', 'tertial', 'annan']);

/** A period the owners of active initiatives report for, with its due date. */
export const reportingPeriods = pgTable(
  'reporting_periods',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    kind: reportingPeriodKind().notNull(),
    nameSv: text().notNull(),
    nameEn: text().notNull(),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    dueDate: date().notNull(),
    /** Days before the due date the first reminder goes out. */
    remindDaysBefore: integer().notNull().default(14),
    openedAt: timestamp({ withTimezone: true }),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.strategyId, t.periodStart, t.periodEnd)],
);

/** Reminders sent, one row per period, initiative and kind, so none is sent twice. */
export const reportReminders = pgTable(
  'report_reminders',
  {
    reportingPeriodId: integer()
      .notNull()
      .references(() => reportingPeriods.id),
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    /** 'fore' (before the due date) or 'efter-1', 'efter-2' … (after). */
    kind: text().notNull(),
    recipients: text().array().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportingPeriodId, t.initiativeId, t.kind] })],
);

export const progressReportState = pgEnum('progress_report_state', [
  'utkast',
  'inskickad',
  'publicerad',
  'returnerad',
]);

export const trafficLight = pgEnum('traffic_light', ['enligt-plan', 'risk', 'avvikelse']);

export const progressReports = pgTable(
  'progress_reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    initiativeId: integer()
      .notNull()
      .references(() => initiatives.id),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    trafficLight: trafficLight().notNull(),
    narrative: text().notNull(),
    /** Why the report says risk or deviation and what is done about it; required then. */
    deviationExplanation: text().notNull().default(''),
    /** Outputs such as participants by gender: { participantsK, participantsM, companiesReached }. */
    outputs: jsonb().notNull().default({}),
    spentSek: bigint({ mode: 'number' }),
    /** Money spent per funding line: [{ fundingLineId, amountSek }]. */
    spentByFundingLine: jsonb().notNull().default([]),
    reportingPeriodId: integer().references(() => reportingPeriods.id),
    /** Reports written before review existed are published. */
    state: progressReportState().notNull().default('publicerad'),
    /** A check-in: nothing new since the last report. */
    isCheckIn: boolean().notNull().default(false),
    reviewComment: text(),
    reviewedByUserId: integer().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    submittedByUserId: integer().references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [index('progress_reports_initiative_idx').on(t.initiativeId, t.periodEnd)],
);

/** A value that changed at a later import: the old and the new value, and when. */
export const observationRevisions = pgTable(
  'observation_revisions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    observationId: integer()
      .notNull()
      .references(() => observations.id),
    oldValue: doublePrecision(),
    newValue: doublePrecision(),
    oldStatus: text().notNull().default(''),
    newStatus: text().notNull().default(''),
    importRunId: integer().references(() => importRuns.id),
    revisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('observation_revisions_observation_idx').on(t.observationId)],
);
