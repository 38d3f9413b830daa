import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DatabaseOpenError, migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { addUser, userRoles } from '../domain/actors/addUser.js';
import { context, systemActor } from '../domain/context.js';
import { importCommands } from './importCommand.js';
import { startServer } from './serve.js';
import { seedDemo } from '../seed/seedDemo.js';
import { seedReference } from '../seed/seedReference.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, config: 78 } as const;

class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes plain arguments, such as a file name. */
  positionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const help = { type: 'boolean', short: 'h' } as const;

const commands: Record<string, Command> = {
  serve: {
    summary: 'Migrera, läs in grunddata och starta webbplatsen',
    usage: `riktning serve

Migrerar databasen, läser in strategin och referensdata om de saknas (och demodata i en tom
databas om RIKTNING_DEMO_DATA inte är false) och startar webbplatsen på HOST:PORT.`,
    options: { help },
    run: async () => {
      await startServer(config());
      return EXIT.ok;
    },
  },
  migrate: {
    summary: 'Kör databasmigreringar',
    usage: `riktning migrate

Kör de migreringar som saknas, i en transaktion. Misslyckas en migrering lämnas databasen orörd.`,
    options: { help },
    run: () =>
      withDatabase(async () => {
        console.log('Databasen är migrerad.');
        return EXIT.ok;
      }),
  },
  seed: {
    summary: 'Läs in strategin och referensdata, med --demo även demodata',
    usage: `riktning seed [--demo]

Läser in strategin, Agenda 2030 och länets platser om de saknas. Med --demo läses också
demodata in (organisationer, insatser, indikatorer) om den inte redan finns. Körs om utan
att något dubbleras.`,
    options: { help, demo: { type: 'boolean' } },
    run: (values) =>
      withDatabase(async (database) => {
        const ctx = context(database.db, systemActor('seed'));
        const ref = await seedReference(ctx);
        console.log(
          `Referensdata: strategi ${ref.strategy ? 'inläst' : 'fanns redan'}, Agenda 2030 ${ref.sdg ? 'inläst' : 'fanns redan'}, platser ${ref.places ? 'inlästa' : 'fanns redan'}.`,
        );
        if (values.demo) {
          const demo = await seedDemo(ctx);
          console.log(
            demo.loaded
              ? `Demodata inläst: ${demo.organisations} organisationer, ${demo.initiatives} insatser, ${demo.indicators} indikatorer, ${demo.observations} utfall, ${demo.progressReports} lägesrapporter.`
              : 'Demodata fanns redan; inget lades till.',
          );
        }
        return EXIT.ok;
      }),
  },
  'user add': {
    summary: 'Lägg till en användare',
    usage: `riktning user add --email <e-post> --role <roll> [--name <namn>]

Roller: ${userRoles.join(', ')}.`,
    options: {
      help,
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
    },
    run: (values) => {
      if (typeof values.email !== 'string' || typeof values.role !== 'string') {
        throw new UsageError('Ange både --email och --role.');
      }
      const input = {
        email: values.email,
        role: values.role as (typeof userRoles)[number],
        name: typeof values.name === 'string' ? values.name : '',
      };
      return withDatabase(async (database) => {
        const result = await addUser(context(database.db, systemActor('cli')), input);
        if (!result.ok) {
          for (const i of result.issues) console.error(`${i.field}: ${i.message}`);
          return EXIT.usage;
        }
        console.log(
          `Användaren ${input.email} har lagts till (id ${result.value.id}, roll ${input.role}).`,
        );
        return EXIT.ok;
      });
    },
  },
  'import kolada': importCommands.kolada,
  'import scb': importCommands.scb,
  'import csv': importCommands.csv,
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return `riktning – öppen plattform för regional utvecklingsstrategi

Användning: riktning <kommando> [flaggor]

Kommandon:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Flaggor:
  -h, --help     Visa hjälp (även för ett kommando: riktning seed --help)
  -v, --version  Visa versionen

Konfiguration läses från miljövariabler; se README.`;
}

function config(): Config {
  return loadConfig(process.env);
}

async function withDatabase(fn: (database: Database) => Promise<number>): Promise<number> {
  const database = await openDatabase(config().database);
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    console.log(mainHelp());
    return first ? EXIT.ok : EXIT.usage;
  }
  if (first === '--version' || first === '-v') {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    console.log(pkg.version);
    return EXIT.ok;
  }
  const name = commands[`${first} ${second}`] ? `${first} ${second}` : first;
  const command = commands[name];
  if (!command) {
    console.error(`Okänt kommando: ${argv.slice(0, 2).join(' ')}\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  const rest = argv.slice(name.split(' ').length);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    if (values.help) {
      console.log(command.usage);
      return EXIT.ok;
    }
    return await command.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return EXIT.config;
    }
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`${(err as Error).message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    if (err instanceof DatabaseOpenError) {
      console.error(err.message);
      return EXIT.failure;
    }
    console.error(`Fel: ${(err as Error).message}`);
    return EXIT.failure;
  }
}
