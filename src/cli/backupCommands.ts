import type { ParseArgsConfig } from 'node:util';
import type { Database } from '../db/client.js';
import { context, systemActor } from '../domain/context.js';
import { backupToFile, restoreFromFile } from '../ops/backup.js';

export const backupUsage = `riktning backup <fil>

Skriver en säkerhetskopia av alla data (gzip-komprimerade JSON-rader) i en konsekvent
ögonblicksbild. På PostgreSQL går det medan Riktning körs; den inbäddade databasen kan bara
öppnas av en process åt gången, så stoppa servern först.`;

export const restoreUsage = `riktning restore <fil>

Ersätter alla data med säkerhetskopians, i en transaktion: en skadad eller ofullständig fil
ändrar ingenting. Databasen måste ha samma version av Riktning som säkerhetskopian.`;

export const fileOptions: NonNullable<ParseArgsConfig['options']> = {
  help: { type: 'boolean', short: 'h' },
};

export class FileArgumentError extends Error {}

function fileArgument(positionals: string[]): string {
  if (positionals.length !== 1 || !positionals[0]) throw new FileArgumentError('Ange en fil.');
  return positionals[0];
}

export async function runBackup(database: Database, positionals: string[]): Promise<void> {
  const file = fileArgument(positionals);
  const header = await backupToFile(database.db, file);
  const rows = header.tables.reduce((s, t) => s + t.rows, 0);
  console.log(
    `Säkerhetskopia skriven till ${file}: ${header.tables.length} tabeller, ${rows} rader.`,
  );
}

export async function runRestore(database: Database, positionals: string[]): Promise<void> {
  const file = fileArgument(positionals);
  const header = await restoreFromFile(context(database.db, systemActor('cli')), file);
  console.log(`Återställd från ${file} (säkerhetskopia från ${header.createdAt}).`);
}
