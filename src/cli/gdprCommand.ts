import { writeFile } from 'node:fs/promises';
import { assertDatabaseRegion } from '../region/installation.js';
import type { ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { context, systemActor, type Ctx } from '../domain/context.js';
import { anonymiseUser } from '../domain/privacy/anonymiseUser.js';
import { extractPersonalData, extractIsEmpty } from '../domain/privacy/extractPersonalData.js';
import type { Issue } from '../domain/result.js';

/** The shape main.ts keeps in its commands map. */
interface GdprCommand {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
const help = { type: 'boolean', short: 'h' } as const;

const extractUsage = `riktning gdpr extract <e-postadress> [--out <fil>]

Registerutdrag (GDPR artikel 15): allt som finns lagrat om personen med e-postadressen –
användarkontot, medlemskap, inloggningar (tid, IP-adress, webbläsare), händelser i
ändringsloggen som personen gjort, kommentarer och remissvar, insatser där adressen är
kontaktadress och tillgänglighetsrapporter – som JSON. Lösenord och nycklar ingår aldrig.
Utdraget loggas i ändringsloggen.

  --out   Skriv utdraget till en fil i stället för till standard ut`;

const anonymiseUsage = `riktning gdpr anonymise <e-postadress> --yes

Anonymiserar en användare som slutat: namn och e-postadress ersätts med en pseudonym,
lösenord, inloggningar, inloggningsidentiteter och medlemskap tas bort, adressen rensas
från insatsers kontaktuppgifter, kommentarer och ändringsloggen. Ändringsloggen behålls,
med pseudonymen. Kan inte ångras; bekräfta med --yes.`;

async function withCtx(fn: (ctx: Ctx) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    await assertDatabaseRegion(database);
    return await fn(context(database.db, systemActor('gdpr')));
  } finally {
    await database.close();
  }
}

function refuse(usage: string, message: string): number {
  console.error(`${message}\n\n${usage}`);
  return EXIT.usage;
}

const issuesText = (issues: Issue[]) => issues.map((i) => i.message).join('\n');

export const gdprCommands: Record<'gdpr extract' | 'gdpr anonymise', GdprCommand> = {
  'gdpr extract': {
    summary: 'Registerutdrag om en person (GDPR art. 15) som JSON',
    usage: extractUsage,
    options: { help, out: { type: 'string' } },
    positionals: true,
    run: (values, positionals) => {
      if (positionals.length !== 1) {
        return Promise.resolve(refuse(extractUsage, 'Ange en e-postadress.'));
      }
      return withCtx(async (ctx) => {
        const result = await extractPersonalData(ctx, { email: positionals[0]! });
        if (!result.ok) return refuse(extractUsage, issuesText(result.issues));
        const json = `${JSON.stringify(result.value, null, 2)}\n`;
        if (typeof values.out === 'string') {
          await writeFile(values.out, json, { mode: 0o600 });
          console.log(`Registerutdraget är skrivet till ${values.out}.`);
        } else {
          process.stdout.write(json);
        }
        if (extractIsEmpty(result.value)) {
          console.error('Inget finns lagrat om den e-postadressen.');
        }
        return EXIT.ok;
      });
    },
  },
  'gdpr anonymise': {
    summary: 'Anonymisera en användare som slutat',
    usage: anonymiseUsage,
    options: { help, yes: { type: 'boolean' } },
    positionals: true,
    run: (values, positionals) => {
      if (positionals.length !== 1) {
        return Promise.resolve(refuse(anonymiseUsage, 'Ange en e-postadress.'));
      }
      if (!values.yes) {
        return Promise.resolve(
          refuse(anonymiseUsage, 'Anonymisering kan inte ångras; bekräfta med --yes.'),
        );
      }
      return withCtx(async (ctx) => {
        const result = await anonymiseUser(ctx, { email: positionals[0]! });
        if (!result.ok) return refuse(anonymiseUsage, issuesText(result.issues));
        const c = result.value.cleared;
        console.log(
          `Användare ${result.value.userId} är anonymiserad och heter nu "${result.value.pseudonym}". ` +
            `Borttaget: ${c.sessions} inloggningar, ${c.memberships} medlemskap, ${c.signInIdentities} inloggningsidentiteter. ` +
            `Rensat: ${c.initiativeContacts} kontaktadresser på insatser, ${c.comments} kommentarer, ${c.auditEvents} händelser i ändringsloggen.`,
        );
        return EXIT.ok;
      });
    },
  },
};
