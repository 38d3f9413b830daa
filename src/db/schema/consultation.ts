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
} from 'drizzle-orm/pg-core';
import { organisations, places, users } from './actors.js';
import { documents } from './documents.js';
import { goals, strategies } from './strategy.js';

export const consultationStatus = pgEnum('consultation_status', [
  'planerad',
  'oppen',
  'stangd',
  'sammanstalld',
]);

/** A consultation (remiss and open dialogue) on a draft strategy version. */
export const consultations = pgTable(
  'consultations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    titleSv: text().notNull(),
    titleEn: text().notNull().default(''),
    introductionSv: text().notNull().default(''),
    introductionEn: text().notNull().default(''),
    /** The questions to answer: [{ key, textSv, textEn }]. */
    questions: jsonb().notNull().default([]),
    opensOn: date().notNull(),
    closesOn: date().notNull(),
    status: consultationStatus().notNull().default('planerad'),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** The "sammanställning av remissvar", frozen when published. */
    compilationIntroductionSv: text().notNull().default(''),
    compilationSnapshot: jsonb(),
    compilationPublishedAt: timestamp({ withTimezone: true }),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultations_strategy_idx').on(t.strategyId)],
);

/** Organisations invited to submit a formal response (remissinstanser). */
export const consultationInvitees = pgTable(
  'consultation_invitees',
  {
    consultationId: integer()
      .notNull()
      .references(() => consultations.id),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    invitedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    emailedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.organisationId] })],
);

export const responseStatus = pgEnum('consultation_response_status', ['utkast', 'inskickad']);

/** An organisation's formal response (remissvar); private to the organisation until submitted. */
export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer()
      .notNull()
      .references(() => consultations.id),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    status: responseStatus().notNull().default('utkast'),
    summary: text().notNull().default(''),
    attachmentDocumentId: integer().references(() => documents.id),
    version: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }),
    submittedByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_responses_consultation_idx').on(t.consultationId, t.organisationId)],
);

export const feedbackTag = pgEnum('consultation_feedback_tag', [
  'tillgodosedd',
  'delvis',
  'ej-tillgodosedd',
]);

/** One part of a response: on a goal, on a question, or general (both null). */
export const consultationResponseItems = pgTable(
  'consultation_response_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    responseId: integer()
      .notNull()
      .references(() => consultationResponses.id),
    goalId: integer().references(() => goals.id),
    questionKey: text(),
    body: text().notNull(),
    tag: feedbackTag(),
    regionAnswer: text(),
  },
  (t) => [index('consultation_response_items_response_idx').on(t.responseId)],
);

export const commentStatus = pgEnum('consultation_comment_status', [
  'vantar-verifiering',
  'vantar-moderering',
  'publicerad',
  'dold',
]);

/** A comment in the open dialogue. The email is private and used only to verify and answer. */
export const consultationComments = pgTable(
  'consultation_comments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer()
      .notNull()
      .references(() => consultations.id),
    goalId: integer().references(() => goals.id),
    displayName: text().notNull(),
    body: text().notNull(),
    email: text(),
    userId: integer().references(() => users.id),
    verificationTokenHash: text().unique(),
    verifiedAt: timestamp({ withTimezone: true }),
    status: commentStatus().notNull().default('vantar-verifiering'),
    moderatedByUserId: integer().references(() => users.id),
    moderatedAt: timestamp({ withTimezone: true }),
    moderationReason: text(),
    tag: feedbackTag(),
    regionAnswer: text(),
    ipHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_comments_consultation_idx').on(t.consultationId, t.status)],
);

/** A dialogue meeting held as part of a consultation. */
export const dialogueMeetings = pgTable(
  'dialogue_meetings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer()
      .notNull()
      .references(() => consultations.id),
    heldOn: date().notNull(),
    venue: text().notNull(),
    placeCode: text().references(() => places.code),
    participantsWomen: integer().notNull().default(0),
    participantsMen: integer().notNull().default(0),
    participantsOther: integer().notNull().default(0),
    notes: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dialogue_meetings_consultation_idx').on(t.consultationId)],
);

/** At adoption: which goals of the new version take over from a goal of the old one. */
export const goalMappings = pgTable(
  'goal_mappings',
  {
    fromGoalId: integer()
      .notNull()
      .references(() => goals.id),
    toGoalId: integer()
      .notNull()
      .references(() => goals.id),
    createdByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromGoalId, t.toGoalId] })],
);
