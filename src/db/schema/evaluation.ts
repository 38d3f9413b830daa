import {
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { users } from './actors.js';
import { documents } from './documents.js';
import { initiatives } from './initiatives.js';
import { strategies } from './strategy.js';

export const evaluationSubject = pgEnum('evaluation_subject', ['initiative', 'programme', 'goal']);

export const evaluations = pgTable(
  'evaluations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    subjectType: evaluationSubject().notNull(),
    subjectId: integer().notNull(),
    title: text().notNull(),
    method: text().notNull(),
    evaluator: text().notNull(),
    findings: text().notNull(),
    recommendations: text().notNull().default(''),
    /** Evaluations written before review existed are published. */
    publishedAt: timestamp({ withTimezone: true }).defaultNow(),
    evaluatedOn: date().notNull(),
    /** Links to documents: [{ title, url }]. */
    documents: jsonb().notNull().default([]),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluations_subject_idx').on(t.subjectType, t.subjectId)],
);

/** Documents attached to an evaluation (PDF reports), stored in `documents`. */
export const evaluationDocuments = pgTable(
  'evaluation_documents',
  {
    evaluationId: integer()
      .notNull()
      .references(() => evaluations.id),
    documentId: integer()
      .notNull()
      .references(() => documents.id),
    title: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.documentId] })],
);

/**
 * A simple logic model of an initiative: activities lead to outputs, outputs to outcomes, and
 * outcomes to goals of the strategy. Steps: [{ kind: 'aktivitet'|'resultat'|'effekt', textSv,
 * textEn, goalIds }], in order.
 */
export const logicModels = pgTable('logic_models', {
  initiativeId: integer()
    .primaryKey()
    .references(() => initiatives.id),
  steps: jsonb().notNull().default([]),
  updatedByUserId: integer().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const followUpReportStatus = pgEnum('follow_up_report_status', ['draft', 'published']);

/** A year's follow-up report: generated from the data, frozen as a snapshot when published. */
export const followUpReports = pgTable(
  'follow_up_reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    year: integer().notNull(),
    title: text().notNull(),
    status: followUpReportStatus().notNull().default('draft'),
    introduction: text().notNull().default(''),
    /** Editors' introductions per goal area: { [goalAreaId]: { sv, en } }. */
    areaIntroductions: jsonb().notNull().default({}),
    snapshot: jsonb(),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.strategyId, t.year)],
);
