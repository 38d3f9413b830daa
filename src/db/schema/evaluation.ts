import {
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { users } from './actors.js';
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
    evaluatedOn: date().notNull(),
    /** Links to documents: [{ title, url }]. */
    documents: jsonb().notNull().default([]),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluations_subject_idx').on(t.subjectType, t.subjectId)],
);

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
    snapshot: jsonb(),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.strategyId, t.year)],
);
