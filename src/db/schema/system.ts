import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './actors.js';

/** Who did what to which record, when, with the before and after. Written in the same transaction. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer().references(() => users.id),
    /** "system:seed", "cli", "user:12" — readable even when no user row exists. */
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_time_idx').on(t.occurredAt),
  ],
);

/** Background work, claimed with SELECT … FOR UPDATE SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    payload: jsonb().notNull().default({}),
    status: text().notNull().default('queued'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lastError: text(),
    lockedAt: timestamp({ withTimezone: true }),
    lockedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('jobs_queue_idx').on(t.status, t.runAt)],
);

/** Problems with accessibility reported by visitors, as DOS-lagen requires; read by administrators. */
export const accessibilityReports = pgTable('accessibility_reports', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  pageUrl: text().notNull(),
  description: text().notNull(),
  /** Optional, only to answer the reporter; never shown publicly. */
  contactEmail: text(),
  /** 'ny' until someone at the Region has handled it, then 'hanterad'. */
  status: text().notNull().default('ny'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  handledAt: timestamp({ withTimezone: true }),
  handledByUserId: integer().references(() => users.id, { onDelete: 'set null' }),
  /** What was done or answered, written by the person who handled it. */
  handlingNote: text(),
});
