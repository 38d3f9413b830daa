import { bigint, customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './actors.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Uploaded files (evaluation reports, remissvar attachments), kept in the database so a backup
 * holds everything and several processes see the same files. Type and size are checked before
 * a row is written; the SHA-256 lets a reader verify what they downloaded.
 */
export const documents = pgTable('documents', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  filename: text().notNull(),
  contentType: text().notNull(),
  sizeBytes: bigint({ mode: 'number' }).notNull(),
  sha256: text().notNull(),
  content: bytea().notNull(),
  uploadedByUserId: integer().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
