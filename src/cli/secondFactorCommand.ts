import type { ParseArgsConfig } from 'node:util';
import { assertDatabaseRegion } from '../region/installation.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { resetSecondFactors } from '../domain/actors/secondFactor/removeSecondFactors.js';
import { context, systemActor } from '../domain/context.js';

/** The shape main.ts keeps in its commands map. */
interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const usage = `riktning user reset-second-factor --email <e-post>

Tar bort användarens andra steg (autentiseringsapp, reservkoder och nycklar) och avslutar
användarens inloggningar, för den som har tappat både telefonen och reservkoderna. Kontrollera
först vem som frågar. Administratörer och samordnare ställer in ett nytt andra steg vid nästa
inloggning. Återställningen loggas i ändringsloggen.`;

export const resetSecondFactorCommand: Command = {
  summary: 'Återställ en användares andra steg (tvåstegsverifiering)',
  usage,
  options: { help: { type: 'boolean', short: 'h' }, email: { type: 'string' } },
  async run(values) {
    const email = typeof values.email === 'string' ? values.email : '';
    if (!email) {
      console.error(`Ange --email.\n\n${usage}`);
      return EXIT.usage;
    }
    const config = loadConfig();
    const database = await openDatabase(config.database);
    try {
      await migrateDatabase(database);
      await assertDatabaseRegion(database);
      const result = await resetSecondFactors(context(database.db, systemActor('cli')), email);
      if (!result.ok) {
        for (const i of result.issues) console.error(`${i.field}: ${i.message}`);
        return EXIT.usage;
      }
      console.log(
        `Det andra steget för ${email.trim().toLowerCase()} är återställt; inloggningarna är avslutade.`,
      );
      return EXIT.ok;
    } finally {
      await database.close();
    }
  },
};
