/**
 * A process of its own for the crash test: runs the bulk initiative import (the same command the
 * admin upload calls) on the configured database, as the system actor, and reports the outcome.
 * Usage: node --import tsx test/reliability/bulkImportChild.ts <file.csv>
 */
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { context, systemActor } from '../../src/domain/context.js';
import { readBulkCsv } from '../../src/domain/initiatives/bulkFile.js';
import { importInitiatives } from '../../src/domain/initiatives/bulkInitiatives.js';

const database = await openDatabase(loadConfig(process.env).database);
try {
  await migrateDatabase(database);
  const table = readBulkCsv(await readFile(process.argv[2]!, 'utf8'));
  const result = await importInitiatives(context(database.db, systemActor('bulk')), table);
  console.log(
    result.ok
      ? `Klart: ${result.created} skapade, ${result.updated} ändrade.`
      : `Fel: ${JSON.stringify(result.issues.slice(0, 5))}`,
  );
  process.exitCode = result.ok ? 0 : 2;
} finally {
  await database.close();
}
